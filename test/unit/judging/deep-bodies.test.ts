/**
 * One response never kills the run (issue 11): a body nested however deep is at most one `unparseable` failure of
 * its check, measured before anything recursive runs. 400,000 nested `[` with a schema overflowed the stack.
 */
import { describe, expect, it } from 'vitest';
import { createJudge } from '../../../src/judging/judge-check.js';
import type { CallOutcome } from '../../../src/judging/call-outcome.js';
import type { Webhook } from '../../../src/contracts/contract.js';
import {
  isJsonNestedDeeperThan,
  isXmlNestedDeeperThan,
  MAX_BODY_NESTING,
} from '../../../src/judging/measure-nesting.js';
import { makeLocation, makeWebhook } from '../../support/make-webhook.js';
import { makeResponse } from '../../support/make-outcome.js';

const DEEP = 400_000;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const nestedJson = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const nestedXml = (depth: number): string => '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth);

/** A schema that walks every level: the worst case for recursion in ajv. */
const RECURSIVE_SCHEMA = { anyOf: [{ type: 'array', items: { $ref: '#' } }, { type: 'string' }] };

function judge(webhook: Partial<Webhook>, outcome: CallOutcome) {
  return createJudge(makeWebhook(webhook), 'contracts.yml').judge('alice', outcome, []);
}

describe('measuring nesting', () => {
  it('counts JSON brackets outside strings only', () => {
    expect(isJsonNestedDeeperThan(encode('[[1]]'), 1)).toBe(true);
    expect(isJsonNestedDeeperThan(encode('[[1]]'), 2)).toBe(false);
    expect(isJsonNestedDeeperThan(encode('["[[[[", "\\"[[[["]'), 1)).toBe(false);
    expect(isJsonNestedDeeperThan(encode('{"a":{"b":[{}]}}'), 3)).toBe(true);
  });

  it('counts XML elements, not comments, CDATA, declarations or self-closing tags', () => {
    expect(isXmlNestedDeeperThan('<a><b><c/></b></a>', 2)).toBe(false);
    expect(isXmlNestedDeeperThan('<a><b><c></c></b></a>', 2)).toBe(true);
    const noise =
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a t="<b><b>"><!-- <b><b> --><![CDATA[<b><b>]]></a>';
    expect(isXmlNestedDeeperThan(noise, 1)).toBe(false);
  });
});

describe('a body nested deeper than the limit', () => {
  it('is one unparseable failure for a JSON body with a recursive schema and mappings', () => {
    const result = judge(
      {
        expect: { status: ['2xx'], schema: RECURSIVE_SCHEMA },
        mappings: [{ attribute: '[0]', field: 'score', fieldType: 'integer', location: makeLocation() }],
      },
      makeResponse({ body: nestedJson(DEEP) }),
    );
    expect(result.failures).toEqual([
      {
        kind: 'unparseable',
        message: `the 2xx body is nested deeper than ${MAX_BODY_NESTING} levels; Marketo writes no field`,
        expected: 'json',
      },
    ]);
    expect(result.responseSnippet?.length).toBeLessThanOrEqual(300);
  });

  it('is one unparseable failure for an XML body', () => {
    const result = judge(
      {
        responseType: 'xml',
        mappings: [{ attribute: 'a.a', field: 'score', fieldType: 'integer', location: makeLocation() }],
      },
      makeResponse({ body: nestedXml(DEEP) }),
    );
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.message).toBe(
      `the 2xx body is nested deeper than ${MAX_BODY_NESTING} levels; Marketo writes no field`,
    );
  });

  it('still judges a body exactly at the limit, with every recursive step', () => {
    const json = judge(
      { expect: { status: ['2xx'], schema: RECURSIVE_SCHEMA } },
      makeResponse({ body: nestedJson(MAX_BODY_NESTING) }),
    );
    expect(json.failures).toEqual([]);
    const wrong = judge(
      { expect: { status: ['2xx'], schema: { ...RECURSIVE_SCHEMA, anyOf: [RECURSIVE_SCHEMA.anyOf[0]] } } },
      makeResponse({ body: '['.repeat(MAX_BODY_NESTING - 1) + '"x"' + ']'.repeat(MAX_BODY_NESTING - 1) }),
    );
    expect(wrong.failures.map((failure) => failure.kind)).toContain('schema');
    const xml = judge(
      {
        responseType: 'xml',
        mappings: [{ attribute: 'a', field: 'text', fieldType: 'string', location: makeLocation() }],
      },
      makeResponse({ body: nestedXml(MAX_BODY_NESTING) }),
    );
    expect(xml.failures.map((failure) => failure.kind)).toEqual(['mapping-missing']);
    expect(xml.failures[0]?.message).toMatch(/has child elements/);
  });
});

describe('the last-resort guard', () => {
  it('turns an exception thrown while judging into one failure of that check', () => {
    const outcome = makeResponse({ body: '{"data":{"score":87}}' });
    // Reading the headers throws, as any unforeseen fault while judging would.
    const hostile = Object.defineProperty({ ...outcome }, 'headers', {
      get() {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    const result = judge({}, hostile);
    expect(result).toMatchObject({ passed: false, status: 200, code: 200 });
    expect(result.failures).toEqual([
      { kind: 'unparseable', message: 'the response could not be judged: Maximum call stack size exceeded' },
    ]);
  });
});
