import { describe, expect, it } from 'vitest';
import { ReportFileError } from '../../../src/contracts/errors.js';
import { readReport } from '../../../src/reports/read-report.js';
import { renderJsonReport } from '../../../src/reports/render-json-report.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

function validJson(): Record<string, unknown> {
  return JSON.parse(
    renderJsonReport(makeReport([makeCheckResult(), makeFailedCheckResult({ sample: 'bob' })])),
  ) as Record<string, unknown>;
}

function readError(json: unknown): ReportFileError {
  try {
    readReport('shard-1/report.json', json);
  } catch (error) {
    if (error instanceof ReportFileError) return error;
    throw error;
  }
  throw new Error('readReport accepted an invalid report');
}

describe('readReport', () => {
  it('returns a valid report', () => {
    const json = validJson();
    expect(readReport('r.json', json)).toEqual(json);
  });

  it.each([
    ['not an object', 'text', '(root) must be object'],
    ['null', null, '(root) must be object'],
    [
      'no checks',
      { version: 1, summary: { total: 0, passed: 0, failed: 0 } },
      "must have required property 'checks'",
    ],
    [
      'another version',
      { version: 2, summary: { total: 0, passed: 0, failed: 0 }, checks: [] },
      '/version is an unsupported report version',
    ],
  ])('rejects %s, naming the file and the path', (_name, json, message) => {
    const error = readError(json);
    expect(error.file).toBe('shard-1/report.json');
    expect(error.code).toBe('WC_REPORT_INVALID');
    expect(error.message).toContain('shard-1/report.json: not a webhook-contracts report:');
    expect(error.message).toContain(message);
  });

  it('names the JSON path of a wrong value inside a check', () => {
    const json = validJson();
    const checks = json['checks'] as Record<string, unknown>[];
    (checks[1] as Record<string, unknown>)['code'] = '500';
    expect(readError(json).message).toContain('/checks/1/code must be integer,null');
  });

  it('names an unknown failure kind', () => {
    const json = validJson();
    const check = (json['checks'] as { failures: { kind: string }[] }[])[1];
    if (check?.failures[0] !== undefined) check.failures[0].kind = 'exploded';
    expect(readError(json).message).toContain(
      '/checks/1/failures/0/kind must be equal to one of the allowed values',
    );
  });

  it('names an unknown property', () => {
    const json = { ...validJson(), extra: true };
    expect(readError(json).message).toContain('(root) has unknown property "extra"');
  });

  it('rejects a summary that disagrees with the checks', () => {
    const json = { ...validJson(), summary: { total: 2, passed: 2, failed: 0 } };
    expect(readError(json).message).toContain(
      '/summary says 2 total, 2 passed, 0 failed but the checks count 2 total, 1 passed, 1 failed',
    );
  });

  it('rejects a check marked passed that has failures', () => {
    const json = validJson();
    const check = (json['checks'] as Record<string, unknown>[])[1];
    if (check !== undefined) check['passed'] = true;
    expect(readError(json).message).toContain('/checks/1/passed is true but the check has 1 failure(s)');
  });

  it('rejects mapped values that are not scalars', () => {
    const json = validJson();
    const check = (json['checks'] as Record<string, unknown>[])[0];
    if (check !== undefined) check['mapped'] = { leadScore: { nested: 1 } };
    expect(readError(json).message).toContain(
      '/checks/0/mapped/leadScore must be string,number,boolean,null',
    );
  });
});
