import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { FAILURE_KINDS } from '../../../src/judging/check-result.js';
import { withCampaignProjection } from '../../../src/reports/campaign-projection.js';
import { mergeReports } from '../../../src/reports/merge-reports.js';
import { readReport } from '../../../src/reports/read-report.js';
import { renderJsonReport } from '../../../src/reports/render-json-report.js';
import { reportSchema } from '../../../src/reports/report-schema.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

const validate = new Ajv({ strict: true, allErrors: true }).compile(reportSchema);

const REPORT = makeReport([
  makeCheckResult({ mapped: { zeta: 'z', alpha: 1.5, flag: false, empty: null } }),
  makeFailedCheckResult({
    sample: 'bob',
    warnings: ['token {{lead.Phone}} has no value'],
    failures: [
      { kind: 'status', message: 'status 500 is not 2xx', expected: '2xx', actual: '500' },
      { kind: 'latency', message: 'slow' },
    ],
  }),
  makeFailedCheckResult({
    sample: 'carol',
    code: null,
    status: null,
    errorType: 'ECONNREFUSED',
    latencyMs: null,
    attempts: 2,
    failures: [{ kind: 'network', message: 'connection refused' }],
  }),
]);

describe('renderJsonReport', () => {
  it('writes a report that validates against the shipped schema', () => {
    const json: unknown = JSON.parse(renderJsonReport(REPORT));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes the campaign projection and a redirect target, which the schema accepts and readReport keeps', () => {
    const redirect = makeFailedCheckResult({
      sample: 'dave',
      code: 302,
      status: 302,
      location: '/score',
      timeoutMs: 2_000,
    });
    const report = withCampaignProjection(makeReport([...REPORT.checks, redirect]), 10_000);
    const text = renderJsonReport(report);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(json)).toEqual(['version', 'summary', 'checks', 'campaign']);
    expect(json['campaign']).toMatchObject({
      leads: 10_000,
      concurrentCalls: 20,
      timeoutMs: 30_000,
      webhooks: [
        { webhook: 'Score lead', calls: 3, latencyP95Ms: 42, busyP95Ms: 500 * 42, nearTimeout: false },
      ],
    });
    expect(text).toContain('"location": "/score",\n      "timeoutMs": 2000\n');
    expect(text).toContain('"timeoutMs": 2000,\n        "nearTimeout": false');
    const read = readReport('report.json', json);
    expect(renderJsonReport(read)).toBe(text);
    // Percentiles do not add up across shards: a merge recomputes the projection from the checks.
    expect(mergeReports([read]).campaign).toBeUndefined();
  });

  it('round-trips through readReport', () => {
    const text = renderJsonReport(REPORT);
    const read = readReport('report.json', JSON.parse(text));
    expect(read).toEqual(REPORT);
    expect(renderJsonReport(read)).toBe(text);
  });

  it('uses a stable key order, 2-space indent and a final newline, whatever order the input has', () => {
    const [first] = REPORT.checks;
    if (first === undefined) throw new Error('no check');
    const shuffled = Object.fromEntries(Object.entries(first).reverse()) as unknown as typeof first;
    const text = renderJsonReport(makeReport([shuffled]));
    expect(text).toBe(renderJsonReport(makeReport([first])));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "version": 1,');
    const check = (JSON.parse(text) as { checks: Record<string, unknown>[] }).checks[0] ?? {};
    expect(Object.keys(check)).toEqual([
      'webhook',
      'sample',
      'file',
      'line',
      'passed',
      'code',
      'status',
      'errorType',
      'latencyMs',
      'attempts',
      'failures',
      'warnings',
      'mapped',
    ]);
    expect(Object.keys(check['mapped'] as object)).toEqual(['alpha', 'empty', 'flag', 'zeta']);
  });

  it('puts the response snippet last and omits it when absent; failures keep kind, message, expected, actual', () => {
    const text = renderJsonReport(REPORT);
    const parsed = JSON.parse(text) as { checks: { failures: object[]; responseSnippet?: string }[] };
    expect(parsed.checks[0]).not.toHaveProperty('responseSnippet');
    expect(Object.keys(parsed.checks[1] ?? {}).at(-1)).toBe('responseSnippet');
    expect(Object.keys(parsed.checks[1]?.failures[0] ?? {})).toEqual([
      'kind',
      'message',
      'expected',
      'actual',
    ]);
    expect(parsed.checks[1]?.failures[1]).toEqual({ kind: 'latency', message: 'slow' });
  });

  it('writes a non-finite latency as null, which the schema accepts', () => {
    const text = renderJsonReport(makeReport([makeCheckResult({ latencyMs: Number.NaN })]));
    const parsed = JSON.parse(text) as { checks: { latencyMs: unknown }[] };
    expect(parsed.checks[0]?.latencyMs).toBeNull();
    expect(validate(parsed)).toBe(true);
  });

  it('writes an empty report', () => {
    expect(JSON.parse(renderJsonReport(makeReport([])))).toEqual({
      version: 1,
      summary: { total: 0, passed: 0, failed: 0 },
      checks: [],
    });
  });
});

describe('report schema', () => {
  it('lists exactly the failure kinds the code knows', () => {
    const definitions = reportSchema['definitions'] as {
      failure: { properties: { kind: { enum: string[] } } };
    };
    expect(definitions.failure.properties.kind.enum).toEqual([...FAILURE_KINDS]);
  });

  it('is the same object as the shipped file', async () => {
    const shipped = (await import('../../../schema/report.schema.json', { with: { type: 'json' } })).default;
    expect(reportSchema).toEqual(shipped);
  });
});
