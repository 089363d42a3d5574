import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import type { CheckResult } from '../judging/check-result.js';
import type { LatencyStats } from './latency-stats.js';
import { computeLatencyStats } from './latency-stats.js';
import { compareWebhookPlaces } from './natural-order.js';

/** One webhook's results over all its samples. */
export interface WebhookStats {
  readonly webhook: string;
  readonly file: string;
  readonly line: number;
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  /** Checks that got no complete response within the timeout. */
  readonly timeouts: number;
  /** The lowest timeout its checks had (a check records one only when it is below Marketo's 30 s). */
  readonly timeoutMs: number;
  /** Undefined when no call was measured (a batch campaign, a blocked request). */
  readonly latency: LatencyStats | undefined;
}

/** Groups checks by webhook, in the contract files' order (file, line, then name in natural order). */
export function summarizeWebhooks(checks: readonly CheckResult[]): WebhookStats[] {
  const byWebhook = new Map<string, { first: CheckResult; checks: CheckResult[] }>();
  let last: { first: CheckResult; checks: CheckResult[] } | undefined;
  for (const check of checks) {
    // A webhook's checks mostly come together: the previous one's group, without building its key.
    if (last !== undefined && isSameWebhook(last.first, check)) {
      last.checks.push(check);
      continue;
    }
    const key = JSON.stringify([check.file, check.line, check.webhook]);
    last = byWebhook.get(key);
    if (last === undefined) {
      last = { first: check, checks: [check] };
      byWebhook.set(key, last);
    } else last.checks.push(check);
  }
  const stats = [...byWebhook.values()].map(({ first, checks: own }): WebhookStats => {
    const latencies: number[] = [];
    let passed = 0;
    let timeouts = 0;
    let timeoutMs = MARKETO_TIMEOUT_MS;
    for (const check of own) {
      if (check.timeoutMs !== undefined && check.timeoutMs < timeoutMs) timeoutMs = check.timeoutMs;
      if (check.passed) passed += 1;
      if (check.latencyMs !== null) latencies.push(check.latencyMs);
      if (check.failures.some((failure) => failure.kind === 'timeout')) timeouts += 1;
    }
    return {
      webhook: first.webhook,
      file: first.file,
      line: first.line,
      total: own.length,
      passed,
      failed: own.length - passed,
      timeouts,
      timeoutMs,
      latency: computeLatencyStats(latencies),
    };
  });
  return stats.sort(compareWebhookPlaces);
}

function isSameWebhook(a: CheckResult, b: CheckResult): boolean {
  return a.line === b.line && a.webhook === b.webhook && a.file === b.file;
}
