import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGuardedLookup } from '../../src/http/guarded-lookup.js';
import { createHttpClient } from '../../src/http/http-client.js';
import type { CallOutcome } from '../../src/judging/call-outcome.js';
import type { HttpClient } from '../../src/engine/ports.js';
import type { RenderedRequest } from '../../src/requests/rendered-request.js';
import { findClosedPort } from '../support/find-closed-port.js';
import { DEFAULT_JSON_BODY, startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';
import { startTunnelProxy } from '../support/tunnel-proxy.js';

const MIB = 1024 * 1024;
const SEND = { timeoutMs: 5_000, maxBodyBytes: MIB };

let server: StagingServer;
let client: HttpClient;

beforeAll(async () => {
  server = await startStagingServer();
  client = createHttpClient();
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => server.resetStats());

function get(path: string, overrides: Partial<RenderedRequest> = {}): RenderedRequest {
  return { method: 'GET', url: `${server.url}${path}`, headers: {}, warnings: [], ...overrides };
}

function expectKind<K extends CallOutcome['kind']>(
  outcome: CallOutcome,
  kind: K,
): Extract<CallOutcome, { kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<CallOutcome, { kind: K }>;
}

function text(body: Uint8Array): string {
  return Buffer.from(body).toString('utf8');
}

describe('createHttpClient', () => {
  it('returns status, reason phrase, lower-cased headers, body and latency', async () => {
    const outcome = expectKind(await client.send(get('/json'), SEND), 'response');
    expect(outcome.status).toBe(200);
    expect(outcome.statusText).toBe('OK');
    expect(outcome.headers['content-type']).toBe('application/json');
    expect(text(outcome.body)).toBe(DEFAULT_JSON_BODY);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcome.attempts).toBe(1);
  });

  it('captures a custom reason phrase, the way Marketo shows Error Type', async () => {
    const outcome = expectKind(
      await client.send(get('/status/500?reason=Database%20Down'), SEND),
      'response',
    );
    expect(outcome.status).toBe(500);
    expect(outcome.statusText).toBe('Database Down');
  });

  it('reads an empty body as zero bytes', async () => {
    const outcome = expectKind(await client.send(get('/empty'), SEND), 'response');
    expect(outcome.body.byteLength).toBe(0);
  });

  it('sends method, headers and body exactly as given', async () => {
    const request = get('/echo?x=1', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'k-123' },
      body: '{"email":"a@example.com"}',
    });
    const outcome = expectKind(await client.send(request, SEND), 'response');
    const echo = JSON.parse(text(outcome.body)) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echo.method).toBe('PATCH');
    expect(echo.url).toBe('/echo?x=1');
    expect(echo.headers['content-type']).toBe('application/json');
    expect(echo.headers['x-api-key']).toBe('k-123');
    expect(echo.body).toBe('{"email":"a@example.com"}');
  });

  it('does not follow a redirect and reports its Location', async () => {
    const outcome = expectKind(await client.send(get('/redirect?to=/target'), SEND), 'response');
    expect(outcome.status).toBe(302);
    expect(outcome.headers.location).toBe('/target');
    expect(server.hits('/redirect')).toBe(1);
    expect(server.hits('/target')).toBe(0);
  });

  it('times out a server that never answers', async () => {
    const outcome = expectKind(await client.send(get('/stall'), { ...SEND, timeoutMs: 300 }), 'timeout');
    expect(outcome.timeoutMs).toBe(300);
  });

  it('times out a body that stalls after the headers', async () => {
    expectKind(await client.send(get('/stall-body'), { ...SEND, timeoutMs: 300 }), 'timeout');
  });

  it('counts the body in the timeout: a slow drip that outlasts it is a timeout', async () => {
    expectKind(await client.send(get('/drip?chunks=20&interval=50'), { ...SEND, timeoutMs: 300 }), 'timeout');
  });

  it('reads a slow drip that finishes within the timeout', async () => {
    const outcome = expectKind(await client.send(get('/drip?chunks=3&interval=20'), SEND), 'response');
    expect(JSON.parse(text(outcome.body))).toMatchObject({ data: { score: 42 } });
  });

  it('stops reading at the size cap and keeps memory bounded for a 64 MiB body', async () => {
    const before = process.memoryUsage().rss;
    const outcome = expectKind(await client.send(get('/big?mib=64'), SEND), 'too-large');
    const growth = process.memoryUsage().rss - before;
    expect(outcome.status).toBe(200);
    expect(outcome.limitBytes).toBe(MIB);
    expect(growth).toBeLessThan(32 * MIB);
  });

  it('refuses a body whose Content-Length is over the cap', async () => {
    const outcome = expectKind(await client.send(get('/json'), { ...SEND, maxBodyBytes: 10 }), 'too-large');
    expect(outcome.statusText).toBe('OK');
  });

  it('accepts a body exactly at the cap', async () => {
    const size = Buffer.byteLength(DEFAULT_JSON_BODY);
    expectKind(await client.send(get('/json'), { ...SEND, maxBodyBytes: size }), 'response');
  });

  it('reports a connection reset mid-body as a network error', async () => {
    const outcome = expectKind(await client.send(get('/reset'), SEND), 'network');
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(outcome.code);
    expect(outcome.message).toContain('127.0.0.1');
  });

  it('reports a refused connection as ECONNREFUSED with a readable message', async () => {
    const closedPort = await findClosedPort();
    const outcome = expectKind(
      await client.send(
        { method: 'GET', url: `http://127.0.0.1:${closedPort}/`, headers: {}, warnings: [] },
        SEND,
      ),
      'network',
    );
    expect(outcome.code).toBe('ECONNREFUSED');
    expect(outcome.message).toBe(`connection refused by 127.0.0.1:${closedPort}`);
  });

  it('reports an unparseable URL as a network error instead of throwing', async () => {
    const outcome = expectKind(
      await client.send({ method: 'GET', url: 'not a url', headers: {}, warnings: [] }, SEND),
      'network',
    );
    expect(outcome.code).toBe('ERR_INVALID_URL');
  });

  it('reports a TLS failure (a plain-HTTP server spoken to over https) as a network error', async () => {
    const outcome = expectKind(
      await client.send(get('/json', { url: `https://127.0.0.1:${server.port}/json` }), SEND),
      'network',
    );
    expect(outcome.code).not.toBe('UNKNOWN');
  });

  it('reuses one keep-alive connection for sequential calls to the same origin', async () => {
    const own = createHttpClient();
    for (let call = 0; call < 10; call += 1) expectKind(await own.send(get('/json'), SEND), 'response');
    await own.close();
    expect(server.hits('/json')).toBe(10);
    // undici checks an idle socket for an event-loop turn before reusing it, so a second connection may open.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('ends a call still in flight when closed, and does not wait for it', async () => {
    const own = createHttpClient();
    const pending = own.send(get('/stall'), { ...SEND, timeoutMs: 20_000 });
    await waitFor(() => server.hits('/stall') === 1);
    await own.close();
    expect(expectKind(await pending, 'network').code).toBe('UND_ERR_DESTROYED');
  });

  it('closes its dispatcher so later calls fail instead of hanging', async () => {
    const own = createHttpClient();
    expectKind(await own.send(get('/json'), SEND), 'response');
    await own.close();
    const outcome = expectKind(await own.send(get('/json'), SEND), 'network');
    expect(outcome.code).toBe('UND_ERR_DESTROYED');
  });
});

