/**
 * `public-env` / `--public-env` (SPEC sections 2 and 5), against the built CLI (dist/cli.js) and the built action
 * (dist/index.js) as child processes: a variable the caller declares public shows its value (the staging origin,
 * not `***`) in the console, the reports, the comment and the summary, and does not make a request secret-bearing,
 * so it reaches a host `allowed-hosts` does not list; a secret header still does, and stays redacted. Without the
 * declaration nothing changes: the origin is a secret.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startGitHubApiStandIn } from '../support/github-api-stand-in.js';
import type { GitHubApiStandIn } from '../support/github-api-stand-in.js';
import { runAction } from '../support/run-action.js';
import type { ActionRun } from '../support/run-action.js';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const TOKEN = 'ghs_publicEnvToken0123456789abcdef';
const API_KEY = 'sk_live_public_env_0123456789';
/** The number in test/fixtures/pull-request-opened.json. */
const PR = { owner: 'Codertocat', repo: 'Hello-World', number: 2 } as const;
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

interface JsonReport {
  readonly checks: readonly {
    readonly webhook: string;
    readonly failures: readonly { readonly kind: string }[];
  }[];
}

let server: StagingServer;
let api: GitHubApiStandIn;
let dir: string;

beforeAll(async () => {
  await ensureBundle();
  server = await startStagingServer();
  api = await startGitHubApiStandIn({ token: TOKEN });
  // A failing answer whose reason shows where it points: the origin must read as written, or as `***`.
  server.route('/moved', (_request, response) => {
    response.writeHead(302, { Location: `${server.url}/new-place` }).end();
  });
  server.route('/keyed', (_request, response) => {
    response.writeHead(204).end();
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-public-env-'));
  await writeFile(path.join(dir, 'webhook-contracts.yml'), CONTRACT);
}, 120_000);

afterAll(async () => {
  await server.close();
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  server.resetStats();
  api.reset();
});

function kindsByWebhook(report: JsonReport): Record<string, string[]> {
  return Object.fromEntries(
    report.checks.map((check) => [check.webhook, check.failures.map((failure) => failure.kind)]),
  );
}

async function readReport(name: string): Promise<{ text: string; report: JsonReport }> {
  const text = await readFile(path.join(dir, name), 'utf8');
  return { text, report: JSON.parse(text) as JsonReport };
}

const moved = (): string => `${server.url}/new-place`;

describe('the built CLI', () => {
  async function runCli(extra: readonly string[]) {
    const result = await runNode(
      [CLI, 'run', '--quiet', '--wide', '--allowed-hosts', ELSEWHERE, '--report-json', 'cli.json', ...extra],
      { cwd: dir, env: { STAGING_URL: server.url, API_KEY, NO_COLOR: '1' } },
    );
    expect(result.stderr).not.toMatch(/internal error/);
    return { ...result, ...(await readReport('cli.json')) };
  }

  it('with --public-env shows the origin and sends the public-only request; a secret header is still blocked', async () => {
    const result = await runCli(['--public-env', 'STAGING_URL']);
    expect(kindsByWebhook(result.report)).toEqual({ 'Moved hook': ['status'], 'Keyed hook': ['blocked'] });
    expect(server.hits('/moved')).toBe(1);
    expect(server.hits('/keyed')).toBe(0);
    expect(result.stdout).toContain(moved());
    expect(result.text).toContain(moved());
    expect(result.stdout + result.text).not.toContain('***/new-place');
    expect(result.stdout + result.stderr + result.text).not.toContain(API_KEY);
  });

  it('without it the origin is a secret: redacted, and every request to it blocked', async () => {
    const result = await runCli([]);
    expect(kindsByWebhook(result.report)).toEqual({ 'Moved hook': ['blocked'], 'Keyed hook': ['blocked'] });
    expect(server.connections()).toBe(0);
    // The host policy's message names the host it refused; the origin itself stays hidden.
    expect(result.stdout + result.stderr + result.text).not.toContain(server.url);
  });

  it('render shows a public origin and still masks the secret header', async () => {
    const result = await runNode([CLI, 'render', '--public-env', 'OTHER,STAGING_URL'], {
      cwd: dir,
      env: { STAGING_URL: server.url, API_KEY, NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`GET ${server.url}/moved`);
    expect(result.stdout).not.toContain(API_KEY);
    const secret = await runNode([CLI, 'render'], {
      cwd: dir,
      env: { STAGING_URL: server.url, API_KEY, NO_COLOR: '1' },
    });
    expect(secret.stdout).toContain('GET ***/moved');
    expect(secret.stdout).not.toContain(server.url);
  });

  it('a value that is also a secret variable stays secret', async () => {
    // SAME_ORIGIN is not public and has the same value: the origin is redacted and the request blocked.
    await writeFile(
      path.join(dir, 'same.yml'),
      CONTRACT.replace('X-Api-Key: "${API_KEY}"', 'X-Origin: "${SAME_ORIGIN}"'),
    );
    const result = await runNode(
      [CLI, 'run', 'same.yml', '--quiet', '--allowed-hosts', ELSEWHERE, '--public-env', 'STAGING_URL'],
      { cwd: dir, env: { STAGING_URL: server.url, SAME_ORIGIN: server.url, NO_COLOR: '1' } },
    );
    expect(result.code).toBe(1);
    expect(server.connections()).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(server.url);
  });

  it('refuses a name that is not a variable name, naming the option, and sends nothing', async () => {
    const result = await runNode([CLI, 'run', '--public-env', '${STAGING_URL}'], {
      cwd: dir,
      env: { STAGING_URL: server.url, API_KEY },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--public-env: "${STAGING_URL}" is not an environment variable name');
    expect(server.connections()).toBe(0);
  });
});

describe('the built action', () => {
  async function runBuiltAction(inputs: Record<string, string>): Promise<ActionRun & { text: string }> {
    const run = await runAction({
      token: TOKEN,
      workspace: dir,
      apiUrl: api.url,
      inputs: {
        comment: 'always',
        'fail-on-failure': 'false',
        'allowed-hosts': ELSEWHERE,
        'report-json': 'action.json',
        ...inputs,
      },
      env: { STAGING_URL: server.url, API_KEY },
    });
    expect(run.stdout).not.toMatch(/internal error/);
    return {
      ...run,
      text: inputs['public-env']?.startsWith('$') ? '' : (await readReport('action.json')).text,
    };
  }

  function commentBody(): string {
    return api
      .comments(PR.owner, PR.repo, PR.number)
      .map((comment) => comment.body)
      .join('\n');
  }

  it('with public-env shows the origin in the report, log, comment and summary, unmasked', async () => {
    const run = await runBuiltAction({ 'public-env': 'STAGING_URL' });
    const { report } = await readReport('action.json');
    expect(kindsByWebhook(report)).toEqual({ 'Moved hook': ['status'], 'Keyed hook': ['blocked'] });
    expect(server.hits('/moved')).toBe(1);
    expect(server.hits('/keyed')).toBe(0);
    expect(run.text).toContain(moved());
    // Markdown breaks the autolink after `http:` (markdown-safe.ts): the host and path read as they are.
    const where = `127.0.0.1:${server.port}/new-place`;
    expect(commentBody()).toContain(where);
    expect(run.summary).toContain(where);
    expect(commentBody() + run.summary).not.toContain('***/new-place');
    expect(run.stdout).toContain(moved());
    // Not handed to the runner's masking either; the secret header's value is.
    const masks = run.commands.filter((command) => command.command === 'add-mask').map((c) => c.message);
    expect(masks.some((mask) => mask.includes(`127.0.0.1:${server.port}`))).toBe(false);
    expect(masks).toContain(API_KEY);
    const output = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(output + run.summary + run.text + commentBody()).not.toContain(API_KEY);
  });

  it('without public-env the origin stays a secret everywhere', async () => {
    const run = await runBuiltAction({});
    const { report } = await readReport('action.json');
    expect(kindsByWebhook(report)).toEqual({ 'Moved hook': ['blocked'], 'Keyed hook': ['blocked'] });
    expect(server.connections()).toBe(0);
    const output = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(output + run.summary + run.text + commentBody()).not.toContain(server.url);
    expect(commentBody() + run.summary).not.toContain(`127.0.0.1:${server.port}/`);
  });

  it('refuses an invalid name, naming the input', async () => {
    const run = await runBuiltAction({ 'public-env': '${STAGING_URL}' });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain(`Input 'public-env': "\${STAGING_URL}" is not an environment variable name`);
    expect(server.connections()).toBe(0);
  });
});
