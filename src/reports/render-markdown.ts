/**
 * The building blocks of the Markdown we post (the pull-request comment in render-comment-markdown, the job
 * summary in render-summary-markdown): heading, totals, warnings, and fitting the whole under a size limit (the
 * failure table is in render-failure-table). All untrusted text goes through markdown-safe.
 */
import type { CheckResult, RunReport } from '../judging/check-result.js';
import { escapeMarkdownText, sanitizeLinkUrl } from './markdown-safe.js';

/** GitHub refuses an issue or pull-request comment longer than this. */
export const COMMENT_MAX_CHARS = 65_536;
/** GitHub refuses a job summary larger than this (1 MiB, in bytes). */
export const SUMMARY_MAX_CHARS = 1_048_576;

export interface MarkdownOptions {
  /** The heading. Default `Webhook contracts`. */
  readonly title?: string;
  /**
   * The most the result may hold, in UTF-16 code units *and* in UTF-8 bytes (so also GitHub's byte limit on
   * summaries). Default COMMENT_MAX_CHARS for the comment, SUMMARY_MAX_CHARS for the summary.
   */
  readonly maxChars?: number;
  /**
   * The hidden first line that makes the comment sticky: either the line itself (a well-formed
   * `<!-- ... -->`, used as is) or a job key to build it from with formatCommentMarker.
   */
  readonly marker?: string;
  /** Where the rest is (the job summary's URL), linked from the "and N more" line. http(s) only. */
  readonly detailsUrl?: string;
  /** The workflow run's page (where its job summary is shown), linked under the totals. http(s) only. */
  readonly runUrl?: string;
  /** `i/n` when the run is one shard of a suite; shown in the heading. */
  readonly shard?: string;
}

/** Names are cut to this many characters in Markdown. */
export const NAME_MAX = 100;
/** Each failure message is cut to this many characters: short in the comment, longer in the summary. */
export const COMMENT_MESSAGE_MAX = 200;
export const SUMMARY_MESSAGE_MAX = 1_000;
const WARNING_MAX = 500;

/**
 * The hidden first line that identifies one job's sticky comment: `<!-- webhook-contracts:JOB -->`. The job
 * key is reduced to `[A-Za-z0-9._:/-]`, so it can never close the HTML comment; use the same function to find
 * the comment again. A ready-made one-line marker (`<!-- ... -->` with no `--` or `>` inside) is returned as is.
 */
export function formatCommentMarker(job: string): string {
  if (isSafeHtmlComment(job)) return job;
  return `<!-- webhook-contracts:${job.replace(/[^A-Za-z0-9._:/-]/g, '-').replace(/-{2,}/g, '-')} -->`;
}

/** A one-line `<!-- ... -->` with no `--` inside: nothing in it can end the comment early or show. */
function isSafeHtmlComment(text: string): boolean {
  return (
    /^<!--[^\n\r]*-->$/.test(text) && !text.slice(4, -3).includes('--') && !text.slice(4, -3).includes('>')
  );
}

/** The totals line: `❌ 3 of 40 checks failed`, `✅ all 40 checks passed`, `✅ 1 check passed`, `⚠️ no checks ran`. */
export function formatTotalsLine(report: RunReport): string {
  const { total, failed } = report.summary;
  if (total === 0) return '⚠️ no checks ran';
  if (failed > 0) return `❌ ${failed} of ${formatCount(total, 'check')} failed`;
  return total === 1 ? '✅ 1 check passed' : `✅ all ${total} checks passed`;
}

/** A block that may be cut: its fixed lines, its items, and the line saying how many items were left out. */
export interface Section {
  /** Lines before the items (a heading, a table header); nothing of the section is shown without items. */
  readonly head: readonly string[];
  readonly items: readonly string[];
  /**
   * How many checks each item stands for (a grouped row stands for several), so the "more" line counts checks,
   * not rows. Absent: one each.
   */
  readonly weights?: readonly number[];
  /** The line saying how many were left out (after a blank line, which also ends a table). */
  readonly more: (left: number) => string;
  /** Lines after the items and the "more" line (a closing `</details>`); shown whenever the head is. */
  readonly tail?: readonly string[];
}

/** The marker (when given), the heading (with the shard), the totals line and the link to the run. */
export function formatHeading(report: RunReport, options: MarkdownOptions): string[] {
  const title = escapeMarkdownText(options.title ?? 'Webhook contracts', NAME_MAX);
  const shard = options.shard === undefined ? '' : ` (shard ${escapeMarkdownText(options.shard, 20)})`;
  const runUrl = options.runUrl === undefined ? undefined : sanitizeLinkUrl(options.runUrl);
  return [
    ...(options.marker === undefined ? [] : [formatCommentMarker(options.marker)]),
    `### ${title}${shard}`,
    '',
    formatTotalsLine(report),
    ...(runUrl === undefined ? [] : ['', `Full result: the [workflow run and its job summary](${runUrl}).`]),
  ];
}

