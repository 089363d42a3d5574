/**
 * A message that names a request's host shows no part of a secret (src/requests/describe-host.ts), tried against
 * the built CLI (dist/cli.js: console, JSON, JUnit, `render`) and the built action (dist/index.js: log,
 * annotations, job summary, sticky comment) as child processes. The secrets are whole URLs or the start of one,
 * as `${STAGING_URL}` usually is, so the whole-value redaction alone would leave the host and port in a `blocked`
 * or `network` message.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import { findClosedPort } from '../support/find-closed-port.js';
import type { JsonReport } from '../support/json-report.js';
import { parseJsonReport } from '../support/json-report.js';
import { stringify } from '../support/yaml-text.js';

const TOKEN = 'ghs_secretHostMessages0123456789';
const KEY = 'Zq81xWv0PpKey';

let closedPort: number;
let env: Record<string, string>;

const WEBHOOKS = {
  whole: 'Whole URL from a secret',
  refused: 'Refused, URL from a secret',
  straddle: 'Secret ends inside the host',
  redirect: 'Redirects to its own host',
} as const;

const e2e = setUpE2eRun({
  prefix: 'wc-secret-hosts-',
  token: TOKEN,
  routes: (staging) => {
    staging.route('/hook', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    // A service that names its own host and port, and the path, as any redirect or 404 page does.
    staging.route('/moved', (request, response) => {
      response.writeHead(302, { location: `${staging.url}/login`, 'content-type': 'text/plain' });
      response.end(`Moved: ${staging.url}/login (you asked for ${request.url ?? ''})`);
    });
  },
});

beforeAll(async () => {
  closedPort = await findClosedPort();
  env = {
    STAGING_URL: `${e2e.staging.url}/hook?key=${KEY}`,
    CLOSED_URL: `http://127.0.0.1:${closedPort}/hook?key=${KEY}`,
    // Ends in the middle of the host: the rest is written in the contract.
    HOST_START: 'http://0x7f.0',
    REDIRECT_URL: `${e2e.staging.url}/moved?key=${KEY}`,
  };
  const contract = {
    version: 1,
    samples: { alice: { lead: { Id: '1' } } },
    webhooks: [
      { name: WEBHOOKS.whole, url: '${STAGING_URL}', method: 'POST' },
      { name: WEBHOOKS.refused, url: '${CLOSED_URL}', method: 'POST' },
      { name: WEBHOOKS.straddle, url: `\${HOST_START}.0.1:${closedPort}/x`, method: 'POST' },
      { name: WEBHOOKS.redirect, url: '${REDIRECT_URL}', method: 'POST' },
    ],
  };
  await e2e.writeFile('webhook-contracts.yml', stringify(contract));
});

/** No part of the hosts the secrets name: not the address, not its start, not either port. */
function expectNoSecretHost(text: string): void {
  expect(text).not.toContain('127.0.0');
  expect(text).not.toContain('0x7f');
  expect(text).not.toContain(String(e2e.staging.port));
  expect(text).not.toContain(String(closedPort));
  expect(text).not.toContain(KEY);
}

function messagesByWebhook(report: JsonReport): Record<string, string[]> {
  return Object.fromEntries(
    report.checks.map((check) => [check.webhook, check.failures.map((f) => `${f.kind}: ${f.message}`)]),
  );
}

