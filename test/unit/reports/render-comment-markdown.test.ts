import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CheckResult } from '../../../src/judging/check-result.js';
import { renderCommentMarkdown } from '../../../src/reports/render-comment-markdown.js';
import {
  COMMENT_MAX_CHARS,
  formatCommentMarker,
  formatTotalsLine,
  measureUtf8Length,
} from '../../../src/reports/render-markdown.js';
import { HOSTILE_TEXTS, hostileText } from '../../support/hostile-text.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';
import { findLiveMarkup, splitTableRow } from '../../support/markdown-table.js';

const COLUMNS = 6;

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|'));
}

/** Every table line has six cells and nothing outside code spans is live markup. */
function expectInertTable(markdown: string): void {
  for (const row of tableRows(markdown)) {
    const cells = splitTableRow(row);
    expect(cells, row).toHaveLength(COLUMNS);
    for (const cell of cells) expect(findLiveMarkup(cell), cell).toEqual([]);
  }
}

function makeFailures(count: number, overrides: Partial<CheckResult> = {}): CheckResult[] {
  return Array.from({ length: count }, (_, index) =>
    makeFailedCheckResult({ webhook: `Webhook ${index}`, line: index + 1, ...overrides }),
  );
}

describe('formatTotalsLine', () => {
  it.each([
    [[], '⚠️ no checks ran'],
    [[makeCheckResult()], '✅ 1 check passed'],
    [[makeCheckResult(), makeCheckResult()], '✅ all 2 checks passed'],
    [[makeFailedCheckResult()], '❌ 1 of 1 check failed'],
    [[makeFailedCheckResult(), makeCheckResult(), makeFailedCheckResult()], '❌ 2 of 3 checks failed'],
  ])('counts %# correctly', (checks, line) => {
    expect(formatTotalsLine(makeReport(checks))).toBe(line);
  });
});

describe('formatCommentMarker', () => {
  it('builds a hidden line from a job key that cannot close the comment early', () => {
    expect(formatCommentMarker('ci/test')).toBe('<!-- webhook-contracts:ci/test -->');
    const hostile = formatCommentMarker('job --> <img src=x> <!--');
    expect(hostile.startsWith('<!-- webhook-contracts:')).toBe(true);
    expect(hostile.slice(4, -3)).not.toMatch(/--|>|</);
  });

  it('takes a ready-made marker line as it is', () => {
    expect(formatCommentMarker('<!-- webhook-contracts:CI/test -->')).toBe(
      '<!-- webhook-contracts:CI/test -->',
    );
  });
});

