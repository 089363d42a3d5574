/**
 * Schema patterns run in linear time (issue 11): the contract author writes the pattern, the service the text.
 * With JavaScript's backtracking engine the catastrophic case below does not finish within vitest's timeout
 * (it took 13 s at 40 characters, doubling with each one more; this one has 60).
 */
import { describe, expect, it } from 'vitest';
import { compileResponseSchema } from '../../../src/judging/compile-response-schema.js';
import { createJudge } from '../../../src/judging/judge-check.js';
import { findUnsupportedPattern, linearRegExp } from '../../../src/judging/linear-regexp.js';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';
import { parseContractFile } from '../../support/load-contracts.js';
import { makeWebhook } from '../../support/make-webhook.js';
import { makeResponse } from '../../support/make-outcome.js';

const CATASTROPHIC = '^(a|aa)+$';
const ATTACK = 'a'.repeat(60) + '!';

function judgeSchema(schema: Record<string, unknown>, body: unknown) {
  const webhook = makeWebhook({ expect: { status: ['2xx'], schema } });
  return createJudge(webhook, 'c.yml').judge('alice', makeResponse({ body: JSON.stringify(body) }), []);
}

function problemsOf(text: string): string[] {
  try {
    parseContractFile('c.yml', text, {});
  } catch (error) {
    if (error instanceof ContractFileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ContractFileError, but the file loaded');
}

describe('a catastrophic pattern', () => {
  it('fails the hostile text normally in `pattern`', () => {
    const result = judgeSchema(
      { properties: { id: { type: 'string', pattern: CATASTROPHIC } } },
      { id: ATTACK },
    );
    expect(result.failures).toEqual([
      expect.objectContaining({ kind: 'schema', message: `/id: must match pattern "${CATASTROPHIC}"` }),
    ]);
    expect(judgeSchema({ properties: { id: { pattern: CATASTROPHIC } } }, { id: 'aaaa' }).passed).toBe(true);
  });

  it('fails the hostile key normally in `patternProperties` and `propertyNames`', () => {
    const properties = judgeSchema(
      { patternProperties: { [CATASTROPHIC]: { type: 'integer' } } },
      { [ATTACK]: 'x', aa: 'not an integer' },
    );
    expect(properties.failures.map((failure) => failure.message)).toEqual(['/aa: must be integer']);
    const names = judgeSchema({ propertyNames: { pattern: CATASTROPHIC } }, { [ATTACK]: 1 });
    expect(names.failures[0]?.message).toMatch(/must match pattern/);
  });
});

describe('ECMAScript pattern syntax', () => {
  it.each([
    ['^\\u00e9t\\u00e9$', 'été', 'ete'],
    ['^\\p{L}+$', 'Zoë', 'Zoë1'],
    ['^(?<year>\\d{4})-\\d{2}$', '2024-01', '24-01'],
    ['^\\cA$', '\u0001', 'A'],
    ['^[^\\]]+$', 'abc', 'a]c'],
    ['^.$', '😀', 'ab'],
  ])('%s matches %j and not %j', (pattern, yes, no) => {
    const validate = compileResponseSchema({ type: 'string', pattern });
    expect(validate(yes)).toBe(true);
    expect(validate(no)).toBe(false);
  });
});

describe('patterns RE2 cannot run in linear time', () => {
  it.each([
    ['(a)\\1', 'invalid escape sequence'],
    ['^(?=a)', 'unsupported Perl syntax'],
    ['(?<!a)b', 'invalid named capture'],
  ])('refuses %s, saying why', (pattern, reason) => {
    expect(() => linearRegExp(pattern)).toThrow(reason);
    expect(() => compileResponseSchema({ properties: { x: { pattern } } })).toThrow(
      /cannot run in linear time .*backreferences and lookaround are not supported/,
    );
  });

  it('finds the pattern in nested schemas and patternProperties keys, but not in data keywords', () => {
    expect(findUnsupportedPattern({ items: [{ anyOf: [{ pattern: '(a)\\1' }] }] })?.path).toEqual([
      'items',
      0,
      'anyOf',
      0,
      'pattern',
    ]);
    expect(findUnsupportedPattern({ patternProperties: { '(?=x)': {} } })?.path).toEqual([
      'patternProperties',
      '(?=x)',
    ]);
    expect(
      findUnsupportedPattern({ enum: [{ pattern: '(a)\\1' }], const: { pattern: '(?=x)' } }),
    ).toBeUndefined();
  });

  it('is a contract error located at the pattern', () => {
    const text = [
      'version: 1',
      'webhooks:',
      '  - name: A',
      '    url: https://s.test/a',
      '    responseType: json',
      '    expect:',
      '      schema:',
      '        properties:',
      "          id: { type: string, pattern: '(a)\\1' }",
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(
        /^c\.yml:9:40: webhooks\[0\]\.expect\.schema\.properties\.id\.pattern: pattern "\(a\)\\\\1" cannot run in linear time \(invalid escape sequence: `\\1`\)/,
      ),
    ]);
  });
});

describe("ajv-formats' formats", () => {
  // They keep JavaScript's engine (several use lookahead RE2 lacks). Each was measured on texts built to make
  // nested quantifiers backtrack; a format that backtracked catastrophically would hang this test.
  const FORMATS = [
    'date',
    'time',
    'date-time',
    'iso-time',
    'iso-date-time',
    'duration',
    'uri',
    'uri-reference',
    'uri-template',
    'url',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'regex',
    'uuid',
    'json-pointer',
    'json-pointer-uri-fragment',
    'relative-json-pointer',
    'byte',
  ];
  const UNITS = ['a', 'a-', 'a.', '0', '1.', '%00', ':', '::', '/a', 'T1H', 'a@', '{a', '~0', 'aa.'];
  const PREFIXES = ['', 'http://', 'a@', 'P', '::', '#'];

  it.each(FORMATS)('%s judges texts built to backtrack', (format) => {
    const validate = compileResponseSchema({ type: 'string', format });
    const judged = PREFIXES.flatMap((prefix) =>
      UNITS.map((unit) => validate(prefix + unit.repeat(Math.ceil(5_000 / unit.length)) + '\u0000!')),
    );
    expect(judged).toHaveLength(PREFIXES.length * UNITS.length);
    expect(judged.every((valid) => typeof valid === 'boolean')).toBe(true);
  });
});
