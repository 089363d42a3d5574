import type { RunReport } from '../judging/check-result.js';
import type { MarkdownOptions } from './render-markdown.js';
import {
  assembleMarkdown,
  COMMENT_MAX_CHARS,
  COMMENT_MESSAGE_MAX,
  countWarnings,
  formatCount,
  formatHeading,
} from './render-markdown.js';
import { renderFailureSection } from './render-failure-table.js';

/**
 * The pull-request comment, the at-a-glance view: the hidden marker (when given) first, a heading, a totals
 * line (`❌ 3 of 40 checks failed`, `✅ all 40 checks passed`), a link to the run and its job summary (when
 * `runUrl` is given), and a table of the failing checks only, a webhook's identical failures grouped into one
 * row (`× 60 samples: lead-1, lead-2, lead-3, …`); passing checks and warnings are only counted. Rows that
 * would take it over `maxChars` (default 65,536, in UTF-16 units and UTF-8 bytes) are left out and counted in a
 * final "…and N more failing checks — see the job summary" line, linking `detailsUrl` when given.
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
    [
      renderFailureSection(failing, {
        messageMax: COMMENT_MESSAGE_MAX,
        seeWhere: 'see the job summary',
        detailsUrl: options.detailsUrl,
        group: true,
        showMapped: false,
      }),
    ],
    options.maxChars ?? COMMENT_MAX_CHARS,
  );
}
