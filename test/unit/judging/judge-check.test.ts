import { describe, expect, it } from 'vitest';
import {
  CODE_BATCH_CAMPAIGN,
  CODE_EMPTY_BODY,
  createJudge,
  MAX_SCHEMA_FAILURES,
} from '../../../src/judging/judge-check.js';
import type { CallOutcome } from '../../../src/judging/call-outcome.js';
import type { CheckResult } from '../../../src/judging/check-result.js';
import type { FieldType, Mapping, Webhook } from '../../../src/contracts/contract.js';
import { ContractFileError } from '../../../src/contracts/errors.js';
import { makeLocation, makeWebhook } from '../../support/make-webhook.js';
import {
  makeBlocked,
  makeNetworkError,
  makeResponse,
  makeTimeout,
  makeTooLarge,
} from '../../support/make-outcome.js';

function mapping(attribute: string, field: string, fieldType: FieldType, line = 20): Mapping {
  return { attribute, field, fieldType, location: makeLocation({ line, column: 7 }) };
}

function judge(
  webhook: Partial<Webhook>,
  outcome: CallOutcome | null,
  renderWarnings: readonly string[] = [],
): CheckResult {
  return createJudge(makeWebhook(webhook), 'contracts/webhook-contracts.yml').judge(
    'alice',
    outcome,
    renderWarnings,
  );
}

const kinds = (result: CheckResult): string[] => result.failures.map((failure) => failure.kind);

const scoring: Partial<Webhook> = {
  mappings: [mapping('data.score', 'leadScore', 'integer'), mapping('data.tier', 'tier', 'string')],
};

describe('judge: a passing check', () => {
  it('reports code, status and mapped values, and keeps no part of a passing body', () => {
    const result = judge(
      scoring,
      makeResponse({ body: '{"data":{"score":87,"tier":"gold"}}', latencyMs: 12, attempts: 2 }),
    );
    expect(result).toEqual({
      webhook: 'Score lead',
      sample: 'alice',
      file: 'contracts/webhook-contracts.yml',
      line: 10,
      passed: true,
      code: 200,
      status: 200,
      errorType: 'OK',
      latencyMs: 12,
      attempts: 2,
      failures: [],
      warnings: [],
      mapped: { leadScore: 87, tier: 'gold' },
    });
    const failing = judge(scoring, makeResponse({ status: 500, body: '{"error":"down"}' }));
    expect(failing.responseSnippet).toBe('{"error":"down"}');
  });

  it('passes a responseType none webhook without parsing its body', () => {
    const result = judge({ responseType: 'none' }, makeResponse({ body: 'not json at all' }));
    expect(result.passed).toBe(true);
    expect(result.mapped).toEqual({});
  });

  it('passes on an expected 404 and maps nothing', () => {
    const result = judge(
      { ...scoring, expect: { status: [404] } },
      makeResponse({ status: 404, statusText: 'Not Found', body: '{"data":{"score":1}}' }),
    );
    expect(result).toMatchObject({
      passed: true,
      code: 404,
      status: 404,
      errorType: 'Not Found',
      mapped: {},
    });
  });

  it('carries render warnings and reports a null errorType for an empty reason phrase', () => {
    const result = judge({}, makeResponse({ statusText: '' }), ['lead.Phone is empty and has no default']);
    expect(result.warnings).toEqual(['lead.Phone is empty and has no default']);
    expect(result.errorType).toBeNull();
  });
});

describe('judge: batch campaign', () => {
  it('reports 1000 and calls nothing', () => {
    const result = judge({ campaign: 'batch' }, null, ['w']);
    expect(result).toMatchObject({
      passed: false,
      code: CODE_BATCH_CAMPAIGN,
      status: null,
      errorType: null,
      latencyMs: null,
      attempts: 0,
      mapped: {},
      warnings: ['w'],
    });
    expect(result.failures).toEqual([
      {
        kind: 'batch-campaign',
        message: 'webhooks fire only from trigger campaigns; Marketo reports 1000 and calls nothing',
        expected: 'trigger',
        actual: 'batch',
      },
    ]);
    expect(result.responseSnippet).toBeUndefined();
  });

  it('ignores an outcome given for a batch webhook', () => {
    expect(judge({ campaign: 'batch' }, makeResponse()).code).toBe(1000);
  });

  it('refuses a missing outcome for a trigger webhook (a caller bug)', () => {
    expect(() => judge({}, null)).toThrow(/trigger campaign but no outcome/);
  });
});

