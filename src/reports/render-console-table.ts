import type { CheckResult, RunReport } from '../judging/check-result.js';
import { escapeControlCharacters } from '../contracts/escape-control-characters.js';
import { measureDisplayWidth, truncateToDisplayWidth } from './measure-display-width.js';
import { formatConsoleName } from './console-name.js';
import { sortForReading } from './natural-order.js';
import type { Paint } from './render-console-totals.js';
import { ANSI, formatConsoleProjection, formatConsoleTotals } from './render-console-totals.js';

export interface ConsoleTableOptions {
  /** Add ANSI colours (a TTY that wants them); otherwise plain text. */
  readonly color: boolean;
  /**
   * The terminal's width in columns: longer table lines are cut, the problem column first (never the totals).
   * Absent (stdout is not a terminal): nothing is cut, and every failure of a check is shown in full.
   */
  readonly width?: number;
  /** Never cut anything, even on a terminal (`--wide`). */
  readonly wide?: boolean;
  /** Only the failing checks' rows (`--failures-only`). */
  readonly failuresOnly?: boolean;
}

/** A table longer than this scrolls its failures away: they are listed again under it. */
const RECAP_AFTER_ROWS = 30;
const GAP = '  ';
/** Distinct names and cells remembered per table; past this (a suite of distinct samples), just recomputed. */
const MAX_REMEMBERED = 1_000;
const MAX_SHORT_CELL = 8;
const HEADER = ['', 'Webhook', 'Sample', 'Code', 'Latency', 'Problem'];
const RIGHT_ALIGNED = new Set([3, 4]);

/**
 * Renders the report for a terminal: one aligned row per check (status mark, webhook, sample, code, latency,
 * problem), then a totals line and the campaign projection. Rows are in reading order (file, line, then names
 * in natural order). After a long table with failures, the failing rows again, together. Columns are aligned
 * by display width, so wide (CJK, emoji) characters line up. Control characters in untrusted text (an ANSI
 * escape in a response) are shown as escapes (`\u001b`, `\n`), and colour is added only when `color` is set, each coloured
 * run closed before its line ends. Ends with a newline.
 */
export function renderConsoleTable(report: RunReport, options: ConsoleTableOptions): string {
  const paint: Paint = (code, text) =>
    options.color && text.length > 0 ? `\u001b[${code}m${text}\u001b[0m` : text;
  const totals = [formatConsoleTotals(report, paint), ...formatConsoleProjection(report, paint)];
  if (report.checks.length === 0) return totals.join('\n') + '\n';

  const ordered = sortForReading(report.checks);
  const failing = ordered.filter((check) => !check.passed);
  const shown = options.failuresOnly === true ? failing : ordered;
  const lines = shown.length === 0 ? [] : renderTable(shown, options, paint);
  // The recap gathers failures scattered among passing rows; a table of failures only needs none.
  const scattered = failing.length > 0 && failing.length < shown.length;
  if (options.failuresOnly !== true && shown.length > RECAP_AFTER_ROWS && scattered) {
    lines.push('', paint(ANSI.bold, `Failures (${failing.length} of ${ordered.length} checks):`));
    // One push per line, not push(...rows): a 200,000-check recap would pass 200,000 arguments.
    for (const line of renderTable(failing, options, paint)) lines.push(line);
  }
  if (options.failuresOnly === true && failing.length === 0) lines.push('No check failed.');
  return [...lines, '', ...totals].join('\n') + '\n';
}

