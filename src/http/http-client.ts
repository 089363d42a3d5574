/**
 * The HTTP adapter: sends one rendered request the way Marketo would (one attempt, no redirects, a whole-call
 * timeout) and reports what it saw as a {@link CallOutcome}. It never throws for network faults.
 */
import { performance } from 'node:perf_hooks';
import { Agent, EnvHttpProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import type { CallOutcome } from '../judging/call-outcome.js';
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import type { HttpClient, SendOptions } from '../engine/ports.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import { readWrittenHost } from '../requests/written-host.js';
import { createGuardedLookup } from './guarded-lookup.js';
import type { ResolveAll } from './guarded-lookup.js';

export interface HttpClientOptions {
  /** Budget for opening a connection (TCP and TLS). Default 10 s. Each call's `timeoutMs` still bounds it. */
  readonly connectTimeoutMs?: number;
  /** Extra trusted CA certificates (PEM), for a staging server with a private CA; trusted besides the defaults. */
  readonly ca?: string;
  /**
   * The resolver the link-local guard wraps (`dns.lookup` with `all: true` by default). The guard applies to what
   * it returns, whatever it is: a test can make a hostname resolve to a metadata address without touching DNS.
   */
  readonly resolveAll?: ResolveAll;
}

// `node:http` and `node:tls` are read through getBuiltinModule, not imported: an ES import of `node:http` builds a
// facade that reads every export, and one of them loads Node's own copy of undici (about 70 ms of CLI start);
// `node:tls` is needed only for an extra CA.
const { STATUS_CODES } = process.getBuiltinModule('node:http');

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** No call may run longer than Marketo's 30 s; undici's own timers are a backstop behind our whole-call timer. */
const UNDICI_TIMEOUT_MS = MARKETO_TIMEOUT_MS + 1_000;

/** Codes whose errors mean "the budget ran out" rather than "the network failed". */
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Our own reasons for aborting a call, so the error they produce is not mistaken for a network fault. */
class CallAborted extends Error {}

/**
 * Creates the client: one undici dispatcher (keep-alive per origin) shared by every call until `close()`.
 * When `HTTPS_PROXY`, `HTTP_PROXY` or `NO_PROXY` is set (either case), calls go through undici's
 * `EnvHttpProxyAgent`, with the same timeouts.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const dispatcher = createDispatcher(options, process.env);
  const targets = createTargetCache();
  return {
    send: (request, sendOptions) => sendRequest(dispatcher, targets, request, sendOptions),
    // destroy, not close: close waits for queued requests, and a call that timed out while still connecting stays
    // queued in undici until its connect timeout; nothing we still want can be in flight when the run is over.
    close: () => dispatcher.destroy(),
  };
}

function createDispatcher(options: HttpClientOptions, env: NodeJS.ProcessEnv): Dispatcher {
  const connect = {
    timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    lookup: createGuardedLookup(options.resolveAll),
    // A `ca` given to TLS replaces the trusted roots; keep Node's (with NODE_EXTRA_CA_CERTS) beside the extra one.
    ...(options.ca === undefined
      ? {}
      : { ca: [...process.getBuiltinModule('node:tls').getCACertificates('default'), options.ca] }),
  };
  const timeouts = { headersTimeout: UNDICI_TIMEOUT_MS, bodyTimeout: UNDICI_TIMEOUT_MS };
  const proxied = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'].some(
    (name) => (env[name] ?? env[name.toLowerCase()] ?? '') !== '',
  );
  if (!proxied) return new Agent({ connect, ...timeouts });
  // Through a proxy the target's TLS settings go in requestTls; `connect` serves hosts in NO_PROXY.
  return new EnvHttpProxyAgent({
    connect,
    requestTls: connect,
    proxyTls: { timeout: connect.timeout },
    ...timeouts,
  });
}

/** Where a request goes, as undici's `dispatch` wants it. */
interface Target {
  readonly origin: string;
  readonly path: string;
}

/** Most URLs repeat across checks (tokens are rarely in the URL): parsing each once saves a URL parse per call. */
const MAX_CACHED_TARGETS = 1_000;

function createTargetCache(): (url: string) => Target {
  const cache = new Map<string, Target>();
  return (url) => {
    let target = cache.get(url);
    if (target === undefined) {
      // Throws for an invalid URL: nothing is cached then, and the caller reports it.
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      // Bounded: a webhook with a token in its URL has one per sample; forgetting all is simpler than an LRU.
      if (cache.size >= MAX_CACHED_TARGETS) cache.clear();
      cache.set(url, target);
    }
    return target;
  };
}

function sendRequest(
  dispatcher: Dispatcher,
  parseTarget: (url: string) => Target,
  request: RenderedRequest,
  { timeoutMs, maxBodyBytes }: SendOptions,
): Promise<CallOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);

  return new Promise<CallOutcome>((resolve) => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    // An abort asked for before undici handed us a controller (still connecting) is applied when it does.
    let pendingAbort: Error | undefined;
    let status = 0;
    let statusText = '';
    let headers: Record<string, string> = {};
    let chunks: Buffer[] = [];
    let received = 0;

    const abort = (reason: Error): void => {
      if (controller === undefined) pendingAbort = reason;
      else if (!controller.aborted) controller.abort(reason);
    };
    const finish = (outcome: CallOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const finishTooLarge = (): void => {
      finish({
        kind: 'too-large',
        status,
        statusText,
        limitBytes: maxBodyBytes,
        latencyMs: elapsed(),
        attempts: 1,
      });
      chunks = [];
      abort(new CallAborted('response body over the size limit'));
    };

    // One timer covers connect, headers and body: Marketo gives up on the whole call, not on each phase.
    const timer = setTimeout(() => {
      finish({ kind: 'timeout', timeoutMs, latencyMs: elapsed(), attempts: 1 });
      abort(new CallAborted(`no complete response within ${timeoutMs} ms`));
    }, timeoutMs);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        if (pendingAbort !== undefined) ctrl.abort(pendingAbort);
      },
      onResponseStart(_ctrl, statusCode, responseHeaders, statusMessage) {
        status = statusCode;
        statusText =
          statusMessage !== undefined && statusMessage !== ''
            ? statusMessage
            : (STATUS_CODES[statusCode] ?? '');
        headers = flattenHeaders(responseHeaders);
        chunks = [];
        received = 0;
        // A declared length over the cap is refused before a byte of the body is read.
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBodyBytes) finishTooLarge();
      },
      onResponseData(_ctrl, chunk) {
        if (settled) return;
        received += chunk.length;
        // Stop reading at the cap, so memory stays bounded however large the body is.
        if (received > maxBodyBytes) finishTooLarge();
        else chunks.push(chunk);
      },
      onResponseEnd() {
        if (settled) return;
        // One copy into a buffer of its own (not a slice of Node's shared pool, which a kept body would pin).
        const body = new Uint8Array(received);
        let offset = 0;
        for (const chunk of chunks) {
          body.set(chunk, offset);
          offset += chunk.length;
        }
        chunks = [];
        finish({ kind: 'response', status, statusText, headers, body, latencyMs: elapsed(), attempts: 1 });
      },
      onResponseError(_ctrl, error) {
        finish(describeFailure(error, request.url, timeoutMs, elapsed()));
      },
    };

    let target: Target;
    try {
      target = parseTarget(request.url);
    } catch (error) {
      finish(describeFailure(error, request.url, timeoutMs, elapsed()));
      return;
    }
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: request.method,
          headers: request.headers,
          body: request.body ?? null,
        },
        handler,
      );
    } catch (error) {
      // undici rejects some malformed requests (bad header values) synchronously.
      finish(describeFailure(error, request.url, timeoutMs, elapsed()));
    }
  });
}

