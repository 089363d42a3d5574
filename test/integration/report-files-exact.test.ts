/**
 * Merging keeps mapped integers exact (issue 11): a 64-bit integer beyond 2^53 is written exactly in a shard's
 * JSON report and read back exactly by `merge`, so the merged report says what each shard said.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportFiles } from '../../src/files/report-files.js';
import { mergeReports } from '../../src/reports/merge-reports.js';
import { renderJsonReport } from '../../src/reports/render-json-report.js';
import { buildRunReport } from '../../src/reports/run-summary.js';
import { makeCheckResult } from '../support/make-check-result.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-exact-'));
  const shard = (sample: string, id: bigint | number): string =>
    renderJsonReport(buildRunReport([makeCheckResult({ sample, mapped: { id, score: 1.5 } })]));
  await writeFile(path.join(dir, 'a.json'), shard('a', 9007199254740993n));
  await writeFile(path.join(dir, 'b.json'), shard('b', -9223372036854775808n));
  await writeFile(path.join(dir, 'c.json'), shard('c', 42));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading shard reports', () => {
  it('reads integers beyond 2^53 exactly and merges them unchanged', async () => {
    const reports = await readReportFiles(['a.json', 'b.json', 'c.json'], dir);
    expect(reports.map((report) => report.checks[0]?.mapped)).toEqual([
      { id: 9007199254740993n, score: 1.5 },
      { id: -9223372036854775808n, score: 1.5 },
      { id: 42, score: 1.5 },
    ]);
    const { duplicates, ...merged } = mergeReports(reports);
    expect(duplicates).toBe(0);
    const json = renderJsonReport(merged);
    expect(json).toContain('"id": 9007199254740993');
    expect(json).toContain('"id": -9223372036854775808');
  });
});
