import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/judging/check-result.js';
import { withCampaignProjection } from '../../../src/reports/campaign-projection.js';
import { renderCommentMarkdown } from '../../../src/reports/render-comment-markdown.js';
import {
  COMMENT_MAX_CHARS,
  SUMMARY_MAX_CHARS,
  measureUtf8Length,
} from '../../../src/reports/render-markdown.js';
import { renderSummaryMarkdown } from '../../../src/reports/render-summary-markdown.js';
import { HOSTILE_TEXTS } from '../../support/hostile-text.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';
import { findLiveMarkup, splitTableRow } from '../../support/markdown-table.js';

/** The table rows (header and separator included) under the `#### heading` or `<details>` line `title`. */
function tableAfter(markdown: string, title: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) throw new Error(`no ${title} in\n${markdown}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) rows.push(splitTableRow(line));
    else if (rows.length > 0) break;
  }
  return rows;
}

function expectInert(markdown: string): void {
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) continue;
    for (const cell of splitTableRow(line)) expect(findLiveMarkup(cell), cell).toEqual([]);
  }
}

function makeFailures(count: number, overrides: Partial<CheckResult> = {}): CheckResult[] {
  return Array.from({ length: count }, (_, index) =>
    makeFailedCheckResult({ webhook: `Webhook ${index}`, line: index + 1, ...overrides }),
  );
}

/** Checks of one webhook with the given (synthetic) latencies. */
function withLatencies(webhook: string, line: number, latencies: readonly number[]): CheckResult[] {
  return latencies.map((latencyMs, index) =>
    makeCheckResult({ webhook, line, sample: `lead-${index + 1}`, latencyMs }),
  );
}

describe('renderSummaryMarkdown', () => {
  it('lists every webhook with its counts and latency p50 / p95 / max', () => {
    const latencies = Array.from({ length: 100 }, (_, index) => index + 1);
    const checks = [
      ...withLatencies('Score lead', 10, latencies),
      makeFailedCheckResult({ webhook: 'Score lead', line: 10, sample: 'lead-101', latencyMs: 2_500 }),
      makeFailedCheckResult({
        webhook: 'Batch',
        line: 40,
        code: 1000,
        status: null,
        latencyMs: null,
        failures: [{ kind: 'batch-campaign', message: 'batch' }],
      }),
    ];
    const rows = tableAfter(renderSummaryMarkdown(makeReport(checks), {}), '#### Webhooks');
    expect(rows.slice(2)).toEqual([
      ['Score lead', '101', '100', '**1**', '51 ms', '96 ms', '2.5 s'],
      ['Batch', '1', '0', '**1**', '—', '—', '—'],
    ]);
  });

  it('projects the campaign at p50 and p95 and warns near Marketo’s 30 s timeout', () => {
    const checks = [
      ...withLatencies('Score lead', 10, [400, 410, 420, 420]),
      ...withLatencies('Slow', 20, [20_000, 25_000]),
      makeFailedCheckResult({
        webhook: 'Timing out',
        line: 30,
        code: null,
        status: null,
        errorType: null,
        latencyMs: 30_000,
        failures: [{ kind: 'timeout', message: 'no complete response within 30000 ms' }],
      }),
    ];
    const report = withCampaignProjection(makeReport(checks), 10_000);
    const markdown = renderSummaryMarkdown(report, {});
    expect(markdown).toContain('#### A trigger campaign of 10,000 leads');
    expect(markdown).toContain(
      'as practitioners report (Adobe documents no figure), at most 20 calls at once',
    );
    const rows = tableAfter(markdown, '#### A trigger campaign');
    expect(rows[0]).toEqual(['Webhook', 'At p50', 'At p95', 'Note']);
    expect(rows[2]).toEqual(['Score lead', 'about 3.4 min (p50 410 ms)', 'about 3.5 min (p95 420 ms)', '']);
    expect(rows[3]?.[3]).toBe(
      "⚠️ p95 25 s is near Marketo's 30 s timeout: Marketo gives up after 30 s but the service may still finish the work, so a retry writes twice",
    );
    expect(rows[4]?.[3]).toBe(
      "⚠️ 1 call timed out at Marketo's 30 s timeout: Marketo gives up after 30 s but the service may still finish the work, so a retry writes twice",
    );
  });

  it('names a webhook’s own lower timeout in its warning, and Marketo’s beside it', () => {
    const timedOut = makeFailedCheckResult({
      webhook: 'Timing out at 1 s',
      line: 30,
      code: null,
      status: null,
      errorType: null,
      latencyMs: 1_000,
      timeoutMs: 1_000,
      failures: [{ kind: 'timeout', message: 'no complete response within 1000 ms' }],
    });
    const near = withLatencies('Near 2 s', 40, [1_500, 1_900]).map((check) => ({
      ...check,
      timeoutMs: 2_000,
    }));
    const rows = tableAfter(
      renderSummaryMarkdown(withCampaignProjection(makeReport([timedOut, ...near]), 100), {}),
      '#### A trigger campaign',
    );
    expect(rows[2]?.[3]).toBe(
      "⚠️ 1 call timed out at this webhook's 1 s timeout (Marketo's is 30 s): a call given up on may still finish on the service, so a retry writes twice",
    );
    expect(rows[3]?.[3]).toBe(
      "⚠️ p95 1.9 s is near this webhook's 2 s timeout (Marketo's is 30 s): a call given up on may still finish on the service, so a retry writes twice",
    );
  });

  it('has no projection when the report carries none', () => {
    expect(renderSummaryMarkdown(makeReport([makeCheckResult()]), {})).not.toContain('trigger campaign');
  });

  it('lists every failure ungrouped, in natural order, with the values the mappings would write', () => {
    const checks = [
      makeFailedCheckResult({ sample: 'lead-10' }),
      makeFailedCheckResult({ sample: 'lead-2' }),
      makeFailedCheckResult({
        sample: 'lead-3',
        code: 200,
        status: 200,
        errorType: 'OK',
        mapped: { tier: 'gold', leadScore: 87 },
        failures: [{ kind: 'mapping-type', message: 'data.x does not fit' }],
      }),
    ];
    const rows = tableAfter(renderSummaryMarkdown(makeReport(checks), {}), '| Webhook | Sample | Code');
    const header = splitTableRow(
      '| Webhook | Sample | Code | Error type | Problem | Response | Would write |',
    );
    // tableAfter starts after the header line it was given.
    expect(rows.slice(1).map((row) => [row[1], row[3], row[6]])).toEqual([
      ['lead-2', '500 Internal Server Error', ''],
      ['lead-3', '—', 'leadScore: ` 87 `<br>tier: ` "gold" `'],
      ['lead-10', '500 Internal Server Error', ''],
    ]);
    expect(header).toHaveLength(7);
  });

  it('collapses the passing checks in a <details>, with what they would write', () => {
    const checks = [makeCheckResult({ sample: 'bob', mapped: { leadScore: 87 } }), makeFailedCheckResult()];
    const markdown = renderSummaryMarkdown(makeReport(checks), {});
    const lines = markdown.split('\n');
    const open = lines.indexOf('<details><summary>1 passing check</summary>');
    const close = lines.indexOf('</details>');
    expect(open).toBeGreaterThan(0);
    expect(close).toBeGreaterThan(open);
    // A blank line after <summary> so GitHub renders the table inside; one before </details> to end it.
    expect(lines[open + 1]).toBe('');
    expect(lines[close - 1]).toBe('');
    expect(tableAfter(markdown, '<details>').slice(2)).toEqual([
      ['Score lead', 'bob', '200', '42 ms', 'leadScore: ` 87 `'],
    ]);
  });

  it('lists every failure and every warning', () => {
    const checks = [
      makeFailedCheckResult({ webhook: 'A', line: 1 }),
      makeCheckResult({ webhook: 'B', line: 2, warnings: ['token {{lead.Foo}} has no value @team #4'] }),
      makeFailedCheckResult({ webhook: 'C', line: 3, warnings: ['numeric string'] }),
    ];
    const markdown = renderSummaryMarkdown(makeReport(checks), { maxChars: SUMMARY_MAX_CHARS });
    expect(tableAfter(markdown, '| Webhook | Sample | Code')).toHaveLength(3);
    expect(markdown).toContain('#### Warnings');
    expect(markdown).toContain(
      '- B \\[alice\\]: token \\{\\{lead.Foo\\}\\} has no value @\u200dteam \\#\u200d4',
    );
    expect(markdown).toContain('- C \\[alice\\]: numeric string');
    expect(findLiveMarkup(markdown.split('#### Warnings')[1]?.split('<details>')[0] ?? '')).toEqual([]);
    expectInert(markdown);
  });

  it.each(HOSTILE_TEXTS)('keeps a hostile %j inert in every table', (text) => {
    const checks = [
      makeFailedCheckResult({ webhook: text, sample: text, errorType: text, responseSnippet: text }),
      makeCheckResult({ webhook: text, sample: text, line: 20, mapped: { [text]: text } }),
    ];
    const markdown = renderSummaryMarkdown(withCampaignProjection(makeReport(checks), 100), {});
    for (const title of ['#### Webhooks', '#### A trigger campaign', '<details>']) {
      const rows = tableAfter(markdown, title);
      for (const row of rows) expect(row.length, title).toBe(rows[0]?.length);
    }
    expectInert(markdown);
  });

  it('keeps longer messages than the comment', () => {
    const message = 'm'.repeat(600);
    const checks = [makeFailedCheckResult({ failures: [{ kind: 'schema', message }] })];
    expect(renderSummaryMarkdown(makeReport(checks), { maxChars: SUMMARY_MAX_CHARS })).toContain(message);
    expect(renderCommentMarkdown(makeReport(checks), { maxChars: COMMENT_MAX_CHARS })).not.toContain(message);
  });

  it('holds all 5,000 failures of 50 webhooks well under 1 MiB', () => {
    const checks = Array.from({ length: 5_000 }, (_, index) =>
      makeFailedCheckResult({
        webhook: `Webhook ${index % 50}`,
        line: (index % 50) + 1,
        sample: `lead-${index}`,
      }),
    );
    const report = withCampaignProjection(makeReport(checks), 10_000);
    const markdown = renderSummaryMarkdown(report, { maxChars: SUMMARY_MAX_CHARS });
    expect(tableAfter(markdown, '| Webhook | Sample | Code')).toHaveLength(5_001);
    expect(measureUtf8Length(markdown)).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
  });

  it('stays under 1 MiB of UTF-8 when 5,000 failures carry long multi-byte messages, and keeps room for the rest', () => {
    const checks = [
      ...makeFailures(5_000, {
        failures: [{ kind: 'schema', message: '字'.repeat(1_000) }],
        warnings: ['a warning'],
      }),
      makeCheckResult({ line: 9_999 }),
    ];
    const markdown = renderSummaryMarkdown(withCampaignProjection(makeReport(checks), 10_000), {});
    expect(markdown.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(markdown).toMatch(/…and \d+ more failing checks — see the JSON report/);
    expect(markdown).toContain('#### Warnings');
    expect(markdown).toMatch(/…and \d+ more warnings — see the JSON report/);
    expect(markdown).toContain('<details><summary>1 passing check</summary>');
    expect(markdown.trimEnd().endsWith('</details>')).toBe(true);
    expectInert(markdown);
  });

  it('respects the limit exactly, in characters and in UTF-8 bytes, keeping <details> closed', () => {
    const checks = [
      ...makeFailures(20, { responseSnippet: '字😀'.repeat(50) }),
      ...Array.from({ length: 20 }, (_, index) =>
        makeCheckResult({ line: 100 + index, webhook: `P ${index}` }),
      ),
    ];
    const report = withCampaignProjection(makeReport(checks), 10_000);
    for (let maxChars = 0; maxChars <= 12_000; maxChars += 97) {
      const markdown = renderSummaryMarkdown(report, { maxChars });
      expect(measureUtf8Length(markdown), String(maxChars)).toBeLessThanOrEqual(maxChars);
      const opened = markdown.split('<details>').length;
      expect(markdown.split('</details>').length, String(maxChars)).toBe(opened);
    }
  });

  it('defaults to 1 MiB and the comment to 65,536', () => {
    const report = makeReport(makeFailures(5_000));
    expect(renderCommentMarkdown(report, {}).length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(renderCommentMarkdown(report, {}).length).toBeGreaterThan(COMMENT_MAX_CHARS - 1_000);
    expect(renderSummaryMarkdown(report, {}).length).toBeGreaterThan(COMMENT_MAX_CHARS);
  });
});