describe('createHttpClient behind a proxy', () => {
  const saved = { HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'] };
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('goes through HTTP_PROXY, and around it for hosts in NO_PROXY', async () => {
    const proxy = await startTunnelProxy();
    try {
      process.env['HTTP_PROXY'] = proxy.url;
      delete process.env['NO_PROXY'];
      const proxied = createHttpClient();
      expectKind(await proxied.send(get('/json'), SEND), 'response');
      await proxied.close();
      expect(proxy.tunnels()).toEqual([`127.0.0.1:${server.port}`]);

      process.env['NO_PROXY'] = '127.0.0.1';
      const direct = createHttpClient();
      expectKind(await direct.send(get('/json'), SEND), 'response');
      await direct.close();
      expect(proxy.tunnels()).toHaveLength(1);
      expect(server.hits('/json')).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('blames the proxy, not the target, when the proxy refuses the connection', async () => {
    const closedPort = await findClosedPort();
    process.env['HTTP_PROXY'] = `http://user:proxy-password@127.0.0.1:${closedPort}`;
    delete process.env['NO_PROXY'];
    const proxied = createHttpClient();
    try {
      const outcome = expectKind(await proxied.send(get('/json'), SEND), 'network');
      expect(outcome.message).toBe(
        `connection refused by the proxy (HTTP_PROXY/HTTPS_PROXY) on the way to 127.0.0.1:${server.port}`,
      );
      expect(outcome.message).not.toContain('proxy-password');
      expect(outcome.message).not.toContain(String(closedPort));
    } finally {
      await proxied.close();
    }
  });

  it('keeps the whole-call timeout through the proxy', async () => {
    const proxy = await startTunnelProxy();
    try {
      process.env['HTTP_PROXY'] = proxy.url;
      delete process.env['NO_PROXY'];
      const proxied = createHttpClient();
      expectKind(await proxied.send(get('/stall'), { ...SEND, timeoutMs: 300 }), 'timeout');
      await proxied.close();
    } finally {
      await proxy.close();
    }
  });
});

describe('createGuardedLookup', () => {
  const lookupWith = (addresses: string[]) =>
    createGuardedLookup((_hostname, _options, callback) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      ),
    );

  it('refuses a hostname that resolves to the metadata address', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookupWith(['169.254.169.254'])('evil.example', {}, (err) => resolve(err)),
    );
    expect(error?.code).toBe('EHOSTBLOCKED');
    expect(error?.message).toContain('169.254.169.254');
  });

  it('refuses when any resolved address is link-local', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookupWith(['127.0.0.1', 'fe80::1'])('evil.example', { all: true }, (err) => resolve(err)),
    );
    expect(error?.code).toBe('EHOSTBLOCKED');
  });

  it('passes ordinary addresses through, in both lookup forms', async () => {
    const single = await new Promise<unknown>((resolve) =>
      lookupWith(['127.0.0.1'])('ok.example', {}, (_err, address) => resolve(address)),
    );
    expect(single).toBe('127.0.0.1');
    const all = await new Promise<unknown>((resolve) =>
      lookupWith(['127.0.0.1', '::1'])('ok.example', { all: true }, (_err, addresses) => resolve(addresses)),
    );
    expect(all).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
