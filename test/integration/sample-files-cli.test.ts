/**
 * Samples from data files through the built CLI (dist/cli.js), against a real loopback server: a CSV lead
 * export fires one request per lead with its values, and a data file outside the repository (a path climbing
 * out, a symbolic link) is refused, located, with nothing sent and nothing of the file shown.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

let server: StagingServer;
let dir: string;
let outside: string;
const bodies: string[] = [];

beforeAll(async () => {
  await ensureBundle();
  server = await startStagingServer();
  server.route('/lead', (_request, response, body) => {
    bodies.push(body);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-csv-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'wc-csv-outside-'));
  await mkdir(path.join(dir, 'data'));
  await writeFile(
    path.join(dir, 'data', 'leads.csv'),
    'Email Address,First Name,company.Company Name\nalice@example.com,Alice,Acme\nbob@example.com,Bob,Beta\n',
  );
  await writeFile(path.join(outside, 'stolen.csv'), 'Email Address\nstolen-secret-value\n');
  await symlink(path.join(outside, 'stolen.csv'), path.join(dir, 'data', 'link.csv'));
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

beforeEach(() => {
  server.resetStats();
  bodies.length = 0;
});

async function runWith(file: string): Promise<Awaited<ReturnType<typeof runNode>>> {
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
  await writeFile(path.join(dir, 'c.yml'), contract);
  return runNode([CLI, 'run', '--quiet', 'c.yml'], {
    cwd: dir,
    env: { STAGING_URL: server.url, NO_COLOR: '1' },
  });
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
    expect(server.connections()).toBe(0);
  });
});
