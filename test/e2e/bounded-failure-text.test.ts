/**
 * A failure's text is bounded whatever the service sends (issue 11, "snippets already cut"), against the built CLI:
 * mapped numbers of 500,000 digits (a JSON number, a numeric string, a fraction, a float overflowing to Infinity)
 * are each one short failure in the JSON report, not a copy of the number per report, comment and summary.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import type { StagingServer } from '../support/staging-server.js';
import { startStagingServer } from '../support/staging-server.js';

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

let staging: StagingServer;
let workspace: string;

beforeAll(async () => {
  await ensureBundle();
  staging = await startStagingServer();
  for (const { route, value } of CASES) {
    staging.route(route, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"data":{"score":${value}}}`);
    });
  }
  workspace = await mkdtemp(path.join(os.tmpdir(), 'wc-bounded-text-'));
  const contract = [
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
  await writeFile(path.join(workspace, 'webhook-contracts.yml'), contract);
});

afterAll(async () => {
  await staging.close();
  await rm(workspace, { recursive: true, force: true });
});

describe('the built CLI reports a huge mapped number in a few words', () => {
  it('each check is one mapping-type failure, its text cut, its reason kept', async () => {
    const result = await runNode([CLI, 'run', '-q', '--no-color', '--report-json', 'report.json'], {
      cwd: workspace,
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.length).toBeLessThan(MAX_CHECK_JSON_CHARS * CASES.length);
    const report = JSON.parse(await readFile(path.join(workspace, 'report.json'), 'utf8')) as {
      checks: { webhook: string; failures: { kind: string; message: string }[] }[];
    };
    expect(report.checks).toHaveLength(CASES.length);
    for (const { route, reason } of CASES) {
      const check = report.checks.find((entry) => entry.webhook === route.slice(1));
      expect(check?.failures.map((failure) => failure.kind)).toEqual(['mapping-type']);
      expect(check?.failures[0]?.message).toMatch(reason);
      expect(JSON.stringify(check).length, route).toBeLessThan(MAX_CHECK_JSON_CHARS);
    }
  });
});