describe('renderCommentMarkdown', () => {
  it('starts with the marker, then the heading and the totals, and has no table when all checks pass', () => {
    const markdown = renderCommentMarkdown(
      makeReport([makeCheckResult(), makeCheckResult({ sample: 'bob' })]),
      {
        maxChars: COMMENT_MAX_CHARS,
        marker: 'ci/test',
      },
    );
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('<!-- webhook-contracts:ci/test -->');
    expect(lines[1]).toBe('### Webhook contracts');
    expect(markdown).toContain('✅ all 2 checks passed');
    expect(tableRows(markdown)).toEqual([]);
  });

  it('handles a report with no checks', () => {
    const markdown = renderCommentMarkdown(makeReport([]), { maxChars: COMMENT_MAX_CHARS });
    expect(markdown).toBe('### Webhook contracts\n\n⚠️ no checks ran\n');
  });

  it('tables the failures only, one row per failing check, with code, error type, problems and snippet', () => {
    const failing = makeFailedCheckResult({
      webhook: 'Score lead',
      sample: 'bob',
      failures: [
        { kind: 'status', message: 'status 500 is not 2xx' },
        { kind: 'latency', message: 'took 3 s, budget 2 s' },
      ],
    });
    const markdown = renderCommentMarkdown(makeReport([makeCheckResult(), failing]), {
      maxChars: COMMENT_MAX_CHARS,
    });
    expect(markdown).toContain('❌ 1 of 2 checks failed');
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(3);
    expect(splitTableRow(rows[0] ?? '')).toEqual([
      'Webhook',
      'Sample',
      'Code',
      'Error type',
      'Problem',
      'Response',
    ]);
    expect(splitTableRow(rows[2] ?? '')).toEqual([
      'Score lead',
      'bob',
      '500',
      '500 Internal Server Error',
      'status: status 500 is not 2xx<br>latency: took 3 s, budget 2 s',
      '` {"error":"boom"} `',
    ]);
    expect(markdown).not.toContain('more failure');
  });

  it('shows a dash for a missing code and error type, and an empty cell for no snippet', () => {
    // makeCheckResult sets no snippet.
    const check = makeCheckResult({
      code: null,
      status: null,
      errorType: null,
      failures: [{ kind: 'timeout', message: 'no response within 30 s' }],
    });
    const row = tableRows(renderCommentMarkdown(makeReport([check]), { maxChars: COMMENT_MAX_CHARS }))[2];
    expect(splitTableRow(row ?? '')).toEqual([
      'Score lead',
      'alice',
      '—',
      '—',
      'timeout: no response within 30 s',
      '',
    ]);
  });

  it('shows the title and shard, escaped', () => {
    const markdown = renderCommentMarkdown(makeReport([]), {
      maxChars: 1000,
      title: 'Hooks <b>',
      shard: '2/3',
    });
    expect(markdown).toContain('### Hooks \\<b\\> (shard 2/3)');
  });

  it('counts warnings without listing them', () => {
    const markdown = renderCommentMarkdown(makeReport([makeCheckResult({ warnings: ['a @x', 'b'] })]), {
      maxChars: COMMENT_MAX_CHARS,
    });
    expect(markdown).toContain('⚠️ 2 warnings: see the job summary');
    expect(markdown).not.toContain('@x');
  });

  it.each(HOSTILE_TEXTS)('keeps a hostile %j inert in every cell', (text) => {
    const check = makeFailedCheckResult({
      webhook: text,
      sample: text,
      errorType: text,
      failures: [{ kind: 'schema', message: text }],
      responseSnippet: text,
    });
    const markdown = renderCommentMarkdown(makeReport([check]), { maxChars: COMMENT_MAX_CHARS });
    expect(tableRows(markdown)).toHaveLength(3);
    expectInertTable(markdown);
  });

  it('keeps a 10 kB response line short and in one row', () => {
    const check = makeFailedCheckResult({ responseSnippet: '|`@x #1 <img>'.repeat(1000) });
    const markdown = renderCommentMarkdown(makeReport([check]), { maxChars: COMMENT_MAX_CHARS });
    const row = tableRows(markdown)[2] ?? '';
    expect(row.length).toBeLessThan(400);
    expectInertTable(markdown);
  });

  it('keeps any failure inert (property)', () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), hostileText(200), (name, message, snippet) => {
        const check = makeFailedCheckResult({
          webhook: name,
          failures: [{ kind: 'status', message }],
          responseSnippet: snippet,
        });
        const markdown = renderCommentMarkdown(makeReport([check]), { maxChars: COMMENT_MAX_CHARS });
        expect(tableRows(markdown)).toHaveLength(3);
        expectInertTable(markdown);
      }),
    );
  });

  it('cuts 5,000 failures to fit in 65,536 characters, ending with an "and N more" line linking the summary', () => {
    const checks = [...makeFailures(5_000), makeCheckResult({ line: 9_999 })];
    const url = 'https://github.com/o/r/actions/runs/1/attempts/1#summary-2';
    const markdown = renderCommentMarkdown(makeReport(checks), {
      maxChars: COMMENT_MAX_CHARS,
      detailsUrl: url,
    });
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(markdown).toContain('❌ 5000 of 5001 checks failed');
    const shown = tableRows(markdown).length - 2;
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(5_000);
    const lines = markdown.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`…and ${5_000 - shown} more failing checks — [see the job summary](${url})`);
    // A blank line ends the table before it, so it is not read as a row.
    expect(lines.at(-2)).toBe('');
    expectInertTable(markdown);
  });

  it('respects the limit exactly: every size from tiny to large, in characters and in UTF-8 bytes', () => {
    const checks = makeFailures(30, { responseSnippet: '字😀'.repeat(50), webhook: 'Ünïcödé 字' });
    const report = makeReport(checks);
    for (let maxChars = 0; maxChars <= 6_000; maxChars += 37) {
      const markdown = renderCommentMarkdown(report, { maxChars });
      expect(markdown.length, String(maxChars)).toBeLessThanOrEqual(maxChars);
      expect(measureUtf8Length(markdown), String(maxChars)).toBeLessThanOrEqual(maxChars);
      expect(measureUtf8Length(markdown)).toBe(Buffer.byteLength(markdown, 'utf8'));
    }
  });

  it('shows everything when everything fits exactly, and no empty table when not even one row fits', () => {
    const report = makeReport(makeFailures(3));
    const full = renderCommentMarkdown(report, {});
    expect(renderCommentMarkdown(report, { maxChars: measureUtf8Length(full) })).toBe(full);
    const tiny = renderCommentMarkdown(report, { maxChars: 200 });
    expect(tableRows(tiny)).toEqual([]);
    expect(tiny).toContain('…and 3 more failing checks — see the job summary');
  });

  it('uses most of the room it has (the cut is not wasteful)', () => {
    const markdown = renderCommentMarkdown(makeReport(makeFailures(5_000)), { maxChars: COMMENT_MAX_CHARS });
    const rowLength = (tableRows(markdown)[2] ?? '').length;
    expect(markdown.length).toBeGreaterThan(COMMENT_MAX_CHARS - 3 * rowLength);
  });

  it('says "1 more failing check" in the singular and leaves out an unsafe link', () => {
    const report = makeReport(makeFailures(2));
    const full = renderCommentMarkdown(report, { maxChars: COMMENT_MAX_CHARS });
    // One byte short of the full comment: the last row gives way to the "more" line.
    const markdown = renderCommentMarkdown(report, {
      maxChars: measureUtf8Length(full) - 1,
      detailsUrl: 'javascript:alert(1)',
    });
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('…and 1 more failing check — see the job summary');
  });
});

