/**
 * A staging server on 127.0.0.1 echoes the secret it was sent in every form of test/support/secret-byte-forms.ts
 * (base64 folded at any width, hex dumps, byte lists, byte escapes), in the body (whole, and pushed to the
 * snippet's 300-character cut), in `Location` and in the reason phrase when a header can carry the form. Through
 * the built CLI (console, JSON and JUnit reports) and the built action (log, job summary, the comment posted to the
 * GitHub API stand-in), no form appears anywhere, nor any 8 characters of the secret.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GitHubApiStandIn } from '../support/github-api-stand-in.js';
import { startGitHubApiStandIn } from '../support/github-api-stand-in.js';
import { runAction } from '../support/run-action.js';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import { SECRET_BYTE_FORMS } from '../support/secret-byte-forms.js';
import type { StagingServer } from '../support/staging-server.js';
import { startStagingServer } from '../support/staging-server.js';

const TOKEN = 'ghs_secretByteFormsToken0123456789';
/** Sent as a header value, so ASCII; it has characters that every encoding treats differently. */
const API_KEY = 'Hx9_live/7f+3a=9cK41"d2%zz~';
/** As long as API_KEY, with none of its characters: what a form shares with this one's is no part of the secret. */
const OTHER = 'QQQQQQQQQQQQQQQQQQQQQQQQQQQ';
const FORMS = Object.entries(SECRET_BYTE_FORMS);

let staging: StagingServer;
let api: GitHubApiStandIn;
let workspace: string;

/** A form as a header or reason phrase can carry it (no line breaks, Latin-1); undefined when it cannot. */
function asHeader(form: string): string | undefined {
  return /^[\t\x20-\x7e]*$/.test(form) ? form : undefined;
}

function keyOf(request: IncomingMessage): string {
  return String(request.headers['x-api-key'] ?? '');
}

beforeAll(async () => {
  await ensureBundle();
  staging = await startStagingServer();
  api = await startGitHubApiStandIn({ token: TOKEN });
  FORMS.forEach(([, encode], index) => {
    staging.route(`/form-${index}`, (request, response) => {
      const form = encode(keyOf(request));
      const header = asHeader(form);
      response.writeHead(302, header === undefined ? 'Found' : `Echo ${header}`, {
        'content-type': 'text/plain',
        ...(header === undefined ? {} : { location: `https://elsewhere.example/?v=${header}` }),
      });
      response.end(`echo: ${form} end`);
    });
    staging.route(`/cut-${index}`, (request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`${'x'.repeat(294)}${encode(keyOf(request))} and more`);
    });
  });
  workspace = await mkdtemp(path.join(os.tmpdir(), 'wc-secret-byte-forms-'));
  const webhooks = FORMS.flatMap((_form, index) => [
    `  - name: Form ${index}`,
    `    url: '\${STAGING_URL}/form-${index}'`,
    `  - name: Cut ${index}`,
    `    url: '\${STAGING_URL}/cut-${index}'`,
  ]);
  const contract = [
    'version: 1',
    'defaults:',
    "  headers: { X-Api-Key: '${API_KEY}' }",
    'webhooks:',
    ...webhooks,
    '',
  ].join('\n');
  await writeFile(path.join(workspace, 'webhook-contracts.yml'), contract);
}, 120_000);

afterAll(async () => {
  await staging.close();
  await api.close();
  await rm(workspace, { recursive: true, force: true });
});

/** `form` without the start and end it shares with `other`: the part that depends on the secret. */
function coreOf(form: string, other: string): string {
  let start = 0;
  while (start < form.length && form[start] === other[start]) start += 1;
  let end = 0;
  while (end < form.length - start && form[form.length - 1 - end] === other[other.length - 1 - end]) end += 1;
  return form.slice(start, form.length - end);
}

/** No half of any form's secret part, and no 8 characters of the secret as they are. */
function expectNoSecret(where: string, text: string): void {
  for (const [name, encode] of FORMS) {
    const core = coreOf(encode(API_KEY), encode(OTHER));
    const half = Math.max(8, Math.ceil(core.length / 2));
    for (let at = 0; at + half <= core.length; at += 1)
      expect(text.includes(core.slice(at, at + half)), `${where} holds part of the ${name} form`).toBe(false);
  }
  const lower = text.toLowerCase();
  for (let at = 0; at + 8 <= API_KEY.length; at += 1) {
    const window = API_KEY.slice(at, at + 8).toLowerCase();
    expect(lower.includes(window), `${where} holds ${window}`).toBe(false);
  }
}

/** The strings of a JSON report, decoded (a form with a line break is escaped in the file). */
function stringsOf(json: string): string {
  const strings: string[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    return value;
  });
  return strings.join('\n');
}

describe('a server echoing the secret in every byte form, through the built CLI', () => {
  it('shows no form on the console or in the JSON and JUnit reports', async () => {
    const result = await runNode(
      [CLI, 'run', '--report-json', 'report.json', '--report-junit', 'junit.xml'],
      {
        cwd: workspace,
        env: { PATH: process.env['PATH'] ?? '', STAGING_URL: staging.url, API_KEY, NO_COLOR: '1' },
      },
    );
    expect(result.code, result.stderr).toBe(1);
    // Every route was called and echoed: otherwise this proves nothing.
    FORMS.forEach((_form, index) => {
      expect(staging.hits(`/form-${index}`)).toBeGreaterThan(0);
      expect(staging.hits(`/cut-${index}`)).toBeGreaterThan(0);
    });
    const json = await readFile(path.join(workspace, 'report.json'), 'utf8');
    const junit = await readFile(path.join(workspace, 'junit.xml'), 'utf8');
    expect(json).toContain('***');
    expectNoSecret('stdout', result.stdout);
    expectNoSecret('stderr', result.stderr);
    expectNoSecret('the JSON report', json);
    expectNoSecret('the JSON report (decoded)', stringsOf(json));
    expectNoSecret('the JUnit report', junit);
  });
});

describe('a server echoing the secret in every byte form, through the built action', () => {
  it('shows no form in the log, the job summary or the comment', async () => {
    const result = await runAction({
      token: TOKEN,
      workspace,
      apiUrl: api.url,
      inputs: { 'allowed-hosts': `127.0.0.1:${staging.port}`, comment: 'always' },
      env: { STAGING_URL: staging.url, API_KEY },
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs['failed']).toBe(String(FORMS.length * 2));
    const comment = api.comments('Codertocat', 'Hello-World', 2).at(-1)?.body ?? '';
    expect(comment).toContain('checks failed');
    expect(result.summary).toContain('***');
    // `::add-mask::` lines are how the runner is told the forms to mask (it never prints them): all else is checked.
    const log = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(result.stdout).toContain(`::add-mask::${API_KEY.replace(/%/g, '%25')}`);
    expectNoSecret('the log', log);
    expectNoSecret('stderr', result.stderr);
    expectNoSecret('the job summary', result.summary);
    expectNoSecret('the comment', comment);
  });
});
