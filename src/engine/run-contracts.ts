/**
 * The engine's run loop, shared by the action and the CLI: read and parse the contracts, plan the checks, fire
 * each webhook the way Marketo would, judge what came back, and build the run's report.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallOutcome } from '../judging/call-outcome.js';
import type { CheckResult, RunReport } from '../judging/check-result.js';
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import type { Webhook } from '../contracts/contract.js';
import { capProblemsPerFile } from '../contracts/cap-problems.js';
import { ContractFileError, formatProblem } from '../contracts/errors.js';
import type { ContractProblem } from '../contracts/errors.js';
import { checkHostPolicy } from '../requests/host-policy.js';
import { createHostDescriber } from '../requests/describe-host.js';
import type { DescribeHost } from '../requests/describe-host.js';
import { createSecretBearingTest } from '../requests/secret-bearing.js';
import type { SecretBearingTest } from '../requests/secret-bearing.js';
import { recordEnvReads } from './record-env-reads.js';
import { createJudge } from '../judging/judge-check.js';
import type { Judge } from '../judging/judge-check.js';
import { parseReadContracts } from '../contracts/parse-read-contracts.js';
import { assertShard, isInShard, planChecks } from './plan-checks.js';
import type { PlannedCheck } from './plan-checks.js';
import type { HttpClient, Log, RunDeps, RunSettings, SendOptions } from './ports.js';
import { createRequestRenderer } from '../requests/render-request.js';
import { computeRetryDelay, isRetryable } from './retry-policy.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import { buildRunReport } from '../reports/run-summary.js';
import { createRedactor } from '../reports/redaction/redact-secrets.js';
import type { Redact } from '../reports/redaction/redact-secrets.js';

export interface RunResult {
  readonly report: RunReport;
  /** Every value the contracts read from the environment, for the caller to mask and redact from its outputs. */
  readonly secrets: readonly string[];
}

/** A planned check with what it needs to run: prepared before any request, so a contract error calls nothing. */
type PreparedCheck =
  | { readonly kind: 'skip'; readonly judge: Judge; readonly check: PlannedCheck }
  | {
      readonly kind: 'blocked';
      readonly judge: Judge;
      readonly check: PlannedCheck;
      readonly request: RenderedRequest;
      readonly reason: string;
    }
  | {
      readonly kind: 'send';
      readonly judge: Judge;
      readonly check: PlannedCheck;
      readonly request: RenderedRequest;
      /** Shared by every check of the webhook. */
      readonly options: SendOptions;
    };

/**
 * Runs the contracts named by `settings.contracts`.
 *
 * Results come back in plan order whatever order the calls finish in; `deps.onCheck` is told as each finishes.
 * At most `settings.concurrency` calls are in flight at once.
 *
 * @throws ContractFileError when a contract file is invalid (every problem at once); nothing is called then.
 * @throws InputError for an invalid shard.
 */
export async function runContracts(settings: RunSettings, deps: RunDeps): Promise<RunResult> {
  const recorded = recordEnvReads(settings.env, settings.publicEnv);
  const files = await parseReadContracts(
    await deps.files.read(settings.contracts),
    recorded.env,
    deps.files.readSampleFile?.bind(deps.files),
    settings.publicEnv,
  );
  // The loader's own list, and every value it read from the environment by any route.
  const secrets = [...new Set([...files.flatMap((file) => file.secrets), ...recorded.values()])];
  // Every check is prepared, not just this shard's, so each job of a matrix finds the same contract errors.
  const named = recorded.named();
  const namedValues = new Set(named.map((secret) => secret.value));
  const unnamed = secrets.filter((value) => !namedValues.has(value));
  const all = prepareChecks(planChecks(files), settings, {
    isSecretBearing: createSecretBearingTest(secrets),
    redact: createRedactor(secrets),
    describeHost: createHostDescriber([...named, ...unnamed.map((value) => ({ value, names: [] }))]),
  });
  const { shard } = settings;
  if (shard !== undefined) assertShard(shard);
  // Each entry is dropped once its check starts: its rendered request is then garbage, so a large suite does not
  // hold every request and every result at once (issue 11: memory per check).
  const prepared: (PreparedCheck | undefined)[] =
    shard === undefined ? all : all.filter((check) => isInShard(check.check.index, shard));
  if (shard !== undefined) all.length = 0;
  const total = prepared.length;

  const results = new Array<CheckResult>(total);
  let done = 0;
  await runPool(total, settings.concurrency, async (index) => {
    const check = prepared[index];
    prepared[index] = undefined;
    if (check === undefined) return;
    const result = await runCheck(check, settings, deps);
    results[index] = result;
    done += 1;
    deps.onCheck?.(result, done, total);
  });
  return { report: buildRunReport(results), secrets };
}

/**
 * Builds the judges and renders every request up front (one judge and one renderer per webhook), and applies the
 * host policy. Contract problems found on the way are collected and thrown together.
 */
