/**
 * A secret goes only to an allowed host, wherever it entered the contract (SPEC sections 2 and 5), tried against
 * the built CLI (dist/cli.js) and the built action (dist/index.js) as child processes: each entry point of
 * test/support/secret-entry-points.ts must be `blocked` before any connection when its host is not allowed, and
 * must reach the staging server, secret included, when it is (so a block is the policy, not a broken fixture).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { runAction } from '../support/run-action.js';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import {
  CONTROL_WEBHOOK,
  ENTRY_SECRET,
  SECRET_WEBHOOKS,
  holdsEntrySecret,
  makeSecretEntryFiles,
  recordSink,
} from '../support/secret-entry-points.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

/** The part of the JSON report (schema/report.schema.json) these tests read. */
interface JsonReport {
  readonly checks: readonly {
    readonly webhook: string;
    readonly failures: readonly { readonly kind: string }[];
  }[];
}

let server: StagingServer;
let dir: string;
let sunk: () => string[];
let files: string[];

beforeAll(async () => {
  await ensureBundle();
  server = await startStagingServer();
  sunk = recordSink(server);
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-entries-'));
  const contracts = makeSecretEntryFiles(server.url);
  files = Object.keys(contracts);
  for (const [name, text] of Object.entries(contracts)) await writeFile(path.join(dir, name), text);
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

let sinkBefore = 0;
beforeEach(() => {
  server.resetStats();
  sinkBefore = sunk().length;
});

/** Each check's webhook -> its failure kinds. */
function kindsByWebhook(report: JsonReport): Map<string, string[]> {
  return new Map(
    report.checks.map((check) => [check.webhook, check.failures.map((failure) => failure.kind)]),
  );
}

function expectAllBlocked(report: JsonReport, output: string): void {
  const kinds = kindsByWebhook(report);
  for (const name of SECRET_WEBHOOKS) expect(kinds.get(name), name).toEqual(['blocked']);
  expect(kinds.get(CONTROL_WEBHOOK)).toEqual([]);
  // Only the control reached the server: one connection, one request, and it holds no secret.
  expect(server.connections()).toBe(1);
  const received = sunk().slice(sinkBefore);
  expect(received).toHaveLength(1);
  expect(holdsEntrySecret(received[0] ?? '')).toBe(false);
  expect(output).not.toContain(ENTRY_SECRET);
}

function expectAllSent(report: JsonReport): void {
  const kinds = kindsByWebhook(report);
  for (const name of [...SECRET_WEBHOOKS, CONTROL_WEBHOOK]) expect(kinds.get(name), name).toEqual([]);
  const received = sunk().slice(sinkBefore);
  expect(received).toHaveLength(SECRET_WEBHOOKS.length + 1);
  // Every secret webhook really carried the secret: the fixture tests what it claims to.
  expect(received.filter((text) => holdsEntrySecret(text))).toHaveLength(SECRET_WEBHOOKS.length);
}

describe('the built CLI', () => {
  async function runCli(allowedHosts: string): Promise<{ report: JsonReport; output: string }> {
    const result = await runNode(
      [CLI, 'run', ...files, '--quiet', '--allowed-hosts', allowedHosts, '--report-json', 'report.json'],
      { cwd: dir, env: { KEY: ENTRY_SECRET, NO_COLOR: '1' } },
    );
    expect(result.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as JsonReport;
    return { report, output: result.stdout + result.stderr };
  }

  it('blocks every secret-bearing request to a host outside --allowed-hosts, whatever its entry point', async () => {
    const { report, output } = await runCli('staging.example.com');
    expectAllBlocked(report, output);
  });

  it('sends each of them, secret included, when the host is allowed', async () => {
    const { report } = await runCli(`127.0.0.1:${server.port}`);
    expectAllSent(report);
  });
});

describe('the built action', () => {
  async function runBuiltAction(allowedHosts: string): Promise<{ report: JsonReport; output: string }> {
    const result = await runAction({
      token: 'ghs_entryPointsToken0123456789',
      workspace: dir,
      // No comment is posted, so no GitHub API call is made: a closed port stands in for the API.
      apiUrl: 'http://127.0.0.1:9',
      inputs: {
        contracts: files.join('\n'),
        comment: 'never',
        'allowed-hosts': allowedHosts,
        'report-json': 'action-report.json',
      },
      env: { KEY: ENTRY_SECRET },
    });
    expect(result.stdout).not.toMatch(/internal error/);
    const report = JSON.parse(await readFile(path.join(dir, 'action-report.json'), 'utf8')) as JsonReport;
    // `::add-mask::` lines hand the secret to the runner's masking: that is where it must appear.
    const stdout = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    return { report, output: stdout + result.stderr + result.summary };
  }

  it('blocks every secret-bearing request to a host outside allowed-hosts (empty: none)', async () => {
    const { report, output } = await runBuiltAction('');
    expectAllBlocked(report, output);
  });

  it('sends each of them when the host is allowed', async () => {
    const { report } = await runBuiltAction(`127.0.0.1:${server.port}`);
    expectAllSent(report);
  });
});
