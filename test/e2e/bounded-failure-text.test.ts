/**
 * A failure's text is bounded whatever the service sends (issue 11, "snippets already cut"), against the built CLI:
 * mapped numbers of 500,000 digits (a JSON number, a numeric string, a fraction, a float overflowing to Infinity)
 * are each one short failure in the JSON report, not a copy of the number per report, comment and summary.
 */
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import type { StagingServer } from '../support/staging-server.js';

const DIGITS = '9'.repeat(500_000);

/** Route, the `score` value as JSON text, the field type it is mapped to, and what its reason says. */
const CASES = [
  { route: '/huge-integer', value: `1${DIGITS}`, type: 'integer', reason: /outside the signed 64-bit range/ },
  {
    route: '/huge-string',
    value: `"1${DIGITS}"`,
    type: 'integer',
    reason: /outside the signed 64-bit range/,
  },
  { route: '/huge-fraction', value: `1.${DIGITS}`, type: 'integer', reason: /is not an integral number/ },
  { route: '/huge-float', value: `"1${DIGITS}"`, type: 'float', reason: /is not a finite number/ },
] as const;

/** Far above what a cut preview and the words around it take, far below the 500 KB number. */
const MAX_CHECK_JSON_CHARS = 4_000;

const e2e = setUpE2eRun({
  prefix: 'wc-bounded-text-',
  routes: (staging) => {
    for (const { route, value } of CASES) {
      staging.route(route, (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`{"data":{"score":${value}}}`);
      });
    }
  },
  contracts: (staging) => ({ 'webhook-contracts.yml': makeContract(staging) }),
});

function makeContract(staging: StagingServer): string {
  return [
    'version: 1',
    'fields: { asInteger: integer, asFloat: float }',
    'webhooks:',
    ...CASES.flatMap(({ route, type }) => [
      `  - name: ${route.slice(1)}`,
      `    url: '${staging.url}${route}'`,
      '    responseType: json',
      `    mappings: { data.score: ${type === 'integer' ? 'asInteger' : 'asFloat'} }`,
    ]),
    '',
  ].join('\n');
}

describe('the built CLI reports a huge mapped number in a few words', () => {
  it('each check is one mapping-type failure, its text cut, its reason kept', async () => {
    const result = await e2e.runCli(['run', '-q', '--no-color', '--report-json', 'report.json']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.length).toBeLessThan(MAX_CHECK_JSON_CHARS * CASES.length);
    const report = await e2e.readReport('report.json');
    expect(report.checks).toHaveLength(CASES.length);
    for (const { route, reason } of CASES) {
      const check = report.checks.find((entry) => entry.webhook === route.slice(1));
      expect(check?.failures.map((failure) => failure.kind)).toEqual(['mapping-type']);
      expect(check?.failures[0]?.message).toMatch(reason);
      expect(JSON.stringify(check).length, route).toBeLessThan(MAX_CHECK_JSON_CHARS);
    }
  });
});