function prepareChecks(
  plan: readonly PlannedCheck[],
  settings: RunSettings,
  {
    isSecretBearing,
    redact,
    describeHost,
  }: { isSecretBearing: SecretBearingTest; redact: Redact; describeHost: DescribeHost },
): PreparedCheck[] {
  const problems = new Map<string, ContractProblem>();
  const collect = (error: unknown): void => {
    if (!(error instanceof ContractFileError)) throw error;
    for (const problem of error.problems) problems.set(formatProblem(problem), problem);
  };
  const judges = new Map<Webhook, Judge | undefined>();
  const renderers = new Map<Webhook, ReturnType<typeof createRequestRenderer> | undefined>();
  const sendOptions = new Map<Webhook, SendOptions>();
  // The policy depends on the URL and on whether it carries a secret: most webhooks have one URL for all samples.
  const policies = new Map<string, string | undefined>();
  const prepared: PreparedCheck[] = [];

  for (const check of plan) {
    const { webhook } = check;
    if (!judges.has(webhook)) {
      judges.set(
        webhook,
        tryCreate(() => createJudge(webhook, check.file.file, redact), collect),
      );
      renderers.set(
        webhook,
        tryCreate(() => createRequestRenderer(webhook), collect),
      );
      sendOptions.set(webhook, {
        timeoutMs: Math.min(settings.timeoutMs ?? webhook.timeoutMs, MARKETO_TIMEOUT_MS),
        maxBodyBytes: settings.maxBodyBytes,
        describeHost,
      });
    }
    const judge = judges.get(webhook);
    const render = renderers.get(webhook);
    const options = sendOptions.get(webhook);
    if (judge === undefined || render === undefined || options === undefined) continue;
    // A batch campaign calls nothing (Marketo's 1000), so there is nothing to render or to police.
    if (webhook.campaign === 'batch') {
      prepared.push({ kind: 'skip', judge, check });
      continue;
    }
    const request = tryCreate(() => render(check.sample), collect);
    if (request === undefined) continue;
    // The policy looks at the rendered request: a token may change the host, and may carry a secret from a sample.
    // With every host allowed the answer changes nothing (the CLI's default): skip the search.
    const carriesSecret =
      settings.allowedHosts !== 'any' && (webhook.carriesSecret || isSecretBearing(request));
    const policyKey = `${carriesSecret ? 'secret' : 'plain'} ${request.url}`;
    let reason = policies.get(policyKey);
    if (reason === undefined && !policies.has(policyKey)) {
      reason = checkHostPolicy(request.url, {
        carriesSecret,
        allowedHosts: settings.allowedHosts,
        describeHost,
      });
      policies.set(policyKey, reason);
    }
    prepared.push(
      reason === undefined
        ? { kind: 'send', judge, check, request, options }
        : { kind: 'blocked', judge, check, request, reason },
    );
  }
  if (problems.size > 0) throw new ContractFileError(capProblemsPerFile([...problems.values()]));
  return prepared;
}

function tryCreate<T>(create: () => T, collect: (error: unknown) => void): T | undefined {
  try {
    return create();
  } catch (error) {
    collect(error);
    return undefined;
  }
}

async function runCheck(prepared: PreparedCheck, settings: RunSettings, deps: RunDeps): Promise<CheckResult> {
  const { judge, check } = prepared;
  const sample = check.sample.name;
  switch (prepared.kind) {
    case 'skip':
      return judge.judge(sample, null, []);
    case 'blocked':
      return judge.judge(sample, { kind: 'blocked', message: prepared.reason }, prepared.request.warnings);
    case 'send': {
      const outcome = await sendWithRetries(prepared, settings.retries, deps.http, deps.log);
      return judge.judge(sample, outcome, prepared.request.warnings);
    }
  }
}

/**
 * One attempt, as Marketo makes, unless `retries` asks for more. Only faults that may pass are retried (network
 * errors, timeouts, 429 and 503), with exponential backoff or the server's `Retry-After`; never a wrong answer.
 */
async function sendWithRetries(
  prepared: Extract<PreparedCheck, { kind: 'send' }>,
  retries: number,
  http: HttpClient,
  log: Log,
): Promise<CallOutcome> {
  const { request, options, check } = prepared;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = withAttempts(await http.send(request, options), attempt);
    if (attempt > retries || !isRetryable(outcome)) return outcome;
    const delayMs = computeRetryDelay(outcome, attempt, Date.now());
    log.debug(
      `${check.webhook.name} / ${check.sample.name}: attempt ${attempt} got ${describeOutcome(outcome)}; retrying in ${delayMs} ms`,
    );
    await sleep(delayMs);
  }
}

function withAttempts(outcome: CallOutcome, attempts: number): CallOutcome {
  // The adapter already says 1 for a first attempt: no copy of the outcome (and its body) then.
  return outcome.kind === 'blocked' || outcome.attempts === attempts ? outcome : { ...outcome, attempts };
}

function describeOutcome(outcome: CallOutcome): string {
  switch (outcome.kind) {
    case 'response':
    case 'too-large':
      return `status ${outcome.status}`;
    case 'network':
      return outcome.code;
    case 'timeout':
      return `no response within ${outcome.timeoutMs} ms`;
    case 'blocked':
      return 'blocked';
  }
}

/** Runs `work(0..count-1)` with at most `concurrency` running at once; a small pool, no queue library. */
async function runPool(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  const size = Math.min(Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1, count);
  await Promise.all(Array.from({ length: size }, worker));
}