describe('judge: no response', () => {
  it('blocked', () => {
    const result = judge({}, makeBlocked('evil.example.com is not in allowed-hosts'));
    expect(result).toMatchObject({
      passed: false,
      code: null,
      status: null,
      errorType: null,
      latencyMs: null,
      attempts: 0,
    });
    expect(result.failures).toEqual([
      { kind: 'blocked', message: 'evil.example.com is not in allowed-hosts' },
    ]);
  });

  it('timeout', () => {
    const result = judge({}, makeTimeout({ timeoutMs: 5000, latencyMs: 5001, attempts: 1 }));
    expect(result).toMatchObject({
      passed: false,
      code: null,
      status: null,
      errorType: null,
      latencyMs: 5001,
      attempts: 1,
    });
    expect(result.failures).toEqual([
      {
        kind: 'timeout',
        message: 'no complete response within 5000 ms',
        expected: 'a response within 5000 ms',
        actual: 'no complete response',
      },
    ]);
  });

  it('records the timeout a check had only when it is lower than Marketo’s 30 s', () => {
    const lowered = createJudge(makeWebhook({}), 'c.yml', undefined, 1_000);
    expect(lowered.judge('alice', makeTimeout({ timeoutMs: 1_000 }), []).timeoutMs).toBe(1_000);
    expect(lowered.judge('alice', makeResponse(), []).timeoutMs).toBe(1_000);
    const marketo = createJudge(makeWebhook({}), 'c.yml', undefined, 30_000);
    expect(marketo.judge('alice', makeResponse(), [])).not.toHaveProperty('timeoutMs');
    expect(createJudge(makeWebhook({}), 'c.yml').judge('alice', makeResponse(), [])).not.toHaveProperty(
      'timeoutMs',
    );
  });

  it('does not add a latency failure to a timeout', () => {
    expect(kinds(judge({ expect: { status: ['2xx'], maxLatencyMs: 10 } }, makeTimeout()))).toEqual([
      'timeout',
    ]);
  });

  it('network', () => {
    const result = judge(
      {},
      makeNetworkError({ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired', attempts: 3 }),
    );
    expect(result).toMatchObject({
      passed: false,
      code: null,
      status: null,
      errorType: 'CERT_HAS_EXPIRED',
      attempts: 3,
    });
    expect(result.failures).toEqual([
      { kind: 'network', message: 'CERT_HAS_EXPIRED: certificate has expired', actual: 'CERT_HAS_EXPIRED' },
    ]);
  });

  it('too-large keeps its status and maps nothing', () => {
    const result = judge(scoring, makeTooLarge({ limitBytes: 1024 }));
    expect(result).toMatchObject({ passed: false, code: null, status: 200, errorType: 'OK', mapped: {} });
    expect(result.failures).toEqual([
      {
        kind: 'too-large',
        message: 'the response body is over the 1024-byte cap; nothing was parsed',
        expected: 'at most 1024 bytes',
        actual: 'more than 1024 bytes',
      },
    ]);
  });

  it('too-large with an unexpected status also fails the status', () => {
    const result = judge({}, makeTooLarge({ status: 500, statusText: 'Internal Server Error' }));
    expect(kinds(result)).toEqual(['status', 'too-large']);
  });
});

describe('judge: status', () => {
  it('fails a status outside expect, with expected and actual', () => {
    const result = judge(
      scoring,
      makeResponse({ status: 500, statusText: 'Internal Server Error', body: '{"error":"boom"}' }),
    );
    expect(result).toMatchObject({
      passed: false,
      code: 500,
      status: 500,
      errorType: 'Internal Server Error',
      mapped: {},
    });
    expect(result.failures).toEqual([
      {
        kind: 'status',
        message: 'got 500 Internal Server Error, expected 2xx',
        expected: '2xx',
        actual: '500 Internal Server Error',
      },
    ]);
    expect(result.responseSnippet).toBe('{"error":"boom"}');
  });

  it('names several expected patterns', () => {
    const result = judge(
      { expect: { status: [200, 201] } },
      makeResponse({ status: 202, statusText: 'Accepted' }),
    );
    expect(result.failures[0]?.message).toBe('got 202 Accepted, expected 200 or 201');
  });

  it('shows the Location of a redirect, which is not followed', () => {
    const result = judge(
      {},
      makeResponse({
        status: 302,
        statusText: 'Found',
        headers: { location: 'https://login.example.com/' },
        body: '',
      }),
    );
    expect(result.failures).toEqual([
      {
        kind: 'status',
        message:
          'got 302 Found, expected 2xx: redirects are not followed (Location: https://login.example.com/)',
        expected: '2xx',
        actual: '302 Found',
      },
    ]);
    expect(result.code).toBe(302);
  });

  it('says redirects are not followed even without a Location', () => {
    const result = judge({}, makeResponse({ status: 307, statusText: '', headers: {} }));
    expect(result.failures[0]?.message).toBe('got 307, expected 2xx: redirects are not followed');
  });

  it('still parses and maps an unexpected 2xx, as Marketo does', () => {
    const result = judge(
      { ...scoring, expect: { status: [201] } },
      makeResponse({ body: '{"data":{"score":5,"tier":"x"}}' }),
    );
    expect(kinds(result)).toEqual(['status']);
    expect(result.mapped).toEqual({ leadScore: 5, tier: 'x' });
  });
});

describe('judge: empty body', () => {
  it.each([
    ['zero bytes', '', '0 bytes'],
    ['whitespace', ' \r\n\t ', 'whitespace only'],
  ])('reports 1001 for a 2xx with %s', (_, body, actual) => {
    const result = judge(scoring, makeResponse({ body }));
    expect(result).toMatchObject({ passed: false, code: CODE_EMPTY_BODY, status: 200, mapped: {} });
    expect(result.failures).toEqual([
      {
        kind: 'empty-body',
        message: 'the response body is empty: Marketo reports 1001 and writes no field',
        expected: 'a response body',
        actual,
      },
    ]);
    expect(kinds(result)).not.toContain('mapping-missing');
  });

  it('reports 1001 for an expected non-2xx with an empty body', () => {
    const result = judge(
      { expect: { status: [404] } },
      makeResponse({ status: 404, statusText: 'Not Found', body: '' }),
    );
    expect(result.code).toBe(1001);
    expect(kinds(result)).toEqual(['empty-body']);
  });

  it('reports only the status for an unexpected non-2xx with an empty body', () => {
    const result = judge({}, makeResponse({ status: 503, statusText: 'Service Unavailable', body: '' }));
    expect(result.code).toBe(503);
    expect(kinds(result)).toEqual(['status']);
    expect(result.responseSnippet).toBeUndefined();
  });

  it('reports both for an unexpected empty 2xx', () => {
    const result = judge(
      { expect: { status: [201] } },
      makeResponse({ status: 204, statusText: 'No Content', body: '' }),
    );
    expect(result.code).toBe(1001);
    expect(kinds(result)).toEqual(['status', 'empty-body']);
  });

  it('does not treat a non-breaking space as empty', () => {
    const result = judge({ responseType: 'none' }, makeResponse({ body: '\u00a0' }));
    expect(result.code).toBe(200);
  });
});

describe('judge: unparseable', () => {
  it('fails a 2xx that does not parse as JSON, with no mapping checks', () => {
    const result = judge(scoring, makeResponse({ body: '<html>Service Unavailable</html>' }));
    expect(kinds(result)).toEqual(['unparseable']);
    expect(result.failures[0]?.expected).toBe('json');
    expect(result.failures[0]?.message).toMatch(
      /^the 2xx body is not valid JSON: .*; Marketo writes no field$/,
    );
    expect(result.mapped).toEqual({});
    expect(result.code).toBe(200);
  });

  it('fails a 2xx that does not parse as XML', () => {
    const result = judge({ responseType: 'xml' }, makeResponse({ body: '{"a":1}' }));
    expect(kinds(result)).toEqual(['unparseable']);
    expect(result.failures[0]?.message).toMatch(/not valid XML/);
  });

  it('does not parse a non-2xx body', () => {
    const result = judge(scoring, makeResponse({ status: 400, statusText: 'Bad Request', body: 'nope' }));
    expect(kinds(result)).toEqual(['status']);
  });

  it('warns about invalid UTF-8 but still maps', () => {
    const body = new Uint8Array([
      ...new TextEncoder().encode('{"data":{"score":1,"tier":"'),
      0xff,
      0x22,
      0x7d,
      0x7d,
    ]);
    const result = judge(scoring, makeResponse({ body }));
    expect(result.passed).toBe(true);
    expect(result.mapped).toEqual({ leadScore: 1, tier: '\uFFFD' });
    expect(result.warnings).toEqual([
      'the response body is not valid UTF-8: invalid bytes were read as U+FFFD',
    ]);
  });
});

describe('judge: mappings', () => {
  it('fails a missing attribute naming the step, and maps the rest', () => {
    const result = judge(
      {
        mappings: [mapping('data.orders[3].id', 'orderId', 'string'), mapping('data.tier', 'tier', 'string')],
      },
      makeResponse({ body: '{"data":{"orders":[{"id":1},{"id":2}],"tier":"gold"}}' }),
    );
    expect(result.failures).toEqual([
      {
        kind: 'mapping-missing',
        message: 'data.orders[3].id → orderId: data.orders[3]: index 3 out of range (2 items)',
        expected: 'string',
      },
    ]);
    expect(result.mapped).toEqual({ tier: 'gold' });
    expect(result.passed).toBe(false);
  });

  it('fails an object leaf as missing', () => {
    const result = judge(
      { mappings: [mapping('data', 'd', 'text')] },
      makeResponse({ body: '{"data":{"x":1}}' }),
    );
    expect(result.failures).toEqual([
      { kind: 'mapping-missing', message: 'data → d: data: an object, not a single value', expected: 'text' },
    ]);
  });

  it('fails a value that does not fit, with a preview', () => {
    const result = judge(scoring, makeResponse({ body: '{"data":{"score":"high","tier":"gold"}}' }));
    expect(result.failures).toEqual([
      {
        kind: 'mapping-type',
        message: 'data.score → leadScore: "high" does not fit integer (a string is not an integral number)',
        expected: 'integer',
        actual: '"high"',
      },
    ]);
    expect(result.mapped).toEqual({ tier: 'gold' });
  });

  it('cuts a long preview', () => {
    const long = 'x'.repeat(300);
    const result = judge(
      { mappings: [mapping('v', 'tier', 'string')] },
      makeResponse({ body: JSON.stringify({ v: long }) }),
    );
    expect(result.failures[0]?.actual).toHaveLength(80);
    expect(result.failures[0]?.actual?.endsWith('…')).toBe(true);
  });

  it('fails a null value as a misfit', () => {
    const result = judge(scoring, makeResponse({ body: '{"data":{"score":null,"tier":"a"}}' }));
    expect(result.failures[0]).toMatchObject({ kind: 'mapping-type', actual: 'null' });
  });

  it('maps a numeric string with a warning', () => {
    const result = judge(scoring, makeResponse({ body: '{"data":{"score":"87","tier":"a"}}' }));
    expect(result.passed).toBe(true);
    expect(result.mapped).toEqual({ leadScore: 87, tier: 'a' });
    expect(result.warnings).toEqual([
      'data.score → leadScore: a numeric string fits integer only by coercion; send a JSON number',
    ]);
  });

  it('maps big integers exactly, with a 32-bit warning, and -0 as 0', () => {
    const result = judge(
      { mappings: [mapping('big', 'big', 'integer'), mapping('zero', 'zero', 'float')] },
      makeResponse({ body: '{"big":9223372036854775807,"zero":-0}' }),
    );
    expect(result.passed).toBe(true);
    expect(result.mapped['big']).toBe(9223372036854775807n);
    expect(Object.is(result.mapped['zero'], 0)).toBe(true);
    expect(result.warnings[0]).toMatch(/^big → big: 9223372036854775807 is outside the signed 32-bit range/);
  });

  it('maps paths with brackets, multi-indexes and keys with spaces, colons and dashes', () => {
    const result = judge(
      {
        mappings: [
          mapping('grid[1][0]', 'cell', 'integer'),
          mapping('Lead Info.ns:code', 'code', 'string'),
          mapping('x-rate.when', 'when', 'date'),
        ],
      },
      makeResponse({
        body: '{"grid":[[1,2],[3,4]],"Lead Info":{"ns:code":"A-1"},"x-rate":{"when":"2024-02-29"}}',
      }),
    );
    expect(result.failures).toEqual([]);
    expect(result.mapped).toEqual({ cell: 3, code: 'A-1', when: '2024-02-29' });
  });

  it('fails an impossible date', () => {
    const result = judge(
      { mappings: [mapping('d', 'd', 'date')] },
      makeResponse({ body: '{"d":"2024-02-30"}' }),
    );
    expect(result.failures[0]).toMatchObject({
      kind: 'mapping-type',
      message: 'd → d: "2024-02-30" does not fit date (2024-02-30 is not a real calendar date)',
    });
  });

  it('warns about a root array once, however many mappings use it', () => {
    const result = judge(
      { mappings: [mapping('[0].a', 'a', 'integer'), mapping('[1].a', 'b', 'integer')] },
      makeResponse({ body: '[{"a":1},{"a":2}]' }),
    );
    expect(result.mapped).toEqual({ a: 1, b: 2 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/root is an array/);
  });

  it('warns about undocumented key characters on every check', () => {
    const judgeOnce = createJudge(
      makeWebhook({ mappings: [mapping('data.$score', 'leadScore', 'integer')] }),
      'f.yml',
    );
    const first = judgeOnce.judge('alice', makeResponse({ body: '{"data":{"$score":1}}' }), []);
    const second = judgeOnce.judge('bob', makeResponse({ body: '{"data":{"$score":2}}' }), []);
    expect(first.warnings).toEqual([
      expect.stringMatching(/"data.\$score" uses characters .* \(undocumented in Marketo\)/),
    ]);
    expect(second.warnings).toEqual(first.warnings);
    expect(second.mapped).toEqual({ leadScore: 2 });
    expect(second.sample).toBe('bob');
  });

  it('fails every mapping of a responseType none webhook on a 2xx', () => {
    const result = judge({ ...scoring, responseType: 'none' }, makeResponse());
    expect(kinds(result)).toEqual(['mapping-missing', 'mapping-missing']);
    expect(result.failures[0]?.message).toBe(
      'data.score → leadScore: the response type is none, so Marketo parses nothing',
    );
  });

  it('later mappings to the same field win', () => {
    const result = judge(
      { mappings: [mapping('a', 'f', 'integer'), mapping('b', 'f', 'integer')] },
      makeResponse({ body: '{"a":1,"b":2}' }),
    );
    expect(result.mapped).toEqual({ f: 2 });
  });
});

describe('judge: XML responses', () => {
  const xml = `<?xml version="1.0"?>
<response status="ok">
  <lead><score>87</score><active>true</active><tags><tag>a</tag><tag>b</tag></tags></lead>
  <lead><score>12</score></lead>
</response>`;

  it('maps nested and same-named elements, numeric text and booleans without warnings', () => {
    const result = judge(
      {
        responseType: 'xml',
        mappings: [
          mapping('response.lead.score', 'first', 'integer'),
          mapping('response.lead[1].score', 'second', 'score'),
          mapping('response.lead.active', 'active', 'boolean'),
          mapping('response.lead.tags.tag[1]', 'tag', 'string'),
        ],
      },
      makeResponse({ body: xml, headers: { 'content-type': 'text/plain' } }),
    );
    expect(result.failures).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.mapped).toEqual({ first: 87, second: 12, active: true, tag: 'b' });
  });

  it('fails a wrong root and a missing same-named index', () => {
    const result = judge(
      {
        responseType: 'xml',
        mappings: [
          mapping('root.lead.score', 'a', 'integer'),
          mapping('response.lead[2].score', 'b', 'integer'),
        ],
      },
      makeResponse({ body: xml }),
    );
    expect(result.failures.map((failure) => failure.message)).toEqual([
      'root.lead.score → a: root: the root element is <response>, not <root>',
      'response.lead[2].score → b: response.lead[2]: index 2 out of range (2 <lead> elements)',
    ]);
  });

  it('fails non-numeric XML text for an integer', () => {
    const result = judge(
      { responseType: 'xml', mappings: [mapping('r.v', 'v', 'integer')] },
      makeResponse({ body: '<r><v>n/a</v></r>' }),
    );
    expect(result.failures[0]).toMatchObject({ kind: 'mapping-type', actual: '"n/a"' });
  });

  it('ignores expect.schema for XML, with a warning', () => {
    const result = judge(
      { responseType: 'xml', expect: { status: ['2xx'], schema: { type: 'object' } } },
      makeResponse({ body: '<r/>' }),
    );
    expect(result.passed).toBe(true);
    expect(result.warnings).toEqual(['expect.schema is ignored: the response type is xml, not json']);
  });
});

describe('judge: schema', () => {
  const schema = {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        required: ['score'],
        additionalProperties: false,
        properties: {
          score: { type: 'integer' },
          tier: { enum: ['gold', 'silver'] },
          email: { type: 'string', format: 'email' },
        },
      },
    },
  };

  it('passes a conforming body', () => {
    const result = judge(
      { expect: { status: ['2xx'], schema } },
      makeResponse({ body: '{"data":{"score":1,"tier":"gold"}}' }),
    );
    expect(result.passed).toBe(true);
  });

  it('reports every ajv error with its instance path', () => {
    const result = judge(
      { expect: { status: ['2xx'], schema } },
      makeResponse({ body: '{"data":{"score":1.5,"tier":"bronze","extra":1,"email":"nope"}}' }),
    );
    expect(kinds(result)).toEqual(['schema', 'schema', 'schema', 'schema']);
    expect(result.failures.map((failure) => failure.message)).toEqual([
      '/data: must NOT have additional properties ("extra")',
      '/data/score: must be integer',
      '/data/tier: must be equal to one of the allowed values: ["gold","silver"]',
      '/data/email: must match format "email"',
    ]);
    expect(result.failures[1]).toMatchObject({ expected: 'type {"type":"integer"}', actual: '1.5' });
  });

  it('names the root for a root error', () => {
    const result = judge({ expect: { status: ['2xx'], schema } }, makeResponse({ body: '[]' }));
    expect(result.failures[0]).toMatchObject({
      kind: 'schema',
      message: '(root): must be object',
      actual: '[]',
    });
  });

  it('reads RFC 6901 escapes when previewing the offending value', () => {
    const result = judge(
      { expect: { status: ['2xx'], schema: { properties: { 'a/b': { type: 'string' } } } } },
      makeResponse({ body: '{"a/b":1}' }),
    );
    expect(result.failures[0]).toMatchObject({ message: '/a~1b: must be string', actual: '1' });
  });

  it('caps the number of schema failures', () => {
    const body = JSON.stringify({ items: Array.from({ length: 50 }, () => 'x') });
    const result = judge(
      { expect: { status: ['2xx'], schema: { properties: { items: { items: { type: 'integer' } } } } } },
      makeResponse({ body }),
    );
    expect(result.failures).toHaveLength(MAX_SCHEMA_FAILURES + 1);
    expect(result.failures.at(-1)?.message).toBe(`and ${50 - MAX_SCHEMA_FAILURES} more schema errors`);
  });

  it('checks the schema alongside mappings', () => {
    const result = judge(
      { ...scoring, expect: { status: ['2xx'], schema: { required: ['ok'] } } },
      makeResponse({ body: '{"data":{"score":1}}' }),
    );
    expect(kinds(result)).toEqual(['mapping-missing', 'schema']);
  });

  it('does not check the schema on a non-2xx or an unparseable body', () => {
    const schema = { required: ['ok'] };
    const expected400 = judge(
      { expect: { status: ['2xx', 400], schema } },
      makeResponse({ status: 400, body: '{}' }),
    );
    expect(expected400.failures).toEqual([]);
    const unparseable = judge({ expect: { status: ['2xx'], schema } }, makeResponse({ body: 'x' }));
    expect(kinds(unparseable)).toEqual(['unparseable']);
    // The same schema does fail a parsed 2xx body: the two cases above are skipped, not vacuous.
    expect(kinds(judge({ expect: { status: ['2xx'], schema } }, makeResponse({ body: '{}' })))).toEqual([
      'schema',
    ]);
  });

  it('supports draft 2020-12 schemas', () => {
    const result = judge(
      {
        expect: {
          status: ['2xx'],
          schema: {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            prefixItems: [{ type: 'string' }],
          },
        },
      },
      makeResponse({ body: '[1]' }),
    );
    expect(result.failures.map((failure) => failure.message)).toEqual(['/0: must be string']);
  });

  it('supports a boolean schema', () => {
    expect(kinds(judge({ expect: { status: ['2xx'], schema: false } }, makeResponse()))).toEqual(['schema']);
  });
});