describe('renderCommentMarkdown at a glance', () => {
  const cells = (markdown: string): string[][] => tableRows(markdown).slice(2).map(splitTableRow);

  it('groups a webhook’s identical failures into one row, samples in natural order', () => {
    const checks = Array.from({ length: 60 }, (_, index) =>
      makeFailedCheckResult({ sample: `lead-${index}` }),
    );
    // Listed as text order would have them: lead-0, lead-1, lead-10, ...
    checks.sort((a, b) => (a.sample < b.sample ? -1 : 1));
    const markdown = renderCommentMarkdown(makeReport(checks), {});
    expect(cells(markdown)).toEqual([
      [
        'Score lead',
        '× 60 samples: lead-0, lead-1, lead-2, …',
        '500',
        '500 Internal Server Error',
        'status: status 500 is not 2xx',
        '` {"error":"boom"} `',
      ],
    ]);
  });

  it('keeps different failures, and other webhooks, in rows of their own, in the contracts’ order', () => {
    const checks = [
      makeFailedCheckResult({ webhook: 'B', line: 30, sample: 'lead-10' }),
      makeFailedCheckResult({ webhook: 'B', line: 30, sample: 'lead-2' }),
      makeFailedCheckResult({ webhook: 'A', line: 10, sample: 'lead-1' }),
      makeFailedCheckResult({ webhook: 'A', line: 10, sample: 'lead-3', responseSnippet: 'other body' }),
      makeFailedCheckResult({ webhook: 'A', line: 10, sample: 'lead-2' }),
    ];
    const rows = cells(renderCommentMarkdown(makeReport(checks), {}));
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ['A', '× 2 samples: lead-1, lead-2'],
      ['A', 'lead-3'],
      ['B', '× 2 samples: lead-2, lead-10'],
    ]);
  });

  it('shows nothing misleading on a 2xx, the status and phrase otherwise, and where a redirect points', () => {
    const checks = [
      makeFailedCheckResult({
        sample: 'mapping',
        code: 200,
        status: 200,
        errorType: 'OK',
        failures: [{ kind: 'mapping-missing', message: 'data.score is missing' }],
      }),
      makeFailedCheckResult({
        sample: 'empty',
        code: 1001,
        status: 200,
        errorType: 'OK',
        failures: [{ kind: 'empty-body', message: 'the response body is empty' }],
      }),
      makeFailedCheckResult({ sample: 'server' }),
      makeFailedCheckResult({
        sample: 'redirect',
        code: 302,
        status: 302,
        errorType: 'Found',
        location: '/score',
        failures: [{ kind: 'status', message: 'got 302 Found, expected 2xx' }],
      }),
      makeFailedCheckResult({
        sample: 'refused',
        code: null,
        status: null,
        errorType: 'ECONNREFUSED',
        failures: [{ kind: 'network', message: 'ECONNREFUSED: connect refused' }],
      }),
      makeFailedCheckResult({ sample: 'no-phrase', code: 503, status: 503, errorType: '' }),
    ];
    const rows = cells(renderCommentMarkdown(makeReport(checks), {}));
    expect(Object.fromEntries(rows.map((row) => [row[1], row[3]]))).toEqual({
      mapping: '—',
      empty: '—',
      server: '500 Internal Server Error',
      redirect: '302 Found → /score',
      refused: 'ECONNREFUSED',
      'no-phrase': '503',
    });
  });

  it('keeps a hostile redirect target inert', () => {
    const check = makeFailedCheckResult({
      code: 301,
      status: 301,
      errorType: 'Moved',
      location: 'https://evil.example/@team #1 <img src=x> | x',
    });
    const markdown = renderCommentMarkdown(makeReport([check]), {});
    expectInertTable(markdown);
  });

  it('links the run and its job summary in every comment, failing or passing', () => {
    const runUrl = 'https://github.com/o/r/actions/runs/42';
    for (const checks of [[makeCheckResult()], [makeFailedCheckResult()]]) {
      const markdown = renderCommentMarkdown(makeReport(checks), { runUrl });
      expect(markdown).toContain(`[workflow run and its job summary](${runUrl})`);
    }
    const unsafe = renderCommentMarkdown(makeReport([]), { runUrl: 'javascript:alert(1)' });
    expect(unsafe).not.toContain('javascript');
    expect(unsafe).not.toContain('job summary](');
  });

  it('counts the checks of rows it had to leave out, not the rows', () => {
    const checks = Array.from({ length: 50 }, (_, index) =>
      Array.from({ length: 10 }, (__, sample) =>
        makeFailedCheckResult({ webhook: `Webhook ${index}`, line: index + 1, sample: `lead-${sample}` }),
      ),
    ).flat();
    const markdown = renderCommentMarkdown(makeReport(checks), { maxChars: 3_000 });
    const shown = cells(markdown).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(50);
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(
      `…and ${(50 - shown) * 10} more failing checks — see the job summary`,
    );
  });
});
