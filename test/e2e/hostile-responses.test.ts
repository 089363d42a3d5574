/**
 * One response never kills the run (issue 11), against the built artefacts: dist/cli.js and dist/index.js in
 * child processes, a staging server on 127.0.0.1 sending hostile bodies next to a normal check. Each hostile body
 * is at most one reported failure of its own check; the normal check still runs, passes and is reported.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';

const TOKEN = 'ghs_hostileResponsesToken0123456789';
/** Deep enough to overflow any recursion; XML's tags are longer, so fewer fit under the 1 MiB cap. */
const DEPTH = 400_000;
const XML_DEPTH = 100_000;

interface Hostile {
  /** The webhook's name, its route and what the route answers. */
  readonly name: string;
  readonly route: string;
  readonly body: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Contract lines after `url:`. */
  readonly webhook: readonly string[];
  /** What the one failure of this check says; none: the check passes. */
  readonly failure?: RegExp;
}

const HOSTILE: readonly Hostile[] = [
  {
    name: 'Deep JSON',
    route: '/deep-json',
    body: '['.repeat(DEPTH) + ']'.repeat(DEPTH),
    webhook: ['    responseType: json', '    expect: { schema: { type: object } }'],
    failure: /^unparseable: the 2xx body is nested deeper than 512 levels/,
  },
  {
    name: 'Deep XML',
    route: '/deep-xml',
    body: '<a>'.repeat(XML_DEPTH) + '</a>'.repeat(XML_DEPTH),
    webhook: ['    responseType: xml', '    mappings: { a.a: leadScore }'],
    failure: /^unparseable: the 2xx body is nested deeper than 512 levels/,
  },
  {
    // With a backtracking engine this check alone would run for ages (13 s at 40 characters, doubling per one).
    name: 'Catastrophic pattern',
    route: '/pattern',
    body: JSON.stringify({ id: 'a'.repeat(60) + '!' }),
    webhook: [
      '    responseType: json',
      "    expect: { schema: { properties: { id: { type: string, pattern: '^(a|aa)+$' } } } }",
    ],
    failure: /^schema: \/id: must match pattern "\^\(a\|aa\)\+\$"/,
  },
  {
    // ajv's own uniqueItems compares every pair of objects: 60,000 of them took minutes.
    name: 'Many distinct objects',
    route: '/unique',
    body: JSON.stringify(Array.from({ length: 60_000 }, (_, index) => ({ a: index }))),
    webhook: ['    responseType: json', '    expect: { schema: { type: array, uniqueItems: true } }'],
  },
  {
    name: 'One repeated object',
    route: '/repeated',
    body: JSON.stringify([...Array.from({ length: 60_000 }, (_, index) => ({ a: index })), { a: 5 }]),
    webhook: ['    responseType: json', '    expect: { schema: { type: array, uniqueItems: true } }'],
    failure: /^schema: \(root\): must NOT have duplicate items \(items ## 5 and 60000 are identical\)/,
  },
  {
    name: 'Gzip JSON',
    route: '/gzip',
    body: zlib.gzipSync('{"data":{"score":7}}'),
    headers: { 'content-encoding': 'gzip' },
    webhook: ['    responseType: json', '    mappings: { data.score: leadScore }'],
  },
  {
    // 64 MiB of zeros: about 64 KiB sent, 64 times the 1 MiB cap decoded.
    name: 'Gzip bomb',
    route: '/bomb',
    body: zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)),
    headers: { 'content-encoding': 'gzip' },
    webhook: ['    responseType: json'],
    failure: /^too-large: the response body is over the 1048576-byte cap/,
  },
  {
    name: 'Corrupt gzip',
    route: '/corrupt-gzip',
    body: 'not gzip',
    headers: { 'content-encoding': 'gzip' },
    webhook: ['    responseType: json'],
    failure: /^unparseable: the gzip body could not be decoded: incorrect header check/,
  },
];

const FAILING = HOSTILE.filter((hostile) => hostile.failure !== undefined).length;
const PASSING = HOSTILE.length - FAILING + 1;

const e2e = setUpE2eRun({
  prefix: 'wc-hostile-',
  token: TOKEN,
  routes: (staging) => {
    for (const hostile of HOSTILE) {
      staging.route(hostile.route, (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', ...hostile.headers });
        response.end(hostile.body);
      });
    }
  },
  contracts: { 'webhook-contracts.yml': makeContract() },
});

function makeContract(): string {
  const webhooks = [
    ...HOSTILE.flatMap((hostile) => [
      `  - name: ${hostile.name}`,
      `    url: '\${STAGING_URL}${hostile.route}'`,
      ...hostile.webhook,
    ]),
    '  - name: Normal',
    "    url: '${STAGING_URL}/json'",
    '    responseType: json',
    '    mappings: { data.score: leadScore }',
    '    expect: { schema: { type: object, required: [data] } }',
  ];
  return ['version: 1', 'fields:', '  leadScore: integer', 'webhooks:', ...webhooks, ''].join('\n');
}

const TOTAL = HOSTILE.length + 1;

describe('hostile responses through the built CLI', () => {
  it('are one failure each; the normal check passes and everything is reported', async () => {
    const result = await e2e.runCli(['run', '--quiet', '--report-json', 'report.json']);
    expect(result.stderr).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${TOTAL} checks: ${PASSING} passed, ${FAILING} failed`);
    const report = await e2e.readReport('report.json');
    expect(report.checks.find((check) => check.webhook === 'Normal')).toMatchObject({ passed: true });
    expect(report.checks.find((check) => check.webhook === 'Gzip JSON')?.mapped).toEqual({ leadScore: 7 });
    for (const hostile of HOSTILE) {
      const check = report.checks.find((candidate) => candidate.webhook === hostile.name);
      expect(check?.failures).toHaveLength(hostile.failure === undefined ? 0 : 1);
      if (hostile.failure === undefined) continue;
      const [failure] = check?.failures ?? [];
      expect(`${failure?.kind}: ${failure?.message}`).toMatch(hostile.failure);
    }
  });
});

describe('hostile responses through the built action', () => {
  it('are one failure each; the outputs, summary and comment are all written', async () => {
    const result = await e2e.runAction();
    expect(result.stdout).not.toMatch(/Unexpected error|Maximum call stack/);
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({
      total: String(TOTAL),
      passed: String(PASSING),
      failed: String(FAILING),
    });
    expect(result.summary).toContain(`${FAILING} of ${TOTAL} checks failed`);
    for (const hostile of HOSTILE) {
      if (hostile.failure !== undefined) expect(result.summary).toContain(hostile.name);
    }
    expect(result.comment).toContain(`${FAILING} of ${TOTAL} checks failed`);
  });
});