describe('judge: latency', () => {
  it('fails a response slower than the budget', () => {
    const result = judge(
      { expect: { status: ['2xx'], maxLatencyMs: 100 } },
      makeResponse({ latencyMs: 101 }),
    );
    expect(result.failures).toEqual([
      {
        kind: 'latency',
        message: 'took 101 ms, over the 100 ms budget',
        expected: 'at most 100 ms',
        actual: '101 ms',
      },
    ]);
  });

  it('passes a response exactly on budget', () => {
    expect(
      judge({ expect: { status: ['2xx'], maxLatencyMs: 100 } }, makeResponse({ latencyMs: 100 })).passed,
    ).toBe(true);
  });

  it('also applies to a non-2xx response', () => {
    const result = judge(
      { expect: { status: [500], maxLatencyMs: 10 } },
      makeResponse({ status: 500, statusText: 'Internal Server Error', latencyMs: 20 }),
    );
    expect(kinds(result)).toEqual(['latency']);
  });
});

describe('createJudge: contract errors', () => {
  it('throws a located ContractFileError for every malformed mapping path at once', () => {
    const webhook = makeWebhook({
      mappings: [mapping('a..b', 'x', 'string', 31), mapping('c[x]', 'y', 'string', 32)],
    });
    let error: unknown;
    try {
      createJudge(webhook, 'f.yml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractFileError);
    expect((error as ContractFileError).problems).toEqual([
      {
        file: 'webhook-contracts.yml',
        line: 31,
        column: 7,
        message: 'response attribute: empty key in segment 2 of "a..b"',
      },
      {
        file: 'webhook-contracts.yml',
        line: 32,
        column: 7,
        message: 'response attribute: "[x]" is not a non-negative integer index in "c[x]"',
      },
    ]);
  });

  it('throws for a schema that does not compile', () => {
    const webhook = makeWebhook({ expect: { status: ['2xx'], schema: { type: 'no-such-type' } } });
    expect(() => createJudge(webhook, 'f.yml')).toThrow(/expect.schema is not a valid JSON Schema/);
  });

  it('lets two webhooks share a schema $id', () => {
    const schema = { $id: 'https://example.com/score.json', type: 'object' };
    createJudge(makeWebhook({ expect: { status: ['2xx'], schema } }), 'f.yml');
    expect(() => createJudge(makeWebhook({ expect: { status: ['2xx'], schema } }), 'f.yml')).not.toThrow();
  });
});
