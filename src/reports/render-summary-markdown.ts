import type { CheckResult, RunReport } from '../judging/check-result.js';
import { formatMappedValues } from './format-mapped-values.js';
import { escapeMarkdownText } from './markdown-safe.js';
import { sortForReading } from './natural-order.js';
import { renderCampaignSection, renderWebhookStatsSection } from './render-campaign-section.js';
import { renderFailureSection } from './render-failure-table.js';
import type { MarkdownOptions, Section } from './render-markdown.js';
import {
  assembleMarkdown,
  formatCount,
  formatHeading,
  formatLink,
  NAME_MAX,
  renderWarningSection,
  SUMMARY_MAX_CHARS,
  SUMMARY_MESSAGE_MAX,
} from './render-markdown.js';
import { summarizeWebhooks } from './webhook-stats.js';
import { formatDuration } from './format-duration.js';

/**
 * The job summary, the full result: heading and totals; every webhook with its passed/failed counts and
 * latency p50/p95/max; the campaign projection (when the report has one); every failure, one row per check
 * with the values its mappings would write; every warning; and the passing checks, collapsed in a
 * `<details>`, with the values they would write. Cut to stay under `maxChars` (default 1 MiB, in UTF-16 units
 * and UTF-8 bytes) with "…and N more" lines, which link `detailsUrl` when given (the JSON report's artifact).
 */
export function renderSummaryMarkdown(report: RunReport, options: MarkdownOptions): string {
  const failing: CheckResult[] = [];
  const passing: CheckResult[] = [];
  for (const check of report.checks) (check.passed ? passing : failing).push(check);
  const sections = [
    renderWebhookStatsSection(summarizeWebhooks(report.checks), options.detailsUrl),
    ...(report.campaign === undefined ? [] : [renderCampaignSection(report.campaign, options.detailsUrl)]),
    renderFailureSection(failing, {
      messageMax: SUMMARY_MESSAGE_MAX,
      seeWhere: 'see the JSON report',
      detailsUrl: options.detailsUrl,
      group: false,
      showMapped: true,
    }),
    renderWarningSection(report.checks, options.detailsUrl),
    renderPassingSection(passing, options.detailsUrl),
  ];
  return assembleMarkdown(formatHeading(report, options), sections, options.maxChars ?? SUMMARY_MAX_CHARS);
}

/** The passing checks in a collapsed `<details>`: webhook, sample, code, latency and what they would write. */
function renderPassingSection(passing: readonly CheckResult[], detailsUrl: string | undefined): Section {
  const ordered = sortForReading(passing);
  return {
    head: [
      `<details><summary>${formatCount(passing.length, 'passing check')}</summary>`,
      '',
      '| Webhook | Sample | Code | Latency | Would write |',
      '| --- | --- | ---: | ---: | --- |',
    ],
    items: ordered.map((check) => {
      const cells = [
        escapeMarkdownText(check.webhook, NAME_MAX),
        escapeMarkdownText(check.sample, NAME_MAX),
        check.code === null ? '—' : String(check.code),
        check.latencyMs === null ? '—' : formatDuration(check.latencyMs),
        formatMappedValues(check.mapped),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    more: (left) =>
      `…and ${formatCount(left, 'more passing check')} — ${formatLink('see the JSON report', detailsUrl)}`,
    tail: ['', '</details>'],
  };
}
