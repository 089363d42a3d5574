import type { RunReport } from '../judging/check-result.js';
import type { MarkdownOptions } from './render-markdown.js';
import {
  assembleMarkdown,
  COMMENT_MAX_CHARS,
  COMMENT_MESSAGE_MAX,
  countWarnings,
  formatCount,
  formatHeading,
  renderFailureSection,
} from './render-markdown.js';

/**
 * The pull-request comment: the hidden marker (when given) first, a heading, a totals line (`❌ 3 of 40 checks
 * failed`, `✅ all 40 checks passed`), and a table of the failing checks only (webhook, sample, code, error
 * type, problem, response snippet); passing checks are only counted, warnings only counted. Rows that would take
 * it over `maxChars` (default 65,536, in UTF-16 units and UTF-8 bytes) are left out and counted in a final
 * "…and N more failures — see the job summary" line, linking `detailsUrl` when given.
 */
export function renderCommentMarkdown(report: RunReport, options: MarkdownOptions): string {
  const warnings = countWarnings(report);
  const intro = [
    ...formatHeading(report, options),
    ...(warnings === 0 ? [] : ['', `⚠️ ${formatCount(warnings, 'warning')}: see the job summary`]),
  ];
  const failing = report.checks.filter((check) => !check.passed);
  return assembleMarkdown(
    intro,
    [renderFailureSection(failing, COMMENT_MESSAGE_MAX, 'see the job summary', options.detailsUrl)],
    options.maxChars ?? COMMENT_MAX_CHARS,
  );
}
