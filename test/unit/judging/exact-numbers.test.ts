/**
 * Numbers as Marketo stores them (issue 11, SPEC section 1): Integer, Score and Percent are signed 64-bit
 * integers, judged and shown from the number's text, never from a rounded double.
 */
import { describe, expect, it } from 'vitest';
import { createJudge } from '../../../src/judging/judge-check.js';
import type { FieldType, Webhook } from '../../../src/contracts/contract.js';
import fc from 'fast-check';
import { fitIntegerNumber, fitIntegerText, readExactInteger } from '../../../src/judging/fit-integer.js';
import { renderJsonReport } from '../../../src/reports/render-json-report.js';
import { buildRunReport } from '../../../src/reports/run-summary.js';
import { makeLocation, makeWebhook } from '../../support/make-webhook.js';
import { makeResponse } from '../../support/make-outcome.js';

function judgeValue(text: string, fieldType: FieldType, responseType: Webhook['responseType'] = 'json') {
  const body = responseType === 'xml' ? `<r><v>${text}</v></r>` : `{"v": ${text}}`;
  const attribute = responseType === 'xml' ? 'r.v' : 'v';
  const webhook = makeWebhook({
    responseType,
    mappings: [{ attribute, field: 'f', fieldType, location: makeLocation() }],
  });
  return createJudge(webhook, 'contracts.yml').judge('alice', makeResponse({ body }), []);
}

describe('readExactInteger', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['42', 42n],
    ['1.0', 1n],
    ['1.50e1', 15n],
    ['100e-2', 1n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['+7', 7n],
  ])('reads %s exactly', (text, value) => {
    expect(readExactInteger(text)).toEqual({ kind: 'integer', value });
  });

  it.each([
    ['1.5', 'fraction'],
    ['0.99999999999999999999', 'fraction'],
    ['1e-1', 'fraction'],
    ['9223372036854775808', 'out-of-range'],
    ['-9223372036854775809', 'out-of-range'],
    ['12345678901234567890123', 'out-of-range'],
    ['1e999999999', 'out-of-range'],
    ['1e400', 'out-of-range'],
    ['0x10', 'not-a-number'],
    ['Infinity', 'not-a-number'],
  ])('classifies %s as %s', (text, kind) => {
    expect(readExactInteger(text).kind).toBe(kind);
  });

  it('writes a number when it is safe and a bigint beyond 2^53', () => {
    expect(fitIntegerText('9007199254740991', 'integer')).toMatchObject({
      ok: true,
      value: 9007199254740991,
    });
    expect(fitIntegerText('9007199254740993', 'integer')).toMatchObject({
      ok: true,
      value: 9007199254740993n,
    });
  });
});

describe('judging a JSON number mapped to a 64-bit field', () => {
  it.each(['integer', 'score', 'percent'] as const)(
    'fails %s outside signed 64-bit, shown as written',
    (type) => {
      const result = judgeValue('12345678901234567890123', type);
      expect(result.failures).toEqual([
        {
          kind: 'mapping-type',
          message: `v → f: 12345678901234567890123 does not fit ${type} (12345678901234567890123 is outside the signed 64-bit range Marketo stores ${type} fields in)`,
          expected: type,
          actual: '12345678901234567890123',
        },
      ]);
    },
  );

  it('fails the first integer past int64 and passes int64 max exactly', () => {
    expect(judgeValue('9223372036854775808', 'integer').failures[0]?.kind).toBe('mapping-type');
    const max = judgeValue('9223372036854775807', 'integer');
    expect(max.passed).toBe(true);
    expect(max.mapped).toEqual({ f: 9223372036854775807n });
  });

  it('passes 2,147,483,647 silently and warns from 2,147,483,648 (32-bit CRM fields overflow)', () => {
    expect(judgeValue('2147483647', 'score')).toMatchObject({ passed: true, warnings: [] });
    const over = judgeValue('2147483648', 'score');
    expect(over.passed).toBe(true);
    expect(over.mapped).toEqual({ f: 2147483648 });
    expect(over.warnings).toEqual([
      "v → f: 2147483648 is outside the signed 32-bit range: a 32-bit CRM field synced with it (such as Salesforce's) would overflow",
    ]);
  });

  it('fails a fraction hidden by rounding', () => {
    expect(judgeValue('0.99999999999999999999', 'integer').failures[0]?.message).toContain(
      '0.99999999999999999999 is not an integral number',
    );
  });

  it('fails 1e400 (JSON.parse gives Infinity) as out of range', () => {
    expect(judgeValue('1e400', 'integer').failures[0]?.message).toContain(
      '1e400 is outside the signed 64-bit range',
    );
  });

  it('writes an exact big integer into the JSON report as a number', () => {
    const result = judgeValue('9007199254740993', 'integer');
    const json = renderJsonReport(buildRunReport([result]));
    expect(json).toContain('"f": 9007199254740993');
  });
});

describe('judging XML number text', () => {
  it('is judged exactly with BigInt', () => {
    expect(judgeValue('9223372036854775807', 'integer', 'xml').mapped).toEqual({ f: 9223372036854775807n });
    expect(judgeValue('9223372036854775808', 'integer', 'xml').failures[0]?.message).toContain(
      'outside the signed 64-bit range',
    );
    expect(judgeValue('2147483648', 'percent', 'xml').warnings[0]).toMatch(/outside the signed 32-bit range/);
  });
});

describe('fitIntegerNumber', () => {
  it('judges a number as fitIntegerText judges its printed form', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.integer({ min: -(2 ** 31) - 2, max: -(2 ** 31) + 2 }),
          fc.integer({ min: 2 ** 31 - 2, max: 2 ** 31 + 2 }),
          fc.double(),
          fc.constantFrom(0, -0, 2 ** 53, -(2 ** 53), 1e21, Number.NaN, Infinity, -Infinity, 0.5),
        ),
        (value) => {
          expect(fitIntegerNumber(value, 'integer')).toEqual(fitIntegerText(String(value), 'integer'));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
