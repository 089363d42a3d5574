import type { CheckResult, RunReport } from '../judging/check-result.js';
import { escapeControlCharacters } from '../contracts/escape-control-characters.js';
import { measureDisplayWidth, padToDisplayWidth, truncateToDisplayWidth } from './measure-display-width.js';

export interface ConsoleTableOptions {
  /** Add ANSI colours (a TTY that wants them); otherwise plain text. */
  readonly color: boolean;
  /** The terminal's width in columns: longer table lines are cut, the problem column first (never the totals). */
  readonly width?: number;
}

/** Names and samples wider than this are cut, so one long name cannot push every row off the screen. */
const MAX_NAME_WIDTH = 40;
const GAP = '  ';

const ANSI = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

/**
 * Renders the report for a terminal: one aligned row per check (status mark, webhook, sample, code, latency,
 * first problem), then a totals line. Columns are aligned by display width, so wide (CJK, emoji) characters
 * line up. Control and invisible characters in untrusted text (an ANSI escape in a response) are shown as
 * escapes (`\u001b`, `\n`), and
 * colour is added only when `color` is set. Ends with a newline.
 */
export function renderConsoleTable(report: RunReport, options: ConsoleTableOptions): string {
  const paint = (code: number, text: string): string =>
    options.color && text.length > 0 ? `\u001b[${code}m${text}\u001b[0m` : text;
  const totals = formatTotals(report, paint);
  if (report.checks.length === 0) return totals + '\n';

  const rows = report.checks.map((check) => ({
    check,
    cells: [
      check.passed ? '✓' : '✗',
      truncateToDisplayWidth(clean(check.webhook), MAX_NAME_WIDTH),
      truncateToDisplayWidth(clean(check.sample), MAX_NAME_WIDTH),
      check.code === null ? '—' : String(check.code),
      check.latencyMs === null ? '—' : `${Math.round(check.latencyMs)} ms`,
      describeProblem(check),
    ],
  }));
  const header = ['', 'Webhook', 'Sample', 'Code', 'Latency', 'Problem'];
  // A loop, not Math.max(...rows): spreading one argument per check overflows the stack past ~120,000 checks.
  const widths = header.map((title) => measureDisplayWidth(title));
  for (const row of rows) {
    row.cells.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, measureDisplayWidth(cell));
    });
  }
  const rightAligned = new Set([3, 4]);
  const fixedWidth = widths.slice(0, 5).reduce((sum, width) => sum + width + GAP.length, 0);
  const problemWidth =
    options.width === undefined ? Number.POSITIVE_INFINITY : Math.max(10, options.width - fixedWidth);

  const layout = (cells: readonly string[]): string[] =>
    cells.map((cell, column) => {
      if (column === 5) return truncateToDisplayWidth(cell, problemWidth);
      return padToDisplayWidth(cell, widths[column] ?? 0, rightAligned.has(column) ? 'end' : 'start');
    });
  // Lines are cut before colour is added, so escape sequences never count towards the width or get cut.
  const fit = (cells: string[]): string[] => {
    if (options.width === undefined) return cells;
    const plain = cells.join(GAP).trimEnd();
    if (measureDisplayWidth(plain) <= options.width) return cells;
    return [truncateToDisplayWidth(plain, options.width)];
  };

  const lines = [
    fit(layout(header))
      .map((cell) => paint(ANSI.bold, cell))
      .join(GAP)
      .trimEnd(),
  ];
  for (const { check, cells } of rows) {
    const fitted = fit(layout(cells));
    const colour = check.passed ? ANSI.green : ANSI.red;
    if (fitted.length === 1) {
      lines.push(paint(colour, fitted[0] ?? ''));
      continue;
    }
    const painted = fitted.map((cell, column) => {
      if (column === 0) return paint(colour, cell);
      if (column === 5) return paint(check.passed ? ANSI.dim : ANSI.red, cell);
      return cell;
    });
    lines.push(painted.join(GAP).trimEnd());
  }
  lines.push('', totals);
  return lines.join('\n') + '\n';
}

/** The terminal's door for untrusted text: controls and invisible characters shown as escapes (`\u001b`). */
function clean(text: string): string {
  return escapeControlCharacters(text);
}

function describeProblem(check: CheckResult): string {
  const [first, ...rest] = check.failures;
  if (first === undefined) {
    const count = check.warnings.length;
    return count === 0 ? '' : `(${count} warning${count === 1 ? '' : 's'})`;
  }
  const more = rest.length === 0 ? '' : ` (+${rest.length} more)`;
  return clean(`${first.kind}: ${first.message}`) + more;
}

function formatTotals(report: RunReport, paint: (code: number, text: string) => string): string {
  const { total, passed, failed } = report.summary;
  if (total === 0) return paint(ANSI.yellow, 'No checks ran.');
  const checks = `${total} check${total === 1 ? '' : 's'}`;
  const failedPart = failed === 0 ? `${failed} failed` : paint(ANSI.red, `${failed} failed`);
  return `${checks}: ${paint(ANSI.green, `${passed} passed`)}, ${failedPart}`;
}
