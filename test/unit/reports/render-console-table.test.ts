import { describe, expect, it } from 'vitest';
import { measureDisplayWidth } from '../../../src/reports/measure-display-width.js';
import { renderConsoleTable } from '../../../src/reports/render-console-table.js';
import { HOSTILE_TEXTS } from '../../support/hostile-text.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;

/** The column where `needle` starts on each line that has it, in display columns. */
function columnOf(line: string, needle: string): number {
  const index = line.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${line}`);
  return measureDisplayWidth(line.slice(0, index));
}

const REPORT = makeReport([
  makeCheckResult({ webhook: 'Score lead', sample: 'alice', latencyMs: 42.4 }),
  makeFailedCheckResult({
    webhook: '字字 enrich 😀',
    sample: 'bob',
    latencyMs: 1234,
    failures: [
      { kind: 'status', message: 'status 500 is not 2xx' },
      { kind: 'latency', message: 'slow' },
    ],
  }),
  makeFailedCheckResult({
    webhook: 'Timeout',
    sample: 'ünïcödé',
    code: null,
    status: null,
    latencyMs: null,
    failures: [{ kind: 'timeout', message: 'no response within 30 s' }],
  }),
]);

describe('renderConsoleTable', () => {
  const plain = renderConsoleTable(REPORT, { color: false });
  const lines = plain.split('\n');

  it('has a header, one row per check, a blank line and the totals', () => {
    expect(lines[0]).toMatch(/^ +Webhook +Sample +Code +Latency +Problem$/);
    expect(lines).toHaveLength(1 + 3 + 1 + 1 + 1);
    expect(lines[5]).toBe('3 checks: 1 passed, 2 failed');
    expect(plain.endsWith('\n')).toBe(true);
  });

  it('marks, formats code and latency, and shows the first problem with a count of the rest', () => {
    expect(lines[1]).toMatch(/^✓ +Score lead +alice +200 +42 ms$/);
    expect(lines[2]).toMatch(
      /^✗ +字字 enrich 😀 +bob +500 +1234 ms +status: status 500 is not 2xx \(\+1 more\)$/,
    );
    expect(lines[3]).toMatch(/^✗ +Timeout +ünïcödé +— +— +timeout: no response within 30 s$/);
  });

  it('aligns every column by display width, wide characters included', () => {
    const rows = lines.slice(1, 4);
    const sampleColumn = columnOf(lines[0] ?? '', 'Sample');
    expect(rows.map((row, index) => columnOf(row, ['alice', 'bob', 'ünïcödé'][index] ?? ''))).toEqual([
      sampleColumn,
      sampleColumn,
      sampleColumn,
    ]);
    // Code and latency are right-aligned: they end in the same column as their headers.
    const codeEnd = columnOf(lines[0] ?? '', 'Code') + 4;
    expect(columnOf(rows[0] ?? '', '200') + 3).toBe(codeEnd);
    expect(columnOf(rows[2] ?? '', '—') + 1).toBe(codeEnd);
    const problemColumn = columnOf(lines[0] ?? '', 'Problem');
    expect(columnOf(rows[1] ?? '', 'status:')).toBe(problemColumn);
  });

  it('uses no ANSI codes without colour, and only colour codes with it', () => {
    expect(plain).not.toMatch(ANSI_SEQUENCE);
    const coloured = renderConsoleTable(REPORT, { color: true });
    expect(coloured).toMatch(ANSI_SEQUENCE);
    expect(coloured).toContain('\u001b[32m✓\u001b[0m');
    expect(coloured).toContain('\u001b[31m✗\u001b[0m');
    expect(coloured.replace(ANSI_SEQUENCE, '')).toBe(plain);
  });

  it('keeps every line within the width given, cutting the problem column first', () => {
    const narrow = renderConsoleTable(REPORT, { color: false, width: 60 });
    for (const line of narrow.split('\n')) expect(measureDisplayWidth(line), line).toBeLessThanOrEqual(60);
    expect(narrow).toContain('…');
    expect(narrow).toContain('Score lead');
    const tiny = renderConsoleTable(REPORT, { color: true, width: 20 });
    // The totals line is never cut: a terminal wraps it, and it is the line that matters most.
    const tableLines = tiny.replace(ANSI_SEQUENCE, '').split('\n').slice(0, 4);
    for (const line of tableLines) expect(measureDisplayWidth(line), line).toBeLessThanOrEqual(20);
  });

  it('cuts very long names so one cannot push every row off screen', () => {
    const long = renderConsoleTable(makeReport([makeCheckResult({ webhook: 'w'.repeat(500) })]), {
      color: false,
    });
    expect(long).toContain('w'.repeat(39) + '…');
    expect(long).not.toContain('w'.repeat(41));
  });

  it.each(HOSTILE_TEXTS)('turns control characters in %j into spaces, keeping one line per check', (text) => {
    const report = makeReport([
      makeFailedCheckResult({ webhook: text, failures: [{ kind: 'schema', message: text }] }),
    ]);
    const output = renderConsoleTable(report, { color: false });
    expect(output.split('\n')).toHaveLength(5);
    // eslint-disable-next-line no-control-regex
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u202e]/);
  });

  it('says when no checks ran', () => {
    expect(renderConsoleTable(makeReport([]), { color: false })).toBe('No checks ran.\n');
  });

  it('counts warnings of a passing check in the problem column', () => {
    const output = renderConsoleTable(makeReport([makeCheckResult({ warnings: ['a'] })]), { color: false });
    expect(output.split('\n')[1]).toMatch(/\(1 warning\)$/);
  });
});
