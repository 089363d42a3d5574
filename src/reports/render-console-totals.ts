/**
 * The lines under the console table: the totals (`40 checks: 38 passed, 2 failed`) and the campaign projection
 * (how long a trigger campaign keeps Marketo's queue busy, and which webhooks are near their timeout).
 * Never cut to the terminal's width: these are the lines that matter most, and a terminal wraps them.
 */
import type { RunReport } from '../judging/check-result.js';
import { formatLeadCount } from './campaign-projection.js';
import { formatDuration } from './format-duration.js';
import { formatConsoleName } from './console-name.js';
import { measureDisplayWidth, padToDisplayWidth } from './measure-display-width.js';
import { describeProjectionNote } from './render-campaign-section.js';

export type Paint = (code: number, text: string) => string;

export const ANSI = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;
/** `3 checks: 2 passed, 1 failed`, `1 check: 1 passed, 0 failed`, `No checks ran.`. */
export function formatConsoleTotals(report: RunReport, paint: Paint): string {
  const { total, passed, failed } = report.summary;
  if (total === 0) return paint(ANSI.yellow, 'No checks ran.');
  const checks = `${total} check${total === 1 ? '' : 's'}`;
  const failedPart = failed === 0 ? `${failed} failed` : paint(ANSI.red, `${failed} failed`);
  return `${checks}: ${paint(ANSI.green, `${passed} passed`)}, ${failedPart}`;
}

/**
 * The campaign projection, one line per webhook that was called, and a warning line for each webhook near
 * its effective timeout; no lines when the report has no projection or nothing was called.
 */
export function formatConsoleProjection(report: RunReport, paint: Paint): string[] {
  const { campaign } = report;
  if (campaign === undefined) return [];
  const called = campaign.webhooks.filter(
    (webhook) => webhook.busyP50Ms !== null && webhook.busyP95Ms !== null,
  );
  if (called.length === 0) return [];
  const name = (text: string): string => formatConsoleName(text);
  let nameWidth = 0;
  for (const webhook of called) nameWidth = Math.max(nameWidth, measureDisplayWidth(name(webhook.webhook)));
  const lines = [
    `A trigger campaign of ${formatLeadCount(campaign.leads)} leads keeps Marketo's queue busy ` +
      `(${campaign.concurrentCalls} calls at once, as reported by practitioners):`,
  ];
  for (const webhook of called) {
    const at = (busy: number | null, latency: number | null, label: string): string =>
      `about ${formatDuration(busy ?? 0)} at ${label} ${formatDuration(latency ?? 0)}`;
    lines.push(
      `  ${padToDisplayWidth(name(webhook.webhook), nameWidth)}  ` +
        `${at(webhook.busyP50Ms, webhook.latencyP50Ms, 'p50')}, ${at(webhook.busyP95Ms, webhook.latencyP95Ms, 'p95')}`,
    );
  }
  for (const webhook of called) {
    const note = webhook.nearTimeout ? describeProjectionNote(webhook, campaign) : undefined;
    if (note !== undefined) {
      lines.push(paint(ANSI.yellow, `⚠ ${name(webhook.webhook)}: ${note.replace(/^⚠️ /, '')}`));
    }
  }
  return lines;
}
