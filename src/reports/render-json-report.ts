import type { CampaignProjection, CheckResult, Failure, RunReport } from '../judging/check-result.js';

/**
 * Serialises the report as the shipped JSON report (`schema/report.schema.json`): keys in a fixed order, mapped
 * fields sorted by name, 2-space indent, a final newline. The same report always gives the same bytes, so
 * reports diff cleanly and merged shards compare equal to a single run.
 */
export function renderJsonReport(report: RunReport): string {
  const ordered = {
    version: report.version,
    summary: { total: report.summary.total, passed: report.summary.passed, failed: report.summary.failed },
    checks: report.checks.map(orderCheck),
    ...(report.campaign === undefined ? {} : { campaign: orderCampaign(report.campaign) }),
  };
  return JSON.stringify(ordered, undefined, 2) + '\n';
}

function orderCampaign(campaign: CampaignProjection): Record<string, unknown> {
  return {
    leads: campaign.leads,
    concurrentCalls: campaign.concurrentCalls,
    timeoutMs: campaign.timeoutMs,
    webhooks: campaign.webhooks.map((webhook) => ({
      webhook: webhook.webhook,
      file: webhook.file,
      line: webhook.line,
      calls: webhook.calls,
      latencyP50Ms: finiteOrNull(webhook.latencyP50Ms),
      latencyP95Ms: finiteOrNull(webhook.latencyP95Ms),
      latencyMaxMs: finiteOrNull(webhook.latencyMaxMs),
      busyP50Ms: finiteOrNull(webhook.busyP50Ms),
      busyP95Ms: finiteOrNull(webhook.busyP95Ms),
      timeouts: webhook.timeouts,
      timeoutMs: webhook.timeoutMs,
      nearTimeout: webhook.nearTimeout,
    })),
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function orderCheck(check: CheckResult): Record<string, unknown> {
  const ordered: Record<string, unknown> = {
    webhook: check.webhook,
    sample: check.sample,
    file: check.file,
    line: check.line,
    passed: check.passed,
    code: check.code,
    status: check.status,
    errorType: check.errorType,
    // JSON has no NaN or Infinity; a latency we could not measure is null, as the schema allows.
    latencyMs: check.latencyMs !== null && Number.isFinite(check.latencyMs) ? check.latencyMs : null,
    attempts: check.attempts,
    failures: check.failures.map(orderFailure),
    warnings: [...check.warnings],
    mapped: Object.fromEntries(
      Object.entries(check.mapped)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([field, value]) => [field, typeof value === 'bigint' ? writeExactInteger(value) : value]),
    ),
  };
  if (check.responseSnippet !== undefined) ordered['responseSnippet'] = check.responseSnippet;
  if (check.location !== undefined) ordered['location'] = check.location;
  if (check.timeoutMs !== undefined) ordered['timeoutMs'] = check.timeoutMs;
  return ordered;
}

/** JSON.rawJSON (Node 21+; not yet in TypeScript's ES2023 lib) writes the integer's digits as a JSON number. */
const exactJson = JSON as unknown as { rawJSON(this: void, text: string): unknown };

/** A 64-bit integer beyond 2^53 (Marketo's Integer fields hold them), written exactly rather than rounded. */
function writeExactInteger(value: bigint): unknown {
  return exactJson.rawJSON(value.toString());
}

function orderFailure(failure: Failure): Record<string, unknown> {
  const ordered: Record<string, unknown> = { kind: failure.kind, message: failure.message };
  if (failure.expected !== undefined) ordered['expected'] = failure.expected;
  if (failure.actual !== undefined) ordered['actual'] = failure.actual;
  return ordered;
}
