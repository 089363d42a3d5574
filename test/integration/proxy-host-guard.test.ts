/**
 * A hostname that resolves to a link-local or metadata address is refused before any connection, also through
 * HTTP_PROXY: the name is resolved and checked before the proxy hears of it (the proxy would resolve it itself,
 * out of the guard's sight). Tried against the built CLI and the built action, with names given addresses by a
 * preloaded stand-in DNS (test/support/stand-in-hosts.ts) that also keeps those processes on loopback, and a real
 * CONNECT proxy on 127.0.0.1 that records every tunnel asked of it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHttpClient } from '../../src/http/http-client.js';
import type { ResolveAll } from '../../src/http/guarded-lookup.js';
import { setUpE2eRun } from '../support/e2e-run.js';
import type { JsonCheck } from '../support/json-report.js';
import { ROOT } from '../support/run-node.js';
import type { StagingServer } from '../support/staging-server.js';
import { startTunnelProxy } from '../support/tunnel-proxy.js';
import type { TunnelProxy } from '../support/tunnel-proxy.js';

const ZONE: Readonly<Record<string, readonly string[]>> = {
  'meta.test': ['169.254.169.254'],
  'meta6.test': ['fd00:ec2::254'],
  'mapped.test': ['::ffff:169.254.169.254'],
  'nat64.test': ['64:ff9b::a9fe:a9fe'],
  'alibaba.test': ['100.100.100.200'],
  'staging.test': ['127.0.0.1'],
};

/** Webhook name -> host (and what the check must say). */
const REFUSED = [
  ['Metadata by name', 'meta.test', '169.254.169.254'],
  ['IPv6 metadata by name', 'meta6.test', 'fd00:ec2::254'],
  ['Mapped metadata by name', 'mapped.test', '::ffff:169.254.169.254'],
  ['NAT64 metadata by name', 'nat64.test', '64:ff9b::a9fe:a9fe'],
  ['Alibaba metadata by name', 'alibaba.test', '100.100.100.200'],
] as const;

/** Metadata and link-local addresses spelled as a URL may spell them. */
const LITERAL_URLS = [
  'http://169.254.169.254/latest/meta-data/',
  'http://169.254.43518/',
  'http://2852039166/',
  'http://0xA9FEA9FE/',
  'http://0251.0376.0251.0376/',
  'http://169.254.169.254./',
  'http://%31%36%39.254.169.254/',
  'http://\uff11\uff16\uff19\uff0e\uff12\uff15\uff14\uff0e\uff11\uff16\uff19\uff0e\uff12\uff15\uff14/',
  'http://100.100.100.200/latest/meta-data/',
  'http://[fe80::1]/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://[::ffff:0:a9fe:a9fe]/',
  'http://[::a9fe:a9fe]/',
  'http://[64:ff9b::169.254.169.254]/',
  'http://[2002:a9fe:a9fe::]/',
  'http://[0:0:0:0:0:ffff:a9fe:a9fe]:80/',
] as const;

const e2e = setUpE2eRun({
  prefix: 'wc-proxy-guard-',
  env: { ...standInEnv(), NO_COLOR: '1' },
  contracts: (staging) => ({
    'webhook-contracts.yml': makeNamesContract(staging),
    'literals.yml': makeLiteralsContract(),
  }),
});
let proxy: TunnelProxy;

beforeAll(async () => {
  proxy = await startTunnelProxy({ hosts: { 'staging.test': '127.0.0.1' } });
});

afterAll(async () => {
  await proxy.close();
});

function makeNamesContract(staging: StagingServer): string {
  const hooks = [
    ...REFUSED.map(([name, host]) => `  - name: ${name}\n    url: 'http://${host}/latest/meta-data/'\n`),
    '  - name: Unresolvable name\n    url: "http://nowhere.test/"\n',
    `  - name: Staging by name\n    url: 'http://staging.test:${staging.port}/json'\n`,
  ];
  return `version: 1\nwebhooks:\n${hooks.join('')}`;
}

function makeLiteralsContract(): string {
  const literals = LITERAL_URLS.map(
    (url, index) => `  - name: Literal ${index}\n    url: ${JSON.stringify(url)}\n`,
  );
  return `version: 1\nwebhooks:\n${literals.join('')}`;
}

/** The environment that makes a child process resolve names from ZONE, and stay on loopback. */
function standInEnv(): Record<string, string> {
  const preload = pathToFileURL(path.join(ROOT, 'test', 'support', 'stand-in-hosts.ts')).href;
  return { NODE_OPTIONS: `--import=${preload}`, WC_STAND_IN_HOSTS: JSON.stringify(ZONE) };
}