function renderTable(checks: readonly CheckResult[], options: ConsoleTableOptions, paint: Paint): string[] {
  const cutNames = options.wide !== true;
  // Only a terminal's width cuts a line, and never with --wide: a log or a pipe keeps every reason whole.
  const width = options.wide === true ? undefined : options.width;
  const name = (text: string): string => formatConsoleName(text, cutNames);
  // Webhook names repeat on every row of their checks: each distinct one is cleaned and cut once.
  const webhookNames = new Map<string, string>();
  const webhookName = (text: string): string => {
    let shown = webhookNames.get(text);
    if (shown === undefined) {
      shown = name(text);
      if (webhookNames.size < MAX_REMEMBERED) webhookNames.set(text, shown);
    }
    return shown;
  };
  // Short cells (the marks, a dash, codes, latencies) repeat on most rows: measured once each.
  const cellWidths = new Map<string, number>();
  const measure = (cell: string): number => {
    if (cell.length > MAX_SHORT_CELL) return measureDisplayWidth(cell);
    let cellWidth = cellWidths.get(cell);
    if (cellWidth === undefined) {
      cellWidth = measureDisplayWidth(cell);
      if (cellWidths.size < MAX_REMEMBERED) cellWidths.set(cell, cellWidth);
    }
    return cellWidth;
  };
  const cellsOf = (check: CheckResult): string[] => [
    check.passed ? '✓' : '✗',
    webhookName(check.webhook),
    name(check.sample),
    check.code === null ? '—' : String(check.code),
    check.latencyMs === null ? '—' : `${Math.round(check.latencyMs)} ms`,
    describeProblem(check, width !== undefined),
  ];
  // Two passes, each making a row's cells afresh: one measures the columns, one lays out the lines. No row is
  // kept from the first to the second, so a large table holds its lines only, not every cell besides.
  // A loop, not Math.max(...rows): a 200,000-check run would pass 200,000 arguments.
  const widths = HEADER.map((title) => measureDisplayWidth(title));
  for (const check of checks) {
    cellsOf(check).forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, measure(cell));
    });
  }
  let fixedWidth = 0;
  for (const columnWidth of widths.slice(0, 5)) fixedWidth += columnWidth + GAP.length;
  const problemWidth = width === undefined ? Number.POSITIVE_INFINITY : Math.max(10, width - fixedWidth);

  const layout = (cells: readonly string[]): string[] =>
    cells.map((cell, column) => {
      if (column === 5) return truncateToDisplayWidth(cell, problemWidth);
      const padding = spaces((widths[column] ?? 0) - measure(cell));
      return RIGHT_ALIGNED.has(column) ? padding + cell : cell + padding;
    });
  const layOutPlain = (cells: readonly string[]): string => {
    let line = '';
    for (let column = 0; column < 5; column += 1) {
      const cell = cells[column] ?? '';
      const padding = spaces((widths[column] ?? 0) - measure(cell));
      line += (RIGHT_ALIGNED.has(column) ? padding + cell : cell + padding) + GAP;
    }
    return (line + (cells[5] ?? '')).trimEnd();
  };
  // Lines are cut before colour is added, so escape sequences never count towards the width or get cut.
  const fit = (cells: string[]): string[] => {
    if (width === undefined) return cells;
    const plain = cells.join(GAP).trimEnd();
    if (measureDisplayWidth(plain) <= width) return cells;
    return [truncateToDisplayWidth(plain, width)];
  };

  const header = fit(layout(HEADER));
  const lines = [
    header
      .map((cell, column) => paint(ANSI.bold, column === header.length - 1 ? cell.trimEnd() : cell))
      .join(GAP)
      .trimEnd(),
  ];
  // The usual case, a log or a pipe (no colour, no width to cut to): each line built straight from its cells.
  if (width === undefined && !options.color) {
    for (const check of checks) lines.push(layOutPlain(cellsOf(check)));
    return lines;
  }
  for (const check of checks) {
    const fitted = fit(layout(cellsOf(check)));
    const colour = check.passed ? ANSI.green : ANSI.red;
    if (fitted.length === 1) {
      lines.push(paint(colour, fitted[0] ?? ''));
      continue;
    }
    // The padding is trimmed from the last cell before it is painted, so no line ends inside a colour.
    const last = fitted.length - 1;
    const painted = fitted.map((cell, column) => {
      const text = column === last ? cell.trimEnd() : cell;
      if (column === 0) return paint(colour, text);
      if (column === 5) return paint(check.passed ? ANSI.dim : ANSI.red, text);
      return text;
    });
    lines.push(painted.join(GAP).trimEnd());
  }
  return lines;
}

/** `count` spaces (none for a negative count), from one shared run: most cells need a few. */
function spaces(count: number): string {
  if (count <= 0) return '';
  if (count > SPACES.length) return ' '.repeat(count);
  return SPACES.slice(0, count);
}
const SPACES = ' '.repeat(80);

/**
 * The problem cell: on a terminal, the first failure and a count of the rest (the line is cut to the width);
 * elsewhere every failure, in full. A passing check shows its warning count.
 */
function describeProblem(check: CheckResult, short: boolean): string {
  const [first, ...rest] = check.failures;
  if (first === undefined) {
    const count = check.warnings.length;
    return count === 0 ? '' : `(${count} warning${count === 1 ? '' : 's'})`;
  }
  if (!short) {
    return clean(check.failures.map((failure) => `${failure.kind}: ${failure.message}`).join('; '));
  }
  const more = rest.length === 0 ? '' : ` (+${rest.length} more)`;
  return clean(`${first.kind}: ${first.message}`) + more;
}

/** The terminal's door for untrusted text: controls and invisible characters shown as escapes (`\u001b`). */
function clean(text: string): string {
  return escapeControlCharacters(text);
}
