/**
 * Any suite size runs and reports (issue 11): every renderer and `merge` handles 200,000 checks. A renderer
 * that spreads one argument per check into a call (`Math.max(...rows)`, `push(...checks)`) throws RangeError
 * well before this size, so each test here fails if that comes back.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/judging/check-result.js';
import { withCampaignProjection } from '../../../src/reports/campaign-projection.js';
import { mergeReports } from '../../../src/reports/merge-reports.js';
import { readReport } from '../../../src/reports/read-report.js';
import { renderCommentMarkdown } from '../../../src/reports/render-comment-markdown.js';
import { renderConsoleTable } from '../../../src/reports/render-console-table.js';
import { renderJsonReport } from '../../../src/reports/render-json-report.js';
import { renderJunit } from '../../../src/reports/render-junit.js';
import { COMMENT_MAX_CHARS, SUMMARY_MAX_CHARS } from '../../../src/reports/render-markdown.js';
import { renderSummaryMarkdown } from '../../../src/reports/render-summary-markdown.js';
import { buildRunReport } from '../../../src/reports/run-summary.js';
import { makeCheckResult, makeFailedCheckResult } from '../../support/make-check-result.js';

const CHECKS = 200_000;

/** 200,000 checks over 400 webhooks × 500 samples; every tenth fails, every seventh has a warning. */
function makeChecks(): CheckResult[] {
  const checks: CheckResult[] = [];
  for (let index = 0; index < CHECKS; index += 1) {
    const shape = {
      webhook: `Webhook ${Math.floor(index / 500)}`,
      sample: `sample-${index % 500}`,
      line: 10 + Math.floor(index / 500),
      latencyMs: index % 977,
      warnings: index % 7 === 0 ? ['{{lead.Phone}} is empty'] : [],
    };
    checks.push(index % 10 === 0 ? makeFailedCheckResult(shape) : makeCheckResult(shape));
  }
  return checks;
}

describe('a suite of 200,000 checks', () => {
  const checks = makeChecks();
  const report = buildRunReport(checks);
  const failed = CHECKS / 10;

  it('is counted', () => {
    expect(report.summary).toEqual({ total: CHECKS, passed: CHECKS - failed, failed });
  });

  it('renders the console table, one row per check (with and without a terminal width)', () => {
    const projected = withCampaignProjection(report, 10_000);
    for (const options of [{ color: false }, { color: true, width: 100 }]) {
      const lines = renderConsoleTable(projected, options).split('\n');
      // Header, one row per check, then the recap (a blank line, its title, header and the failing rows), a blank
      // line, the totals, the projection (a line and one per webhook), and the final newline's empty string.
      expect(lines).toHaveLength(1 + CHECKS + 3 + failed + 1 + 1 + 1 + 400 + 1);
      expect(lines.at(-403)).toContain(`${CHECKS} checks`);
    }
  });

  it('renders the JSON report, which reads back and merges as shards into the same report', () => {
    const json = renderJsonReport(report);
    const back = readReport('report.json', JSON.parse(json));
    expect(back.checks).toHaveLength(CHECKS);
    const first = buildRunReport(back.checks.filter((_, index) => index % 2 === 0));
    const second = buildRunReport(back.checks.filter((_, index) => index % 2 === 1));
    const merged = mergeReports([second, first, first]);
    const { duplicates, ...rest } = merged;
    expect(duplicates).toBe(CHECKS / 2);
    expect(renderJsonReport(rest)).toBe(json);
  });

  it('renders JUnit with one testcase per check', () => {
    const xml = renderJunit(report);
    expect(xml.match(/<testcase /g)).toHaveLength(CHECKS);
    expect(xml.match(/<failure /g)).toHaveLength(failed);
  });

  it('renders the comment and the job summary within their limits, counting what was left out', () => {
    const comment = renderCommentMarkdown(report, {});
    expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    // Each webhook's 50 identical failures are one row; the rows left out are counted as checks.
    const rows = comment.split('\n').filter((line) => /^\| Webhook \d/.test(line));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((row) => row.includes('× 50 samples: sample-0, sample-10, sample-20, …'))).toBe(true);
    const left = Number(/…and (\d+) more failing checks/.exec(comment)?.[1] ?? 0);
    expect(rows.length * 50 + left).toBe(failed);
    const summary = renderSummaryMarkdown(withCampaignProjection(report, 10_000), {});
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary).toContain('| Webhook 399 | 500 | 450 | **50** |');
    expect(summary).toMatch(/…and \d+ more failing checks/);
    expect(summary).toMatch(/…and \d+ more warnings/);
  });
});
