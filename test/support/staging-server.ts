/**
 * A staging server on 127.0.0.1 with the routes the HTTP adapter and the engine are tested against.
 *
 * Built-in routes (any method; query parameters tune them):
 * - `/json?body=…&status=200` JSON (default `{"data":{"score":42,"tier":"gold"}}`); `/xml?body=…` XML.
 * - `/empty?status=200` no body. `/status/CODE?reason=…&body=…` that status and reason phrase.
 * - `/redirect?to=/target&status=302` a 3xx with `Location`; `/target` counts its hits like every route.
 * - `/stall` never answers; `/stall-body` sends headers and part of a body, then stalls.
 * - `/drip?chunks=10&interval=50` sends a JSON body a chunk at a time.
 * - `/slow?ms=100` answers the default JSON after a delay (for latency and concurrency).
 * - `/big?mib=64` sends that many MiB, respecting back-pressure, and stops when the client goes away.
 * - `/reset` sends headers and part of a body, then resets the connection (RST).
 * - `/echo` answers `{method, url, headers, body}` as JSON.
 * - `/flaky?key=k&fail=1&status=503&retryAfter=0` fails `fail` times per key, then answers the default JSON.
 * Tests can add their own with `route(path, handler)`; a custom route replaces a built-in one.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export interface StagingServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted since start (or the last `resetStats`). */
  connections(): number;
  /** Requests received per pathname. */
  hits(path: string): number;
  /** Highest number of requests being handled at once. */
  maxInFlight(): number;
  resetStats(): void;
  route(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export const DEFAULT_JSON_BODY = '{"data":{"score":42,"tier":"gold"}}';
export const DEFAULT_XML_BODY = '<result><data><score>42</score><tier>gold</tier></data></result>';
const MIB = 1024 * 1024;

/** Starts the server on 127.0.0.1 with an OS-chosen port. Close it in `afterAll`. */
export async function startStagingServer(): Promise<StagingServer> {
  const custom = new Map<string, RouteHandler>();
  const hitsByPath = new Map<string, number>();
  const flakyFailures = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const builtIn: Record<string, RouteHandler> = {
    '/json': (request, response) => {
      const query = queryOf(request);
      send(
        response,
        numberParam(query, 'status', 200),
        'application/json',
        query.get('body') ?? DEFAULT_JSON_BODY,
      );
    },
    '/xml': (request, response) => {
      const query = queryOf(request);
      send(
        response,
        numberParam(query, 'status', 200),
        'application/xml',
        query.get('body') ?? DEFAULT_XML_BODY,
      );
    },
    '/empty': (request, response) => {
      response.writeHead(numberParam(queryOf(request), 'status', 200), { 'content-length': '0' });
      response.end();
    },
    '/target': (_request, response) => send(response, 200, 'application/json', DEFAULT_JSON_BODY),
    '/redirect': (request, response) => {
      const query = queryOf(request);
      response.writeHead(numberParam(query, 'status', 302), { location: query.get('to') ?? '/target' });
      response.end();
    },
    '/stall': () => {
      // Never answers; close() drops the socket.
    },
    '/stall-body': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"data":');
    },
    '/drip': (request, response) => {
      const query = queryOf(request);
      const chunks = numberParam(query, 'chunks', 10);
      const interval = numberParam(query, 'interval', 50);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"padding":"');
      let sent = 0;
      const drip = (): void => {
        if (response.destroyed) return;
        if (sent === chunks) {
          response.end('","data":{"score":42,"tier":"gold"}}');
          return;
        }
        sent += 1;
        response.write('x');
        later(interval, drip);
      };
      later(interval, drip);
    },
    '/slow': (request, response) => {
      later(numberParam(queryOf(request), 'ms', 100), () =>
        send(response, 200, 'application/json', DEFAULT_JSON_BODY),
      );
    },
    '/big': (request, response) => {
      const total = numberParam(queryOf(request), 'mib', 64) * MIB;
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let written = 0;
      response.writeHead(200, { 'content-type': 'application/json' });
      const pump = (): void => {
        while (written < total && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        if (!response.destroyed) response.end();
      };
      pump();
    },
    '/reset': (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"data":{"score":');
      later(20, () => request.socket.resetAndDestroy());
    },
    '/echo': (request, response, body) => {
      send(
        response,
        200,
        'application/json',
        JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body }),
      );
    },
    '/flaky': (request, response) => {
      const query = queryOf(request);
      const key = query.get('key') ?? '';
      const failed = flakyFailures.get(key) ?? 0;
      if (failed < numberParam(query, 'fail', 1)) {
        flakyFailures.set(key, failed + 1);
        const retryAfter = query.get('retryAfter');
        response.writeHead(
          numberParam(query, 'status', 503),
          retryAfter === null ? {} : { 'retry-after': retryAfter },
        );
        response.end('try again');
        return;
      }
      send(response, 200, 'application/json', DEFAULT_JSON_BODY);
    },
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    hitsByPath.set(path, (hitsByPath.get(path) ?? 0) + 1);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = (): void => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    response.once('finish', done);
    response.once('close', done);

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const statusMatch = /^\/status\/(\d{3})$/.exec(path);
      if (statusMatch?.[1] !== undefined) {
        const query = queryOf(request);
        send(
          response,
          Number(statusMatch[1]),
          'text/plain',
          query.get('body') ?? 'error',
          query.get('reason'),
        );
        return;
      }
      const handler = custom.get(path) ?? builtIn[path];
      if (handler === undefined) send(response, 404, 'text/plain', 'no such route');
      else handler(request, response, body);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    hits: (path) => hitsByPath.get(path) ?? 0,
    maxInFlight: () => maxInFlight,
    resetStats: () => {
      connections = 0;
      maxInFlight = inFlight;
      hitsByPath.clear();
      flakyFailures.clear();
    },
    route: (path, handler) => custom.set(path, handler),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  reason?: string | null,
): void {
  if (response.destroyed) return;
  const headers = { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) };
  if (reason !== undefined && reason !== null && reason !== '') response.writeHead(status, reason, headers);
  else response.writeHead(status, headers);
  response.end(body);
}

function queryOf(request: IncomingMessage): URLSearchParams {
  return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
}

function numberParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  return value === null ? fallback : Number(value);
}