describe('the built CLI', () => {
  async function runCli(args: readonly string[]): Promise<{ text: string; report: JsonReport }> {
    const result = await e2e.runCli(
      ['run', '--report-json', 'report.json', '--report-junit', 'report.xml', ...args],
      { env: { ...env, NO_COLOR: '1' } },
    );
    expect(result.code, result.stderr).toBe(1);
    const json = await e2e.readFile('report.json');
    const junit = await e2e.readFile('report.xml');
    return { text: result.stdout + result.stderr + json + junit, report: parseJsonReport(json) };
  }

  it('names the variable in a blocked message, never the host or port it holds', async () => {
    const { text, report } = await runCli(['--allowed-hosts', 'api.example.com']);
    const notAllowed = (name: string): string =>
      `blocked: the request carries a secret and the host read from \${${name}} is not in allowed-hosts (api.example.com)`;
    expect(messagesByWebhook(report)).toEqual({
      [WEBHOOKS.whole]: [notAllowed('STAGING_URL')],
      [WEBHOOKS.refused]: [notAllowed('CLOSED_URL')],
      [WEBHOOKS.straddle]: [notAllowed('HOST_START')],
      [WEBHOOKS.redirect]: [notAllowed('REDIRECT_URL')],
    });
    expectNoSecretHost(text);
    expect(e2e.staging.hits('/hook')).toBe(0);
  });

  it('names the variable in a network failure, never the host or port it holds', async () => {
    const { text, report } = await runCli([]);
    expect(messagesByWebhook(report)).toEqual({
      [WEBHOOKS.whole]: [],
      [WEBHOOKS.refused]: ['network: ECONNREFUSED: connection refused by the host read from ${CLOSED_URL}'],
      [WEBHOOKS.straddle]: ['network: ECONNREFUSED: connection refused by the host read from ${HOST_START}'],
      // The service's own words name the host: each part of a URL secret is masked where it is echoed.
      [WEBHOOKS.redirect]: [
        'status: got 302 Found, expected 2xx: redirects are not followed (Location: http://***/login)',
      ],
    });
    expect(text).toContain('"location": "http://***/login"');
    expect(text).toContain('Moved: http://***/login (you asked for ***)');
    expectNoSecretHost(text);
  });

  it('render masks each secret whole and shows only what the contract wrote', async () => {
    const result = await e2e.runCli(['render'], { env: { ...env, NO_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('POST ***\n');
    expect(result.stdout).toContain(`POST ***.0.1:${closedPort}/x\n`);
    expect(result.stdout).not.toContain('127.0.0');
    expect(result.stdout).not.toContain('0x7f');
    expect(result.stdout).not.toContain(KEY);
  });
});

describe('the built action', () => {
  async function runBuiltAction(allowedHosts: string): Promise<{ text: string; report: JsonReport }> {
    const result = await e2e.runAction({
      inputs: { comment: 'always', 'allowed-hosts': allowedHosts, 'report-json': 'action-report.json' },
      env,
    });
    expect(result.exitCode, result.stderr).toBe(1);
    // `::add-mask::` lines hand the secrets to the runner's masking: that is where they must appear.
    const annotations = result.commands
      .filter((command) => command.command !== 'add-mask')
      .map((command) => `${command.message} ${JSON.stringify(command.properties)}`);
    const comments = e2e.comments().map((comment) => comment.body);
    expect(comments).toHaveLength(1);
    const json = await e2e.readFile('action-report.json');
    return {
      text: [result.log, result.stderr, result.summary, ...annotations, ...comments, json].join('\n'),
      report: parseJsonReport(json),
    };
  }

  it('names the variable in blocked messages (allowed-hosts empty), in every report', async () => {
    const { text, report } = await runBuiltAction('');
    for (const messages of Object.values(messagesByWebhook(report))) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(
        /^blocked: the request carries a secret and the host read from \$\{[A-Z_]+\} is/,
      );
    }
    expect(text).toContain('the host read from ${CLOSED_URL}');
    expectNoSecretHost(text);
  });

  it('names the variable in network failures, in every report', async () => {
    const { text, report } = await runBuiltAction('127.0.0.1');
    const messages = messagesByWebhook(report);
    expect(messages[WEBHOOKS.refused]).toEqual([
      'network: ECONNREFUSED: connection refused by the host read from ${CLOSED_URL}',
    ]);
    expect(messages[WEBHOOKS.redirect]?.[0]).toMatch(/\(Location: http:\/\/\*\*\*\/login\)$/);
    // The allowed-hosts input is the workflow's own text, shown in no message of this run.
    expectNoSecretHost(text);
  });
});
