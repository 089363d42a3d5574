/**
 * What Marketo would do with a whole campaign (SPEC section 1): it calls a webhook once per lead, one call at a
 * time per lead, and, as practitioners report (Adobe documents no figure), at most 20 calls at once per
 * instance; the rest wait. From the measured latencies we project how long a trigger campaign of N leads keeps
 * that queue busy.
 */
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import type {
  CampaignProjection,
  CheckResult,
  RunReport,
  WebhookProjection,
} from '../judging/check-result.js';
import { summarizeWebhooks } from './webhook-stats.js';

/** Calls Marketo makes at once per instance: *reported* by practitioners, not documented by Adobe. */
export const MARKETO_CONCURRENT_CALLS = 20;
/**
 * A p95 at or above this share of a webhook's effective timeout (its own when lower, else Marketo's 30 s) is
 * "near" it: under production load the slow tail crosses it, the caller gives up, and the service may still
 * finish the work, so a retry flow writes twice.
 */
const NEAR_TIMEOUT_SHARE = 0.8;

/**
 * Projects a trigger campaign of `leads` leads for each webhook: the queue is busy for ⌈leads / 20⌉ rounds of
 * calls, each as long as the latency (at p50 and at p95). One webhook is assumed to have the queue to itself.
 */
export function projectCampaign(checks: readonly CheckResult[], leads: number): CampaignProjection {
  const rounds = Math.ceil(leads / MARKETO_CONCURRENT_CALLS);
  const webhooks = summarizeWebhooks(checks).map((stats): WebhookProjection => {
    const { latency, timeoutMs } = stats;
    return {
      webhook: stats.webhook,
      file: stats.file,
      line: stats.line,
      calls: latency?.count ?? 0,
      latencyP50Ms: latency?.p50 ?? null,
      latencyP95Ms: latency?.p95 ?? null,
      latencyMaxMs: latency?.max ?? null,
      busyP50Ms: latency === undefined ? null : rounds * latency.p50,
      busyP95Ms: latency === undefined ? null : rounds * latency.p95,
      timeouts: stats.timeouts,
      timeoutMs,
      nearTimeout:
        stats.timeouts > 0 || (latency !== undefined && latency.p95 >= timeoutMs * NEAR_TIMEOUT_SHARE),
    };
  });
  return { leads, concurrentCalls: MARKETO_CONCURRENT_CALLS, timeoutMs: MARKETO_TIMEOUT_MS, webhooks };
}

/** The report with its campaign projection for `leads` leads (replacing any it had, e.g. a shard's). */
export function withCampaignProjection(report: RunReport, leads: number): RunReport {
  return {
    version: report.version,
    summary: report.summary,
    checks: report.checks,
    campaign: projectCampaign(report.checks, leads),
  };
}

/**
 * `10,000`: a count (a whole number, as the inputs allow) with thousands separators, the same on every machine.
 * Not `toLocaleString('en-US')`: its first call loads ICU's number data, 6 to 15 ms of every run's start.
 */
export function formatLeadCount(count: number): string {
  return String(count).replace(/\B(?=(?:\d{3})+$)/g, ',');
}