function expectRefusedByName(checks: readonly JsonCheck[]): void {
  const byName = new Map(checks.map((check) => [check.webhook, check]));
  for (const [name, host, address] of REFUSED) {
    const check = byName.get(name);
    expect(
      check?.failures.map((failure) => failure.kind),
      name,
    ).toEqual(['blocked']);
    expect(check?.failures[0]?.message, name).toContain(
      `${host} resolves to ${address}, a link-local or cloud metadata address, which is never called`,
    );
  }
  expect(byName.get('Unresolvable name')?.errorType).toBe('ENOTFOUND');
  expect(byName.get('Staging by name')?.passed).toBe(true);
}

describe.each([
  ['through HTTP_PROXY', true],
  ['without a proxy', false],
])('%s', (_label, proxied) => {
  const proxyEnv = (): Record<string, string> => (proxied ? { HTTP_PROXY: proxy.url } : {});

  it('the built CLI refuses names that resolve to metadata addresses; only staging is tunnelled', async () => {
    const before = proxy.tunnels().length;
    const result = await e2e.runCli(['run', '--quiet', '--report-json', 'cli.json'], { env: proxyEnv() });
    expect(result.code, result.stderr).toBe(1);
    const report = await e2e.readReport('cli.json');
    expectRefusedByName(report.checks);
    expect(proxy.tunnels().slice(before)).toEqual(proxied ? [`staging.test:${e2e.staging.port}`] : []);
  });

  it('the built action does the same', async () => {
    const before = proxy.tunnels().length;
    const result = await e2e.runAction({
      inputs: { comment: 'never', 'report-json': 'action.json' },
      env: proxyEnv(),
    });
    expect(result.exitCode, result.stdout).toBe(1);
    const report = await e2e.readReport('action.json');
    expectRefusedByName(report.checks);
    expect(proxy.tunnels().slice(before)).toEqual(proxied ? [`staging.test:${e2e.staging.port}`] : []);
  });
});

describe('metadata and link-local IP literals in every spelling', () => {
  function expectAllBlocked(checks: readonly JsonCheck[]): void {
    expect(checks).toHaveLength(LITERAL_URLS.length);
    for (const check of checks) {
      expect(
        check.failures.map((failure) => failure.kind),
        check.webhook,
      ).toEqual(['blocked']);
      expect(check.failures[0]?.message, check.webhook).toMatch(/link-local or cloud metadata address/);
    }
  }

  it('are blocked before any connection by the built CLI, with any host allowed', async () => {
    const result = await e2e.runCli(['run', 'literals.yml', '--quiet', '--report-json', 'literals-cli.json']);
    expect(result.code, result.stderr).toBe(1);
    const report = await e2e.readReport('literals-cli.json');
    expectAllBlocked(report.checks);
  });

  it('are blocked by the built action even when allowed-hosts lists them', async () => {
    const result = await e2e.runAction({
      inputs: {
        contracts: 'literals.yml',
        comment: 'never',
        'allowed-hosts': '169.254.169.254, [fd00:ec2::254], 100.100.100.200',
        'report-json': 'literals-action.json',
      },
    });
    expect(result.exitCode, result.stdout).toBe(1);
    const report = await e2e.readReport('literals-action.json');
    expectAllBlocked(report.checks);
  });
});

describe('the HTTP adapter behind a proxy', () => {
  const resolveAll: ResolveAll = (hostname, _options, callback) => {
    const addresses = ZONE[hostname] ?? [];
    if (addresses.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, []);
      return;
    }
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

  it('resolves and checks the name before handing the call to the proxy', async () => {
    const client = createHttpClient({ resolveAll, env: { HTTP_PROXY: proxy.url } });
    const before = proxy.tunnels().length;
    try {
      const send = (url: string) =>
        client.send(
          { method: 'GET', url, headers: {}, warnings: [] },
          { timeoutMs: 10_000, maxBodyBytes: 1024 },
        );
      const blocked = await send('http://meta.test/latest/meta-data/');
      expect(blocked).toMatchObject({
        kind: 'blocked',
        message:
          'meta.test resolves to 169.254.169.254, a link-local or cloud metadata address, which is never called',
      });
      const unknown = await send('http://nowhere.test/');
      expect(unknown).toMatchObject({ kind: 'network', code: 'ENOTFOUND' });
      const passed = await send(`http://staging.test:${e2e.staging.port}/json`);
      expect(passed).toMatchObject({ kind: 'response', status: 200 });
      expect(proxy.tunnels().slice(before)).toEqual([`staging.test:${e2e.staging.port}`]);
    } finally {
      await client.close();
    }
  });
});
