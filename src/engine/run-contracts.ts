/**
 * The engine's run loop, shared by the action and the CLI: read and parse the contracts, plan the checks, fire
 * each webhook the way Marketo would, judge what came back, and build the run's report.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallOutcome } from '../judging/call-outcome.js';
import type { CheckResult, RunReport } from '../judging/check-result.js';
import { createHostDescriber } from '../requests/describe-host.js';
import { createSecretBearingTest } from '../requests/secret-bearing.js';
import { recordEnvReads } from './record-env-reads.js';
import { parseReadContracts } from '../contracts/parse-read-contracts.js';
import { assertShard, isInShard, planChecks } from './plan-checks.js';
import type { PlannedCheck } from './plan-checks.js';
import { computeRetryDelay, isRetryable } from './retry-policy.js';
import { prepareChecks } from './prepare-checks.js';
import type { PlannedCall, PreparedCheck } from './prepare-checks.js';
import type { HttpClient, Log, RunDeps, RunSettings } from './ports.js';
import { buildRunReport } from '../reports/run-summary.js';
import { createRedactor } from '../reports/redaction/redact-secrets.js';
import { countSecretCharacters } from '../reports/redaction/secret-targets.js';

export interface RunResult {
  readonly report: RunReport;
  /** Every value the contracts read from the environment, for the caller to mask and redact from its outputs. */
  readonly secrets: readonly string[];
}

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
  const files = await parseReadContracts(await deps.files.read(settings.contracts), recorded.env, {
    readSampleFile: deps.files.readSampleFile?.bind(deps.files),
    ...(settings.publicEnv === undefined ? {} : { publicEnv: settings.publicEnv }),
    countSecretCharacters,
  });
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
  // Each entry is dropped once its check starts, so a large suite does not hold every check and every result at once
  // (issue 11: memory per check); requests are rendered only as their checks start.
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

async function runCheck(prepared: PreparedCheck, settings: RunSettings, deps: RunDeps): Promise<CheckResult> {
  const { judge, check } = prepared;
  const sample = check.sample.name;
  if (prepared.kind === 'skip') return judge.judge(sample, null, []);
  const call = prepared.planCall(check.sample);
  const { warnings } = call.request;
  if (call.kind === 'blocked')
    return judge.judge(sample, { kind: 'blocked', message: call.reason }, warnings);
  const outcome = await sendWithRetries(call, check, settings.retries, deps.http, deps.log);
  return judge.judge(sample, outcome, warnings);
}

/**
 * One attempt, as Marketo makes, unless `retries` asks for more. Only faults that may pass are retried (network
 * errors, timeouts, 429 and 503), with exponential backoff or the server's `Retry-After`; never a wrong answer.
 */
async function sendWithRetries(
  { request, options }: Extract<PlannedCall, { kind: 'send' }>,
  check: PlannedCheck,
  retries: number,
  http: HttpClient,
  log: Log,
): Promise<CallOutcome> {
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
