/**
 * Endpoints that misbehave, through the engine (`runContracts` with the real HTTP adapter): bad bytes, a lying
 * Content-Type, an untrusted certificate, a reset, a slow drip, an endless body. Each must come back as one
 * reported failure with a clear message, and the run must go on: every run ends with a webhook that passes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from '../support/yaml-text.js';

import { createHttpClient } from '../../src/http/http-client.js';
import type { CheckResult, FailureKind, RunReport } from '../../src/judging/check-result.js';
import type { HttpClient, RunSettings } from '../../src/engine/ports.js';
import { makeSelfSignedCert } from '../support/self-signed-cert.js';
import type { SelfSignedCert } from '../support/self-signed-cert.js';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import type { NodeResult } from '../support/run-node.js';
import { findCheck, runEngine } from '../support/run-engine.js';
import { DEFAULT_JSON_BODY, startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const MIB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

let server: StagingServer;
let client: HttpClient;
let tlsServer: Server;
let tlsUrl: string;
let cert: SelfSignedCert;
let dir: string;
const tlsSockets = new Set<Socket>();
let rawServer: NetServer;
let rawUrl: string;
const rawSockets = new Set<Socket>();
/** Bytes the endless route wrote before the client went away. */
let endlessWritten = 0;
let endlessClosed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-faults-'));
  cert = await makeSelfSignedCert(dir);
  server = await startStagingServer();
  client = createHttpClient();

  // A JSON body whose string holds bytes that are not UTF-8: the structure survives, the bytes do not.
  server.route('/bad-utf8-inside', (_request, response) => {
    const body = Buffer.concat([
      Buffer.from('{"data":{"score":42,"tier":"g'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('ld"}}'),
    ]);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    response.end(body);
  });
  // Bytes that are not UTF-8 where JSON's structure should be.
  server.route('/bad-utf8-structure', (_request, response) => {
    const body = Buffer.from([0xff, 0x7b, 0xc0, 0x80, 0x22, 0x7d]);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    response.end(body);
  });
  server.route('/json-as-html', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(DEFAULT_JSON_BODY);
  });
  // Chunked, no length, never ending on its own: stops only when the client goes away.
  server.route('/endless', (request, response) => {
    endlessWritten = 0;
    endlessClosed = new Promise((resolve) => response.once('close', () => resolve()));
    response.writeHead(200, { 'content-type': 'application/json' });
    const pump = (): void => {
      while (!response.destroyed) {
        endlessWritten += CHUNK.length;
        if (!response.write(CHUNK)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    request.socket.setNoDelay(true);
    pump();
  });

  // Writes raw bytes: what no HTTP server library would send.
  rawServer = createNetServer((socket) => {
    rawSockets.add(socket);
    // The client hangs up on what it cannot parse; that reset is expected, not an error of the test.
    socket.on('error', () => undefined);
    socket.once('close', () => rawSockets.delete(socket));
    socket.once('data', (data: Buffer) => {
      const requestLine = data.toString('latin1').split('\r\n')[0] ?? '';
      if (requestLine.includes('/garbage')) {
        socket.end('\u0000\u0001SSH-2.0-OpenSSH_9.6 \r\n\r\n{"data":{"score":42}}');
      } else {
        const filler = `x-filler: ${'f'.repeat(1000)}\r\n`.repeat(100);
        socket.end(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${filler}content-length: 2\r\n\r\n{}`,
        );
      }
    });
  });
  await new Promise<void>((resolve) => rawServer.listen(0, '127.0.0.1', resolve));
  rawUrl = `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`;

  tlsServer = createHttpsServer({ key: cert.key, cert: cert.cert }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(DEFAULT_JSON_BODY);
  });
  tlsServer.on('connection', (socket: Socket) => {
    tlsSockets.add(socket);
    socket.once('close', () => tlsSockets.delete(socket));
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await client.close();
  await server.close();
  for (const socket of tlsSockets) socket.destroy();
  await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  for (const socket of rawSockets) socket.destroy();
  await new Promise<void>((resolve) => rawServer.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => server.resetStats());

type WebhookSpec = Record<string, unknown>;

/** A POST with a JSON body expecting a JSON answer whose `data.score` maps to an integer field. */
function hook(name: string, url: string, overrides: WebhookSpec = {}): WebhookSpec {
  return {
    name,
    url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    template: '{"email": {{lead.Email}}}',
    encoding: 'json',
    responseType: 'json',
    mappings: { 'data.score': 'leadScore' },
    ...overrides,
  };
}

/** The webhook every run ends with: it must pass whatever came before it. */
function passingHook(): WebhookSpec {
  return hook('Still passes', `${server.url}/json`);
}

function contractText(webhooks: readonly WebhookSpec[]): string {
  return stringify({
    version: 1,
    samples: { alice: { lead: { Email: 'alice@example.com' } } },
    fields: { leadScore: 'integer', tier: 'string' },
    webhooks,
  });
}

/** Runs the webhooks one at a time (so "the run goes on" means after the fault), with the real HTTP adapter. */
async function run(
  webhooks: readonly WebhookSpec[],
  overrides: Partial<RunSettings> = {},
  http: HttpClient = client,
): Promise<RunReport> {
  return runEngine([{ file: 'faults.yml', text: contractText(webhooks) }], {
    http,
    settings: { concurrency: 1, ...overrides },
  });
}

/** Exactly one failure, of `kind`, with a message matching `message`; returns the check. */
function expectOneFailure(report: RunReport, name: string, kind: FailureKind, message: RegExp): CheckResult {
  const check = findCheck(report, name);
  expect(check.passed, name).toBe(false);
  expect(
    check.failures.map((failure) => failure.kind),
    name,
  ).toEqual([kind]);
  expect(check.failures[0]?.message, name).toMatch(message);
  return check;
}

function expectLastPassed(report: RunReport): void {
  const last = report.checks.at(-1);
  expect(last?.webhook).toBe('Still passes');
  expect(last?.passed, JSON.stringify(last?.failures)).toBe(true);
  expect(last?.mapped).toEqual({ leadScore: 42 });
}

describe('bodies that are not what they claim', () => {
  it('reads bad UTF-8 inside a string with a warning, and fails bad UTF-8 in the structure as unparseable', async () => {
    const report = await run([
      hook('Bad bytes inside', `${server.url}/bad-utf8-inside`, {
        mappings: { 'data.score': 'leadScore', 'data.tier': 'tier' },
      }),
      hook('Bad bytes structure', `${server.url}/bad-utf8-structure`),
      passingHook(),
    ]);
    const inside = findCheck(report, 'Bad bytes inside');
    expect(inside.passed).toBe(true);
    expect(inside.mapped).toEqual({ leadScore: 42, tier: 'g\uFFFD\uFFFD\uFFFDld' });
    expect(inside.warnings.join('\n')).toMatch(/not valid UTF-8/);
    expectOneFailure(report, 'Bad bytes structure', 'unparseable', /not valid JSON/);
    expectLastPassed(report);
    expect(report.summary).toEqual({ total: 3, passed: 2, failed: 1 });
  });

  it('parses by the declared response type: JSON served as text/html passes, JSON declared as XML fails', async () => {
    const report = await run([
      hook('JSON as HTML', `${server.url}/json-as-html`),
      hook('JSON declared XML', `${server.url}/json`, {
        responseType: 'xml',
        mappings: { 'result.data': 'tier' },
      }),
      passingHook(),
    ]);
    expect(findCheck(report, 'JSON as HTML')).toMatchObject({ passed: true, mapped: { leadScore: 42 } });
    expectOneFailure(report, 'JSON declared XML', 'unparseable', /not valid XML/);
    expectLastPassed(report);
  });
});

describe('TLS with a self-signed certificate', () => {
  it('fails as a network error naming the certificate problem, and the run goes on', async () => {
    const report = await run([hook('Self-signed', `${tlsUrl}/score`), passingHook()]);
    const check = expectOneFailure(
      report,
      'Self-signed',
      'network',
      /TLS failure with 127\.0\.0\.1:\d+: .*self-signed certificate/i,
    );
    expect(check.errorType).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(check.status).toBeNull();
    expectLastPassed(report);
  });

  it('passes when the certificate is given as a CA to createHttpClient', async () => {
    const trusting = createHttpClient({ ca: cert.cert });
    try {
      const report = await run([hook('Self-signed', `${tlsUrl}/score`), passingHook()], {}, trusting);
      expect(findCheck(report, 'Self-signed')).toMatchObject({ passed: true, mapped: { leadScore: 42 } });
      expectLastPassed(report);
    } finally {
      await trusting.close();
    }
  });

  it('passes through the CLI only when NODE_EXTRA_CA_CERTS names the certificate', async () => {
    // `npm test` bundles first; build here only when this file is run on its own from a clean checkout.
    await ensureBundle();
    await writeFile(path.join(dir, 'tls.yml'), contractText([hook('Self-signed', `${tlsUrl}/score`)]));
    const untrusted = await runNodeHere([CLI, 'run', '--quiet', '--no-color', 'tls.yml'], {});
    expect(untrusted.code, untrusted.stderr).toBe(1);
    expect(untrusted.stdout).toMatch(/self-signed certificate/i);
    const trusted = await runNodeHere([CLI, 'run', '--quiet', '--no-color', 'tls.yml'], {
      NODE_EXTRA_CA_CERTS: cert.certPath,
    });
    expect(trusted.code, trusted.stdout + trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain('1 check: 1 passed, 0 failed');
  });

  it('passes through the CLI with --ca-file, and a file holding no certificate is an input error', async () => {
    await ensureBundle();
    await writeFile(path.join(dir, 'tls.yml'), contractText([hook('Self-signed', `${tlsUrl}/score`)]));
    const trusted = await runNodeHere(
      [CLI, 'run', '--quiet', '--no-color', '--ca-file', cert.certPath, 'tls.yml'],
      {},
    );
    expect(trusted.code, trusted.stdout + trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain('1 check: 1 passed, 0 failed');

    const notPem = await runNodeHere([CLI, 'run', '--quiet', '--ca-file', 'tls.yml', 'tls.yml'], {});
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain('--ca-file: tls.yml holds no PEM certificate');
    expect(notPem.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('responses that are not HTTP, or too much of it', () => {
  it('garbage instead of a status line, and 100 KiB of headers: one network failure each', async () => {
    const report = await run([
      hook('Garbage', `${rawUrl}/garbage`),
      hook('Huge headers', `${rawUrl}/huge-headers`),
      passingHook(),
    ]);
    const garbage = expectOneFailure(report, 'Garbage', 'network', /127\.0\.0\.1:\d+/);
    // undici's parser error sometimes has an HPE_ code and sometimes none; never the uninformative UNKNOWN.
    expect(garbage.errorType).toMatch(/^(HPE_|HTTPParserError$)/);
    expect(garbage.failures[0]?.message).toMatch(/does not match the HTTP\/1\.1 protocol/);
    const huge = expectOneFailure(report, 'Huge headers', 'network', /127\.0\.0\.1:\d+/);
    expect(huge.errorType).toMatch(/HEADERS_OVERFLOW|HPE_HEADER_OVERFLOW/);
    expectLastPassed(report);
  });
});

describe('connections that break or never end', () => {
  it('a reset mid-body, a slow drip past the timeout: one failure each, and the run goes on', async () => {
    const report = await run([
      hook('Reset', `${server.url}/reset`),
      hook('Drip', `${server.url}/drip?chunks=100&interval=50`, { timeout: '300ms' }),
      passingHook(),
    ]);
    const reset = expectOneFailure(
      report,
      'Reset',
      'network',
      /127\.0\.0\.1:\d+ (reset|closed) the connection/,
    );
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(reset.errorType);
    expectOneFailure(report, 'Drip', 'timeout', /300\s?ms/);
    expectLastPassed(report);
    expect(report.summary).toEqual({ total: 3, passed: 1, failed: 2 });
  });

  it('an endless chunked body: too-large at the cap, memory bounded, the connection dropped', async () => {
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    let report: RunReport;
    try {
      report = await run([hook('Endless', `${server.url}/endless`, { timeout: '20s' }), passingHook()]);
    } finally {
      clearInterval(sampler);
    }
    await endlessClosed;
    expectOneFailure(report, 'Endless', 'too-large', /1 ?MiB|1048576/);
    expectLastPassed(report);
    // The client stopped reading at 1 MiB and hung up: the server got rid of a few socket buffers' worth at most.
    expect(endlessWritten).toBeLessThan(64 * MIB);
    expect(peak - before).toBeLessThan(64 * MIB);
  });
});

/** Runs node in the temp directory with a scrubbed environment (no proxies, no colours) plus `env`. */
function runNodeHere(args: readonly string[], env: Record<string, string>): Promise<NodeResult> {
  return runNode(args, { cwd: dir, env: { NO_COLOR: '1', ...env } });
}
