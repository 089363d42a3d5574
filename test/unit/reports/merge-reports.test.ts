import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CheckResult } from '../../../src/judging/check-result.js';
import { compareChecks } from '../../../src/reports/compare-checks.js';
import { mergeReports } from '../../../src/reports/merge-reports.js';
import { readReport } from '../../../src/reports/read-report.js';
import { renderJsonReport } from '../../../src/reports/render-json-report.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

/** A suite of 3 files × 4 webhooks × 3 samples, some failing, in the order one run reports them. */
function makeSuite(): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const file of ['a.yml', 'b.yml', 'sub/c.yml']) {
    for (const [index, webhook] of ['Score', 'Enrich', 'Route', 'Sync'].entries()) {
      for (const sample of ['alice', 'bob', 'carol']) {
        const line = 10 + index * 12;
        const failing = (file.length + index + sample.length) % 4 === 0;
        checks.push(
          failing
            ? makeFailedCheckResult({ file, line, webhook, sample })
            : makeCheckResult({ file, line, webhook, sample }),
        );
      }
    }
  }
  return checks.sort(compareChecks);
}

describe('mergeReports', () => {
  it('joins shard reports into the report a single run would have written', () => {
    const suite = makeSuite();
    const single = makeReport(suite);
    for (const count of [1, 2, 3, 5, 36]) {
      // Round-robin shards, each in its own order, read back from JSON as `merge` does.
      const shards = Array.from({ length: count }, (_, shard) =>
        readReport(
          `shard-${shard}.json`,
          JSON.parse(
            renderJsonReport(makeReport(suite.filter((_, index) => index % count === shard).reverse())),
          ),
        ),
      );
      const merged = mergeReports(shards.reverse());
      expect(merged.duplicates).toBe(0);
      expect(renderJsonReport(merged), `${count} shards`).toBe(renderJsonReport(single));
    }
  });

  it('counts the summary again from the checks', () => {
    const merged = mergeReports([
      makeReport([makeCheckResult({ line: 1 }), makeFailedCheckResult({ line: 2 })]),
      makeReport([makeFailedCheckResult({ line: 3 })]),
    ]);
    expect(merged.summary).toEqual({ total: 3, passed: 1, failed: 2 });
  });

  it('keeps the first of a duplicated check and counts the others', () => {
    const first = makeCheckResult({ line: 5 });
    const again = makeFailedCheckResult({ line: 5 });
    const merged = mergeReports([
      makeReport([first]),
      makeReport([again, makeCheckResult({ line: 6 })]),
      makeReport([first]),
    ]);
    expect(merged.duplicates).toBe(2);
    expect(merged.checks).toEqual([first, makeCheckResult({ line: 6 })]);
    expect(merged.summary).toEqual({ total: 2, passed: 2, failed: 0 });
  });

  it('tells apart checks that differ in any one of file, line, webhook or sample', () => {
    const base = makeCheckResult();
    const merged = mergeReports([
      makeReport([base]),
      makeReport([
        makeCheckResult({ file: 'other.yml' }),
        makeCheckResult({ line: base.line + 1 }),
        makeCheckResult({ webhook: 'Other' }),
        makeCheckResult({ sample: 'other' }),
      ]),
    ]);
    expect(merged.duplicates).toBe(0);
    expect(merged.summary.total).toBe(5);
  });

  it('orders by file, then line (as a number), then webhook, then sample, by code units', () => {
    const merged = mergeReports([
      makeReport([
        makeCheckResult({ file: 'b.yml', line: 1 }),
        makeCheckResult({ file: 'a.yml', line: 10 }),
        makeCheckResult({ file: 'a.yml', line: 9, webhook: 'Z' }),
        makeCheckResult({ file: 'a.yml', line: 9, webhook: 'B', sample: 'b' }),
        makeCheckResult({ file: 'a.yml', line: 9, webhook: 'B', sample: 'a' }),
        makeCheckResult({ file: 'a.yml', line: 9, webhook: 'a' }),
      ]),
    ]);
    expect(
      merged.checks.map((check) => `${check.file}:${check.line}:${check.webhook}:${check.sample}`),
    ).toEqual([
      'a.yml:9:B:a',
      'a.yml:9:B:b',
      'a.yml:9:Z:alice',
      'a.yml:9:a:alice',
      'a.yml:10:Score lead:alice',
      'b.yml:1:Score lead:alice',
    ]);
  });

  it('gives an empty report for no reports', () => {
    expect(mergeReports([])).toEqual({
      version: 1,
      summary: { total: 0, passed: 0, failed: 0 },
      checks: [],
      duplicates: 0,
    });
  });

  it('does not depend on the order of the shards (property)', () => {
    const suite = makeSuite();
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: suite.length, maxLength: suite.length }),
        (shardOf) => {
          const shards = [0, 1, 2, 3].map((shard) =>
            makeReport(suite.filter((_, index) => shardOf[index] === shard)),
          );
          expect(mergeReports(shards).checks).toEqual(suite);
          expect(mergeReports([...shards].reverse()).checks).toEqual(suite);
        },
      ),
      { numRuns: 50 },
    );
  });
});
