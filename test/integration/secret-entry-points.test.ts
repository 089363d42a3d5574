/**
 * A secret goes only to an allowed host, wherever it entered the contract (SPEC sections 2 and 5), tried against
 * the built CLI (dist/cli.js) and the built action (dist/index.js) as child processes: each entry point of
 * test/support/secret-entry-points.ts must be `blocked` before any connection when its host is not allowed, and
 * must reach the staging server, secret included, when it is (so a block is the policy, not a broken fixture).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import type { JsonReport } from '../support/json-report.js';
import {
  CONTROL_WEBHOOK,
  ENTRY_SECRET,
  SECRET_WEBHOOKS,
  holdsEntrySecret,
  makeSecretEntryFiles,
  recordSink,
} from '../support/secret-entry-points.js';

const e2e = setUpE2eRun({
  prefix: 'wc-entries-',
  env: { KEY: ENTRY_SECRET, NO_COLOR: '1' },
  contracts: (staging) => makeSecretEntryFiles(staging.url),
});
let sunk: () => string[];
const files = Object.keys(makeSecretEntryFiles('http://127.0.0.1'));

beforeAll(() => {
  sunk = recordSink(e2e.staging);
});

let sinkBefore = 0;
beforeEach(() => {
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
  expect(e2e.staging.connections()).toBe(1);
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
    const result = await e2e.runCli([
      'run',
      ...files,
      '--quiet',
      '--allowed-hosts',
      allowedHosts,
      '--report-json',
      'report.json',
    ]);
    expect(result.stderr).not.toMatch(/internal error/);
    const report = await e2e.readReport('report.json');
    return { report, output: result.stdout + result.stderr };
  }

  it('blocks every secret-bearing request to a host outside --allowed-hosts, whatever its entry point', async () => {
    const { report, output } = await runCli('staging.example.com');
    expectAllBlocked(report, output);
  });

  it('sends each of them, secret included, when the host is allowed', async () => {
    const { report } = await runCli(`127.0.0.1:${e2e.staging.port}`);
    expectAllSent(report);
  });
});

describe('the built action', () => {
  async function runBuiltAction(allowedHosts: string): Promise<{ report: JsonReport; output: string }> {
    // No comment is posted, so no GitHub API call is made: no stand-in, a closed port stands in for the API.
    const result = await e2e.runAction({
      inputs: {
        contracts: files.join('\n'),
        comment: 'never',
        'allowed-hosts': allowedHosts,
        'report-json': 'action-report.json',
      },
    });
    expect(result.stdout).not.toMatch(/internal error/);
    const report = await e2e.readReport('action-report.json');
    // `::add-mask::` lines hand the secret to the runner's masking: that is where it must appear.
    return { report, output: result.log + result.stderr + result.summary };
  }

  it('blocks every secret-bearing request to a host outside allowed-hosts (empty: none)', async () => {
    const { report, output } = await runBuiltAction('');
    expectAllBlocked(report, output);
  });

  it('sends each of them when the host is allowed', async () => {
    const { report } = await runBuiltAction(`127.0.0.1:${e2e.staging.port}`);
    expectAllSent(report);
  });
});
