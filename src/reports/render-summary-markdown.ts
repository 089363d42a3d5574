import type { RunReport } from '../judging/check-result.js';
import type { MarkdownOptions } from './render-markdown.js';
import {
  assembleMarkdown,
  formatHeading,
  renderFailureSection,
  renderWarningSection,
  SUMMARY_MAX_CHARS,
  SUMMARY_MESSAGE_MAX,
} from './render-markdown.js';

/**
 * The job summary: like the comment (heading, totals, failure table) but with every failure, longer messages,
 * and then every warning. Cut to stay under `maxChars` (default 1 MiB, in UTF-16 units and UTF-8 bytes) with
 * "…and N more" lines, which link `detailsUrl` when given (the JSON report's artifact, say).
 */
export function renderSummaryMarkdown(report: RunReport, options: MarkdownOptions): string {
  const failing = report.checks.filter((check) => !check.passed);
  return assembleMarkdown(
    formatHeading(report, options),
    [
      renderFailureSection(failing, SUMMARY_MESSAGE_MAX, 'see the JSON report', options.detailsUrl),
      renderWarningSection(report.checks, options.detailsUrl),
    ],
    options.maxChars ?? SUMMARY_MAX_CHARS,
  );
}
