/**
 * Samples from data files through the built CLI (dist/cli.js), against a real loopback server: a CSV lead
 * export fires one request per lead with its values, and a data file outside the repository (a path climbing
 * out, a symbolic link) is refused, located, with nothing sent and nothing of the file shown.
 */
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import type { NodeResult } from '../support/run-node.js';

const bodies: string[] = [];

const e2e = setUpE2eRun({
  prefix: 'wc-csv-',
  env: { NO_COLOR: '1' },
  routes: (staging) =>
    staging.route('/lead', (_request, response, body) => {
      bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    }),
  contracts: {
    'data/leads.csv':
      'Email Address,First Name,company.Company Name\nalice@example.com,Alice,Acme\nbob@example.com,Bob,Beta\n',
  },
});

beforeAll(async () => {
  const outside = await e2e.makeWorkspace({ 'stolen.csv': 'Email Address\nstolen-secret-value\n' });
  await symlink(path.join(outside, 'stolen.csv'), path.join(e2e.workspace, 'data', 'link.csv'));
});

beforeEach(() => {
  bodies.length = 0;
});

async function runWith(file: string): Promise<NodeResult> {
  const contract = [
    'version: 1',
    'samples:',
    `  - { file: ${file}, name: Email Address }`,
    'webhooks:',
    '  - name: Lead',
    "    url: '${STAGING_URL}/lead'",
    '    method: POST',
    '    encoding: json',
    '    template: \'{"email": {{lead.Email Address}}, "company": {{company.Company Name}}}\'',
    '',
  ].join('\n');
  await e2e.writeFile('c.yml', contract);
  return e2e.runCli(['run', '--quiet', 'c.yml']);
}

describe('samples from a CSV file, through the built CLI', () => {
  it("fires the webhook once per lead with that lead's values", async () => {
    const result = await runWith('data/leads.csv');
    expect(result.code, result.stderr).toBe(0);
    expect(bodies.sort()).toEqual([
      '{"email": "alice@example.com", "company": "Acme"}',
      '{"email": "bob@example.com", "company": "Beta"}',
    ]);
  });

  it.each([
    ['a path climbing out of the repository', '../../../../../../../../etc/passwd'],
    ['a symbolic link leading outside', 'data/link.csv'],
  ])('refuses %s: located at the entry, exit 2, nothing sent or shown', async (_name, file) => {
    const result = await runWith(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^c\.yml:3:13: data file "[^"]+": is outside the repository/m);
    expect(result.stderr).not.toContain('stolen-secret-value');
    expect(result.stderr).not.toMatch(/root:/);
    expect(e2e.staging.connections()).toBe(0);
  });
});