/** Header values joined the way fetch's `Headers` joins them; names are already lower-case. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Turns an error from undici, Node or URL parsing into a `network` (or `timeout`) outcome. */
function describeFailure(error: unknown, url: string, timeoutMs: number, latencyMs: number): CallOutcome {
  const code = errorCode(error);
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', timeoutMs, latencyMs, attempts: 1 };
  return { kind: 'network', code, message: describeNetworkError(code, error, url), latencyMs, attempts: 1 };
}

function errorCode(error: unknown): string {
  if (!(error instanceof Error)) return 'UNKNOWN';
  const { code } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && code !== '') return code;
  // Node's happy-eyeballs connect fails with an AggregateError of one error per address.
  if (error instanceof AggregateError) {
    const first: unknown = error.errors[0];
    if (first !== undefined) return errorCode(first);
  }
  if (error.cause !== undefined) return errorCode(error.cause);
  // undici's HTTPParserError (garbage instead of a status line) can come without a code; its name still says what.
  return error.name !== '' && error.name !== 'Error' ? error.name : 'UNKNOWN';
}

function describeNetworkError(code: string, error: unknown, url: string): string {
  const host = hostOf(url);
  const detail = (error instanceof Error ? error.message : String(error)).trim();
  switch (code) {
    case 'ECONNREFUSED': {
      // Through HTTP(S)_PROXY the refused connection may be the one to the proxy: say so rather than blame the
      // target. The proxy's address is not named: it is the runner's, and its URL may carry credentials.
      const refused = refusedPort(error);
      const target = targetPort(url);
      return refused !== undefined && target !== undefined && refused !== target
        ? `connection refused by the proxy (HTTP_PROXY/HTTPS_PROXY) on the way to ${host}`
        : `connection refused by ${host}`;
    }
    case 'ENOTFOUND':
      return `DNS lookup failed: ${host} was not found`;
    case 'EAI_AGAIN':
      return `DNS lookup for ${host} failed temporarily`;
    case 'ECONNRESET':
      return `${host} reset the connection before the response was complete`;
    case 'EPIPE':
      return `${host} closed the connection while the request was being sent`;
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection before the response was complete (${detail})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable from this runner`;
    case 'EHOSTBLOCKED': {
      // The guard names the hostname as the URL parser normalised it; name it as written (see hostOf).
      const address = (error as { address?: unknown }).address;
      return typeof address === 'string'
        ? `${host} resolves to ${address}, a link-local or cloud metadata address, which is never called`
        : detail;
    }
    case 'ERR_INVALID_URL':
      return detail;
    default:
      if (isTlsCode(code)) return `TLS failure with ${host}: ${detail}`;
      return `${detail} (${host})`;
  }
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('SELF_SIGNED') ||
    code.startsWith('UNABLE_TO_')
  );
}

/** The port a refused connection was made to, as Node's connect error records it. */
function refusedPort(error: unknown): number | undefined {
  if (error instanceof AggregateError) return refusedPort(error.errors[0]);
  if (!(error instanceof Error)) return undefined;
  const { port } = error as { port?: unknown };
  if (typeof port === 'number') return port;
  return error.cause === undefined ? undefined : refusedPort(error.cause);
}

/** The port a URL is served on, explicit or its scheme's default; undefined for an unparseable URL. */
function targetPort(url: string): number | undefined {
  try {
    const { port, protocol } = new URL(url);
    return port !== '' ? Number(port) : protocol === 'https:' ? 443 : 80;
  } catch {
    return undefined;
  }
}

/** As written, not as WHATWG normalises it: a `${NAME}` secret in the hostname stays in the form that is redacted. */
function hostOf(url: string): string {
  return readWrittenHost(url, url);
}
