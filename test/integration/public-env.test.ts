/**
 * `public-env` / `--public-env` (SPEC sections 2 and 5), against the built CLI (dist/cli.js) and the built action
 * (dist/index.js) as child processes: a variable the caller declares public shows its value (the staging origin,
 * not `***`) in the console, the reports, the comment and the summary, and does not make a request secret-bearing,
 * so it reaches a host `allowed-hosts` does not list; a secret header still does, and stays redacted. Without the
 * declaration nothing changes: the origin is a secret.
 */
import { describe, expect, it } from 'vitest';

import type { E2eActionRun } from '../support/e2e-run.js';
import { setUpE2eRun } from '../support/e2e-run.js';
import type { JsonReport } from '../support/json-report.js';
import { parseJsonReport } from '../support/json-report.js';

const TOKEN = 'ghs_publicEnvToken0123456789abcdef';
const API_KEY = 'sk_live_public_env_0123456789';
/** A host no test may reach: only it is allowed, so every secret-bearing request is blocked. */
const ELSEWHERE = 'staging.example.com';

const CONTRACT = `version: 1
samples:
  alice:
    lead: { Email Address: alice@example.com }
webhooks:
  - name: Moved hook
    url: "\${STAGING_URL}/moved"
    method: GET
    responseType: none
  - name: Keyed hook
    url: "\${STAGING_URL}/keyed"
    method: GET
    headers: { X-Api-Key: "\${API_KEY}" }
    responseType: none
`;

const e2e = setUpE2eRun({
  prefix: 'wc-public-env-',
  token: TOKEN,
  env: { API_KEY },
  routes: (staging) => {
    // A failing answer whose reason shows where it points: the origin must read as written, or as `***`.
    staging.route('/moved', (_request, response) => {
      response.writeHead(302, { Location: `${staging.url}/new-place` }).end();
    });
    staging.route('/keyed', (_request, response) => {
      response.writeHead(204).end();
    });
  },
  contracts: { 'webhook-contracts.yml': CONTRACT },
});

function kindsByWebhook(report: JsonReport): Record<string, string[]> {
  return Object.fromEntries(
    report.checks.map((check) => [check.webhook, check.failures.map((failure) => failure.kind)]),
  );
}

async function readReport(name: string): Promise<{ text: string; report: JsonReport }> {
  const text = await e2e.readFile(name);
  return { text, report: parseJsonReport(text) };
}

const moved = (): string => `${e2e.staging.url}/new-place`;

