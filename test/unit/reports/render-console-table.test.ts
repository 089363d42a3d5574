import { describe, expect, it } from 'vitest';
import { measureDisplayWidth } from '../../../src/reports/measure-display-width.js';
import { withCampaignProjection } from '../../../src/reports/campaign-projection.js';
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
  makeCheckResult({ webhook: 'Score lead', line: 1, sample: 'alice', latencyMs: 42.4 }),
  makeFailedCheckResult({
    webhook: '字字 enrich 😀',
    line: 2,
    sample: 'bob',
    latencyMs: 1234,
    failures: [
      { kind: 'status', message: 'status 500 is not 2xx' },
      { kind: 'latency', message: 'slow' },
    ],
  }),
  makeFailedCheckResult({
    webhook: 'Timeout',
    line: 3,
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

  it('marks, formats code and latency, and shows every failure in full when stdout is not a terminal', () => {
    expect(lines[1]).toMatch(/^✓ +Score lead +alice +200 +42 ms$/);
    expect(lines[2]).toMatch(
      /^✗ +字字 enrich 😀 +bob +500 +1234 ms +status: status 500 is not 2xx; latency: slow$/,
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

  it('shows the first problem with a count of the rest on a terminal', () => {
    const terminal = renderConsoleTable(REPORT, { color: false, width: 200 }).split('\n');
    expect(terminal[2]).toMatch(/ +status: status 500 is not 2xx \(\+1 more\)$/);
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

describe('renderConsoleTable for a reader', () => {
  const longReason = `mapping-type: ${'x'.repeat(300)} end`;
  const failure = makeFailedCheckResult({
    webhook: 'w'.repeat(60),
    sample: 'lead-7',
    failures: [
      { kind: 'mapping-type', message: `${'x'.repeat(300)} end` },
      { kind: 'latency', message: 'slow' },
    ],
  });

  it('never cuts a failure reason when stdout is not a terminal', () => {
    const output = renderConsoleTable(makeReport([failure]), { color: false });
    expect(output).toContain(`${longReason}; latency: slow`);
  });

  it('never cuts anything with --wide, even on a narrow terminal', () => {
    const output = renderConsoleTable(makeReport([failure]), { color: false, width: 40, wide: true });
    expect(output).toContain(`${longReason}; latency: slow`);
    expect(output).toContain('w'.repeat(60));
  });

  it('lists samples in natural order', () => {
    const checks = ['lead-10', 'lead-2', 'lead-1'].map((sample) => makeCheckResult({ sample }));
    const output = renderConsoleTable(makeReport(checks), { color: false });
    const samples = output
      .split('\n')
      .slice(1, 4)
      .map((line) => /lead-\d+/.exec(line)?.[0]);
    expect(samples).toEqual(['lead-1', 'lead-2', 'lead-10']);
  });

  it('recaps the failures together after a long table', () => {
    const checks = Array.from({ length: 200 }, (_, index) =>
      index % 10 === 3
        ? makeFailedCheckResult({ sample: `lead-${index}` })
        : makeCheckResult({ sample: `lead-${index}` }),
    );
    const lines = renderConsoleTable(makeReport(checks), { color: false }).split('\n');
    const recap = lines.indexOf('Failures (20 of 200 checks):');
    expect(recap).toBe(1 + 200 + 1);
    const recapRows = lines.slice(recap + 2, recap + 2 + 20);
    expect(recapRows.every((line) => line.startsWith('✗'))).toBe(true);
    expect(recapRows[0]).toContain('lead-3 ');
    expect(lines[recap + 2 + 20]).toBe('');
  });

  it('shows no recap after a short table, nor after a long one that holds only failures', () => {
    const checks = [makeFailedCheckResult(), makeCheckResult({ sample: 'bob' })];
    expect(renderConsoleTable(makeReport(checks), { color: false })).not.toContain('Failures (');
    const failing = Array.from({ length: 100 }, (_, index) => makeFailedCheckResult({ sample: `s${index}` }));
    expect(renderConsoleTable(makeReport(failing), { color: false })).not.toContain('Failures (');
  });

  it('shows only the failing rows with --failures-only, and says so when none failed', () => {
    const checks = [makeFailedCheckResult({ sample: 'bad' }), makeCheckResult({ sample: 'good' })];
    const output = renderConsoleTable(makeReport(checks), { color: false, failuresOnly: true });
    expect(output).toContain('bad');
    expect(output).not.toContain('good');
    expect(output).toContain('2 checks: 1 passed, 1 failed');
    const none = renderConsoleTable(makeReport([makeCheckResult()]), { color: false, failuresOnly: true });
    expect(none).toBe('No check failed.\n\n1 check: 1 passed, 0 failed\n');
  });

  it('closes every colour before the end of its line', () => {
    const checks = [makeFailedCheckResult(), makeCheckResult({ sample: 'bob', warnings: ['w'] })];
    for (const width of [undefined, 30, 200]) {
      const output = renderConsoleTable(makeReport(checks), {
        color: true,
        ...(width === undefined ? {} : { width }),
      });
      for (const line of output.split('\n')) {
        expect(line.startsWith('\u001b[0m'), JSON.stringify(line)).toBe(false);
        const codes = line.match(ANSI_SEQUENCE) ?? [];
        if (codes.length > 0) expect(codes.at(-1), JSON.stringify(line)).toBe('\u001b[0m');
        expect(line.replace(ANSI_SEQUENCE, '')).toBe(line.replace(ANSI_SEQUENCE, '').trimEnd());
      }
    }
  });
});

describe('renderConsoleTable totals', () => {
  it('projects the campaign under the totals and warns near Marketo’s timeout, in yellow', () => {
    const checks = [
      makeCheckResult({ webhook: 'Score lead', line: 1, latencyMs: 420 }),
      makeCheckResult({ webhook: 'Slow \u001b[2J', line: 2, latencyMs: 25_000 }),
      makeFailedCheckResult({ webhook: 'Batch', line: 3, code: 1000, status: null, latencyMs: null }),
    ];
    const report = withCampaignProjection(makeReport(checks), 10_000);
    const lines = renderConsoleTable(report, { color: false }).trimEnd().split('\n');
    expect(lines.slice(-5)).toEqual([
      '3 checks: 2 passed, 1 failed',
      "A trigger campaign of 10,000 leads keeps Marketo's queue busy (20 calls at once, as reported by practitioners):",
      '  Score lead      about 3.5 min at p50 420 ms, about 3.5 min at p95 420 ms',
      // The escape character is shown as an escape: the name cannot clear the screen.
      '  Slow \\u001b[2J  about 3.5 h at p50 25 s, about 3.5 h at p95 25 s',
      "⚠ Slow \\u001b[2J: p95 25 s is near Marketo's 30 s timeout: Marketo gives up after 30 s but the service may still finish the work, so a retry writes twice",
    ]);
    const coloured = renderConsoleTable(report, { color: true }).trimEnd().split('\n');
    const warning = coloured.at(-1) ?? '';
    expect(warning.startsWith('\u001b[33m⚠ Slow \\u001b[2J: ')).toBe(true);
    expect(warning.endsWith('twice\u001b[0m')).toBe(true);
  });

  it('says "1 check" in the singular', () => {
    expect(renderConsoleTable(makeReport([makeCheckResult()]), { color: false })).toMatch(
      /\n1 check: 1 passed, 0 failed\n$/,
    );
  });
});
