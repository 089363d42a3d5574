/**
 * Prepares the planned checks before any call: one judge, one renderer and one URL check per webhook, every
 * sample's URL checked, and the contract problems found on the way thrown together (so a contract error calls
 * nothing). The request itself is rendered, and the host policy applied to it, only when its check starts: a large
 * suite holds no rendered requests, and its first call is not kept waiting for the last request's rendering.
 */
import type { Sample, Webhook } from '../contracts/contract.js';
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import { capProblemsPerFile } from '../contracts/cap-problems.js';
import { ContractFileError, formatProblem } from '../contracts/errors.js';
import type { ContractProblem } from '../contracts/errors.js';
import { createJudge } from '../judging/judge-check.js';
import type { Judge } from '../judging/judge-check.js';
import type { Redact } from '../reports/redaction/redact-secrets.js';
import type { DescribeHost } from '../requests/describe-host.js';
import { checkHostPolicy } from '../requests/host-policy.js';
import { ALREADY_CHECKED, createRequestRenderer, createUrlCheck } from '../requests/render-request.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import type { SecretBearingTest } from '../requests/secret-bearing.js';
import type { PlannedCheck } from './plan-checks.js';
import type { RunSettings, SendOptions } from './ports.js';

/** A planned check with what it needs to run. */
export type PreparedCheck =
  /** A batch campaign calls nothing (Marketo's 1000). */
  | { readonly kind: 'skip'; readonly judge: Judge; readonly check: PlannedCheck }
  | {
      readonly kind: 'call';
      readonly judge: Judge;
      readonly check: PlannedCheck;
      /** Shared by every check of the webhook. */
      readonly planCall: (sample: Sample) => PlannedCall;
    };

/** The request a check makes, or why the host policy refuses to send it. */
export type PlannedCall =
  | { readonly kind: 'send'; readonly request: RenderedRequest; readonly options: SendOptions }
  | { readonly kind: 'blocked'; readonly request: RenderedRequest; readonly reason: string };

export interface PrepareDeps {
  readonly isSecretBearing: SecretBearingTest;
  readonly redact: Redact;
  readonly describeHost: DescribeHost;
}

/** @throws ContractFileError with every problem found (judges that cannot be built, URLs that do not render). */
export function prepareChecks(
  plan: readonly PlannedCheck[],
  settings: RunSettings,
  deps: PrepareDeps,
): PreparedCheck[] {
  const problems = new Map<string, ContractProblem>();
  const collect = (error: unknown): void => {
    if (!(error instanceof ContractFileError)) throw error;
    for (const problem of error.problems) problems.set(formatProblem(problem), problem);
  };
  const webhooks = new Map<Webhook, PreparedWebhook | undefined>();
  const planPolicy = createPolicyCache(settings, deps);
  const prepared: PreparedCheck[] = [];

  for (const check of plan) {
    const { webhook } = check;
    if (!webhooks.has(webhook)) {
      webhooks.set(webhook, prepareWebhook(webhook, check.file.file, settings, deps, planPolicy, collect));
    }
    const ready = webhooks.get(webhook);
    if (ready === undefined) continue;
    if (webhook.campaign === 'batch') {
      prepared.push({ kind: 'skip', judge: ready.judge, check });
      continue;
    }
    try {
      ready.checkUrl(check.sample);
    } catch (error) {
      collect(error);
      continue;
    }
    prepared.push({ kind: 'call', judge: ready.judge, check, planCall: ready.planCall });
  }
  if (problems.size > 0) throw new ContractFileError(capProblemsPerFile([...problems.values()]));
  return prepared;
}

interface PreparedWebhook {
  readonly judge: Judge;
  readonly checkUrl: (sample: Sample) => void;
  readonly planCall: (sample: Sample) => PlannedCall;
}

function prepareWebhook(
  webhook: Webhook,
  file: string,
  settings: RunSettings,
  deps: PrepareDeps,
  planPolicy: PolicyCache,
  collect: (error: unknown) => void,
): PreparedWebhook | undefined {
  const timeoutMs = Math.min(settings.timeoutMs ?? webhook.timeoutMs, MARKETO_TIMEOUT_MS);
  const judge = tryCreate(() => createJudge(webhook, file, deps.redact, timeoutMs), collect);
  const checkUrl = tryCreate(() => createUrlCheck(webhook), collect);
  // Every sample's URL is checked before the first call (prepareChecks): rendering does not check it again.
  const render = tryCreate(() => createRequestRenderer(webhook, ALREADY_CHECKED), collect);
  if (judge === undefined || render === undefined || checkUrl === undefined) return undefined;
  const options: SendOptions = {
    timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    describeHost: deps.describeHost,
  };
  const planCall = (sample: Sample): PlannedCall => {
    const request = render(sample);
    const reason = planPolicy(webhook, request);
    return reason === undefined ? { kind: 'send', request, options } : { kind: 'blocked', request, reason };
  };
  return { judge, checkUrl, planCall };
}

/** Why the host policy refuses `request`, or undefined when it may be sent. */
type PolicyCache = (webhook: Webhook, request: RenderedRequest) => string | undefined;

/** The host policy, asked once per URL and secret-bearing: most webhooks have one URL for all samples. */
function createPolicyCache(settings: RunSettings, deps: PrepareDeps): PolicyCache {
  // By URL, for requests with and without a secret: no key to build per check.
  const answers = {
    secret: new Map<string, string | undefined>(),
    plain: new Map<string, string | undefined>(),
  };
  return (webhook, request) => {
    // The policy looks at the rendered request: a token may change the host, and may carry a secret from a
    // sample. With every host allowed the answer changes nothing (the CLI's default): skip the search.
    const carriesSecret =
      settings.allowedHosts !== 'any' && (webhook.carriesSecret || deps.isSecretBearing(request));
    const known = carriesSecret ? answers.secret : answers.plain;
    if (known.has(request.url)) return known.get(request.url);
    const reason = checkHostPolicy(request.url, {
      carriesSecret,
      allowedHosts: settings.allowedHosts,
      describeHost: deps.describeHost,
    });
    known.set(request.url, reason);
    return reason;
  };
}

function tryCreate<T>(create: () => T, collect: (error: unknown) => void): T | undefined {
  try {
    return create();
  } catch (error) {
    collect(error);
    return undefined;
  }
}