describe('the built CLI', () => {
  async function runCli(extra: readonly string[]) {
    const result = await e2e.runCli(
      ['run', '--quiet', '--wide', '--allowed-hosts', ELSEWHERE, '--report-json', 'cli.json', ...extra],
      { env: { NO_COLOR: '1' } },
    );
    expect(result.stderr).not.toMatch(/internal error/);
    return { ...result, ...(await readReport('cli.json')) };
  }

  it('with --public-env shows the origin and sends the public-only request; a secret header is still blocked', async () => {
    const result = await runCli(['--public-env', 'STAGING_URL']);
    expect(kindsByWebhook(result.report)).toEqual({ 'Moved hook': ['status'], 'Keyed hook': ['blocked'] });
    expect(e2e.staging.hits('/moved')).toBe(1);
    expect(e2e.staging.hits('/keyed')).toBe(0);
    expect(result.stdout).toContain(moved());
    expect(result.text).toContain(moved());
    expect(result.stdout + result.text).not.toContain('***/new-place');
    expect(result.stdout + result.stderr + result.text).not.toContain(API_KEY);
  });

  it('without it the origin is a secret: redacted, and every request to it blocked', async () => {
    const result = await runCli([]);
    expect(kindsByWebhook(result.report)).toEqual({ 'Moved hook': ['blocked'], 'Keyed hook': ['blocked'] });
    expect(e2e.staging.connections()).toBe(0);
    // The host policy's message names the host it refused; the origin itself stays hidden.
    expect(result.stdout + result.stderr + result.text).not.toContain(e2e.staging.url);
  });

  it('render shows a public origin and still masks the secret header', async () => {
    const result = await e2e.runCli(['render', '--public-env', 'OTHER,STAGING_URL'], {
      env: { NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`GET ${e2e.staging.url}/moved`);
    expect(result.stdout).not.toContain(API_KEY);
    const secret = await e2e.runCli(['render'], { env: { NO_COLOR: '1' } });
    expect(secret.stdout).toContain('GET ***/moved');
    expect(secret.stdout).not.toContain(e2e.staging.url);
  });

  it('a value that is also a secret variable stays secret', async () => {
    // SAME_ORIGIN is not public and has the same value: the origin is redacted and the request blocked.
    await e2e.writeFile(
      'same.yml',
      CONTRACT.replace('X-Api-Key: "${API_KEY}"', 'X-Origin: "${SAME_ORIGIN}"'),
    );
    const result = await e2e.runCli(
      ['run', 'same.yml', '--quiet', '--allowed-hosts', ELSEWHERE, '--public-env', 'STAGING_URL'],
      { env: { SAME_ORIGIN: e2e.staging.url, NO_COLOR: '1' } },
    );
    expect(result.code).toBe(1);
    expect(e2e.staging.connections()).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(e2e.staging.url);
  });

  it('refuses a name that is not a variable name, naming the option, and sends nothing', async () => {
    const result = await e2e.runCli(['run', '--public-env', '${STAGING_URL}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--public-env: "${STAGING_URL}" is not an environment variable name');
    expect(e2e.staging.connections()).toBe(0);
  });
});

describe('the built action', () => {
  async function runBuiltAction(inputs: Record<string, string>): Promise<E2eActionRun & { text: string }> {
    const run = await e2e.runAction({
      inputs: {
        comment: 'always',
        'fail-on-failure': 'false',
        'allowed-hosts': ELSEWHERE,
        'report-json': 'action.json',
        ...inputs,
      },
    });
    expect(run.stdout).not.toMatch(/internal error/);
    return {
      ...run,
      text: inputs['public-env']?.startsWith('$') ? '' : (await readReport('action.json')).text,
    };
  }

  function commentBody(): string {
    return e2e
      .comments()
      .map((comment) => comment.body)
      .join('\n');
  }

  it('with public-env shows the origin in the report, log, comment and summary, unmasked', async () => {
    const run = await runBuiltAction({ 'public-env': 'STAGING_URL' });
    const { report } = await readReport('action.json');
    expect(kindsByWebhook(report)).toEqual({ 'Moved hook': ['status'], 'Keyed hook': ['blocked'] });
    expect(e2e.staging.hits('/moved')).toBe(1);
    expect(e2e.staging.hits('/keyed')).toBe(0);
    expect(run.text).toContain(moved());
    // Markdown breaks the autolink after `http:` (markdown-safe.ts): the host and path read as they are.
    const where = `127.0.0.1:${e2e.staging.port}/new-place`;
    expect(commentBody()).toContain(where);
    expect(run.summary).toContain(where);
    expect(commentBody() + run.summary).not.toContain('***/new-place');
    expect(run.stdout).toContain(moved());
    // Not handed to the runner's masking either; the secret header's value is.
    const masks = run.commands.filter((command) => command.command === 'add-mask').map((c) => c.message);
    expect(masks.some((mask) => mask.includes(`127.0.0.1:${e2e.staging.port}`))).toBe(false);
    expect(masks).toContain(API_KEY);
    expect(run.log + run.summary + run.text + commentBody()).not.toContain(API_KEY);
  });

  it('without public-env the origin stays a secret everywhere', async () => {
    const run = await runBuiltAction({});
    const { report } = await readReport('action.json');
    expect(kindsByWebhook(report)).toEqual({ 'Moved hook': ['blocked'], 'Keyed hook': ['blocked'] });
    expect(e2e.staging.connections()).toBe(0);
    expect(run.log + run.summary + run.text + commentBody()).not.toContain(e2e.staging.url);
    expect(commentBody() + run.summary).not.toContain(`127.0.0.1:${e2e.staging.port}/`);
  });

  it('refuses an invalid name, naming the input', async () => {
    const run = await runBuiltAction({ 'public-env': '${STAGING_URL}' });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain(`Input 'public-env': "\${STAGING_URL}" is not an environment variable name`);
    expect(e2e.staging.connections()).toBe(0);
  });
});
