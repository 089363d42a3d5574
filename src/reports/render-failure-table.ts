/**
 * The table of failing checks (webhook, sample, code, error type, problem, response), as the comment shows it
 * (a webhook's identical failures grouped into one row) and as the job summary does (one row per check, with
 * the values the mappings would write). All untrusted text goes through markdown-safe.
 */
import type { CheckResult } from '../judging/check-result.js';
import { formatErrorType } from './format-error-type.js';
import { escapeMarkdownText, formatCodeSpan } from './markdown-safe.js';
import { sortForReading } from './natural-order.js';
import type { Section } from './render-markdown.js';
import { formatCount, formatLink, NAME_MAX } from './render-markdown.js';
import { formatMappedValues } from './format-mapped-values.js';

/** Response snippets are cut to this many characters in a table. */
const SNIPPET_MAX = 80;
const ERROR_TYPE_MAX = 120;
/** A grouped row names this many of its samples; the job summary lists every one. */
const GROUP_SAMPLES_SHOWN = 3;

export interface FailureTableOptions {
  /** Each failure message is cut to this many characters. */
  readonly messageMax: number;
  /** The text of the link on the "…and N more" line. */
  readonly seeWhere: string;
  /** Where the rest is; linked from the "…and N more" line when it is an http(s) URL. */
  readonly detailsUrl: string | undefined;
  /** One row per webhook and identical failure (the comment) instead of one per check (the summary). */
  readonly group: boolean;
  /** A last column with the values the mappings would write (the summary). */
  readonly showMapped: boolean;
}

/**
 * The failures as a cuttable section, rows in reading order: by file and line, then webhook and sample in
 * natural order (`lead-2` before `lead-10`). Cut rows are counted, as checks, in the "more" line.
 */
export function renderFailureSection(failing: readonly CheckResult[], options: FailureTableOptions): Section {
  const ordered = sortForReading(failing);
  const header = ['Webhook', 'Sample', 'Code', 'Error type', 'Problem', 'Response'];
  if (options.showMapped) header.push('Would write');
  const head = [`| ${header.join(' | ')} |`, `|${' --- |'.repeat(header.length)}`];
  const more = (left: number): string =>
    `…and ${formatCount(left, 'more failing check')} — ${formatLink(options.seeWhere, options.detailsUrl)}`;
  if (!options.group) {
    return { head, items: ordered.map((check) => renderRow(check, [check], options)), more };
  }
  const groups = groupIdenticalFailures(ordered, options.messageMax);
  return {
    head,
    items: groups.map((group) => renderRow(group[0] as CheckResult, group, options)),
    weights: groups.map((group) => group.length),
    more,
  };
}

/**
 * Groups checks of one webhook that failed in exactly the same way (same code, error type, problems and
 * response snippet), keeping the order of each group's first check. Only the sample differs within a group.
 */
function groupIdenticalFailures(checks: readonly CheckResult[], messageMax: number): CheckResult[][] {
  const groups = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const key = JSON.stringify([
      check.file,
      check.line,
      check.webhook,
      check.code,
      formatErrorType(check) ?? '',
      // As shown: messages that differ only past the cut read the same, so they make one row.
      check.failures.map((failure) => [failure.kind, escapeMarkdownText(failure.message, messageMax)]),
      formatCodeSpan(check.responseSnippet ?? '', SNIPPET_MAX),
    ]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [check]);
    else group.push(check);
  }
  return [...groups.values()];
}

function renderRow(check: CheckResult, group: readonly CheckResult[], options: FailureTableOptions): string {
  const problem = check.failures
    .map((failure) => `${failure.kind}: ${escapeMarkdownText(failure.message, options.messageMax)}`)
    .join('<br>');
  const errorType = formatErrorType(check);
  const cells = [
    escapeMarkdownText(check.webhook, NAME_MAX),
    formatSamples(group),
    check.code === null ? '—' : String(check.code),
    errorType === undefined ? '—' : escapeMarkdownText(errorType, ERROR_TYPE_MAX),
    problem,
    formatCodeSpan(check.responseSnippet ?? '', SNIPPET_MAX),
  ];
  if (options.showMapped) cells.push(formatMappedValues(check.mapped));
  return `| ${cells.join(' | ')} |`;
}

/** `alice`, or for a group `× 60 samples: lead-1, lead-2, lead-3, …`. */
function formatSamples(group: readonly CheckResult[]): string {
  const first = group[0];
  if (group.length === 1 && first !== undefined) return escapeMarkdownText(first.sample, NAME_MAX);
  const names = group
    .slice(0, GROUP_SAMPLES_SHOWN)
    .map((check) => escapeMarkdownText(check.sample, NAME_MAX));
  const rest = group.length > GROUP_SAMPLES_SHOWN ? ', …' : '';
  return `× ${group.length} samples: ${names.join(', ')}${rest}`;
}