/** One list item per warning, `webhook [sample]: warning`. */
export function renderWarningSection(
  checks: readonly CheckResult[],
  detailsUrl: string | undefined,
): Section {
  const items = checks.flatMap((check) =>
    check.warnings.map(
      (warning) =>
        `- ${escapeMarkdownText(check.webhook, NAME_MAX)} \\[${escapeMarkdownText(check.sample, NAME_MAX)}\\]: ` +
        escapeMarkdownText(warning, WARNING_MAX),
    ),
  );
  return {
    head: ['#### Warnings', ''],
    items,
    more: (left) =>
      `…and ${formatCount(left, 'more warning')} — ${formatLink('see the JSON report', detailsUrl)}`,
  };
}

/** A Markdown link to `url` when it is a safe http(s) URL; the text alone otherwise. */
export function formatLink(text: string, url: string | undefined): string {
  const safe = url === undefined ? undefined : sanitizeLinkUrl(url);
  return safe === undefined ? text : `[${text}](${safe})`;
}

/** `1 check`, `2 checks`. */
export function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** How many warnings the report's checks carry. */
export function countWarnings(report: RunReport): number {
  return report.checks.reduce((sum, check) => sum + check.warnings.length, 0);
}

/**
 * Joins the intro and the sections into one document no larger than `limit` (UTF-16 code units and UTF-8
 * bytes). Sections are filled in order; each keeps room for its own "…and N more" line and for the smallest
 * form of the sections after it (their heads and their "more" line), so a long first section cannot crowd the
 * others out completely. Items are all-or-nothing: a table row is never cut in half.
 */
export function assembleMarkdown(
  intro: readonly string[],
  sections: readonly Section[],
  limit: number,
): string {
  const budget = new Budget(limit);
  const lines: string[] = [];
  const push = (line: string): void => {
    lines.push(line);
    budget.spend(line + '\n');
  };
  intro.forEach(push);

  sections.forEach((section, index) => {
    if (section.items.length === 0) return;
    const later = sections.slice(index + 1).filter((next) => next.items.length > 0);
    const reserveLater = later.reduce((sum, next) => sum + measureSection(next), 0);
    const tail = section.tail ?? [];
    const tailCost = measure(tail.map((line) => line + '\n').join(''));
    const headCost = measure(['', ...section.head].map((line) => line + '\n').join('')) + tailCost;
    const weightOf = (item: number): number => section.weights?.[item] ?? 1;
    let weight = 0;
    for (let item = 0; item < section.items.length; item += 1) weight += weightOf(item);
    // Room for the "more" line (sized for the largest count) and the blank line before it.
    const moreCost = measure('\n' + section.more(weight) + '\n');
    const costs = section.items.map((item) => measure(item + '\n'));
    // restCost[i]: what items i.. cost together; when they all fit, no "more" line is needed.
    const restCost = costs.map(() => 0);
    for (let item = costs.length - 1, sum = 0; item >= 0; item -= 1) restCost[item] = sum += costs[item] ?? 0;
    const fitsAll = budget.fits(headCost + (restCost[0] ?? 0) + reserveLater);
    if (!fitsAll && !budget.fits(headCost + (costs[0] ?? 0) + moreCost + reserveLater)) {
      // Not even one item: no empty table, just the count.
      if (budget.fits(moreCost + reserveLater)) ['', section.more(weight)].forEach(push);
      return;
    }
    ['', ...section.head].forEach(push);
    // The tail is owed once the head is out: keep its room like the later sections'.
    const reserve = reserveLater + tailCost;
    let left = weight;
    for (const [index, item] of section.items.entries()) {
      const rest = budget.fits((restCost[index] ?? 0) + reserve);
      if (!rest && !budget.fits((costs[index] ?? 0) + moreCost + reserve)) break;
      push(item);
      left -= weightOf(index);
    }
    if (left > 0) {
      push('');
      push(section.more(left));
    }
    tail.forEach(push);
  });

  const text = lines.join('\n') + '\n';
  // The intro alone may exceed a tiny limit; cut it rather than break the promise.
  return measure(text) <= limit ? text : cutToLimit(text, limit);
}

/** The smallest form of a section kept for it: its head, its "more" line (sized for every item) and its tail. */
function measureSection(section: Section): number {
  let weight = 0;
  for (let item = 0; item < section.items.length; item += 1) weight += section.weights?.[item] ?? 1;
  const lines = ['', ...section.head, '', section.more(weight), ...(section.tail ?? [])];
  return measure(lines.map((line) => line + '\n').join(''));
}

/** The larger of a text's UTF-16 length and its UTF-8 byte length (the latter is never smaller). */
function measure(text: string): number {
  return Math.max(text.length, measureUtf8Length(text));
}

/** UTF-8 byte length, computed without encoding (lone surrogates count as the 3 bytes of U+FFFD). */
export function measureUtf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function cutToLimit(text: string, limit: number): string {
  let result = '';
  let size = 0;
  for (const character of text) {
    const next = measure(character);
    if (size + next > limit) break;
    result += character;
    size += next;
  }
  return result;
}

class Budget {
  private used = 0;

  constructor(private readonly limit: number) {}

  fits(cost: number): boolean {
    return this.used + cost <= this.limit;
  }

  spend(text: string): void {
    this.used += measure(text);
  }
}
