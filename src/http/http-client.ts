/**
 * The HTTP adapter: sends one rendered request the way Marketo would (one attempt, no redirects, a whole-call
 * timeout) and reports what it saw as a {@link CallOutcome}. It never throws for network faults.
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { CallOutcome } from '../judging/call-outcome.js';
import type { HttpClient, SendOptions } from '../engine/ports.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import { createProxyHostCheck } from './check-host-before-proxy.js';
import type { ProxyHostCheck } from './check-host-before-proxy.js';
import { createDispatcher, isProxyConfigured } from './create-dispatcher.js';
import { createBodyReader } from './decode-response-body.js';
import type { BodyReader } from './decode-response-body.js';
import { describeFailure } from './describe-network-failure.js';
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
  /** Where HTTP_PROXY, HTTPS_PROXY and NO_PROXY are read. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

// `node:http` is read through getBuiltinModule, not imported: an ES import of it builds a facade that reads every
// export, and one of them loads Node's own copy of undici (about 70 ms of CLI start).
const { STATUS_CODES } = process.getBuiltinModule('node:http');

/** Our own reasons for aborting a call, so the error they produce is not mistaken for a network fault. */
class CallAborted extends Error {}

/**
 * Creates the client: one undici dispatcher (keep-alive per origin) shared by every call until `close()`.
 * When `HTTPS_PROXY`, `HTTP_PROXY` or `NO_PROXY` is set (either case), calls go through undici's
 * `EnvHttpProxyAgent`, with the same timeouts.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const env = options.env ?? process.env;
  const lookup = createGuardedLookup(options.resolveAll);
  const dispatcher = createDispatcher(
    {
      lookup,
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    },
    env,
  );
  const targets = createTargetCache();
  const checkProxyHost = isProxyConfigured(env) ? createProxyHostCheck(lookup) : undefined;
  return {
    send: (request, sendOptions) =>
      sendRequest({ dispatcher, targets, checkProxyHost }, request, sendOptions),
    // destroy, not close: close waits for queued requests, and a call that timed out while still connecting stays
    // queued in undici until its connect timeout; nothing we still want can be in flight when the run is over.
    close: () => dispatcher.destroy(),
  };
}

/** Where a request goes, as undici's `dispatch` wants it. */
interface Target {
  readonly origin: string;
  readonly path: string;
  readonly hostname: string;
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
      target = {
        origin: parsed.origin,
        path: `${parsed.pathname}${parsed.search}`,
        hostname: parsed.hostname,
      };
      // Bounded: a webhook with a token in its URL has one per sample; forgetting all is simpler than an LRU.
      if (cache.size >= MAX_CACHED_TARGETS) cache.clear();
      cache.set(url, target);
    }
    return target;
  };
}

interface Transport {
  readonly dispatcher: Dispatcher;
  readonly targets: (url: string) => Target;
  /** Set when calls go through a proxy. */
  readonly checkProxyHost: ProxyHostCheck | undefined;
}

function sendRequest(
  { dispatcher, targets: parseTarget, checkProxyHost }: Transport,
  request: RenderedRequest,
  { timeoutMs, maxBodyBytes, describeHost }: SendOptions,
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
    let reader: BodyReader | undefined;

    const abort = (reason: Error): void => {
      if (controller === undefined) pendingAbort = reason;
      else if (!controller.aborted) controller.abort(reason);
    };
    const finish = (outcome: CallOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reader?.destroy();
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
        // The cap applies to the received and to the decoded bytes (decode-response-body).
        reader = createBodyReader(headers['content-encoding'], maxBodyBytes, finishTooLarge);
        // A declared length over the cap is refused before a byte of the body is read.
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBodyBytes) finishTooLarge();
      },
      onResponseData(_ctrl, chunk) {
        if (settled) return;
        // Stop reading at the cap, so memory stays bounded however large the body is.
        if (reader?.write(chunk) === false) finishTooLarge();
      },
      onResponseEnd() {
        if (settled || reader === undefined) return;
        void reader.end().then((read) => {
          if (read.kind === 'too-large') return finishTooLarge();
          const body = read.kind === 'body' ? read.body : new Uint8Array(0);
          const bodyError = read.kind === 'undecodable' ? { bodyError: read.message } : {};
          finish({
            kind: 'response',
            status,
            statusText,
            headers,
            body,
            ...bodyError,
            latencyMs: elapsed(),
            attempts: 1,
          });
        });
      },
      onResponseError(_ctrl, error) {
        finish(describeFailure(error, request.url, timeoutMs, elapsed(), describeHost));
      },
    };

    let target: Target;
    try {
      target = parseTarget(request.url);
    } catch (error) {
      finish(describeFailure(error, request.url, timeoutMs, elapsed(), describeHost));
      return;
    }
    const dispatch = (): void => {
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
        finish(describeFailure(error, request.url, timeoutMs, elapsed(), describeHost));
      }
    };
    if (checkProxyHost === undefined) {
      dispatch();
      return;
    }
    checkProxyHost(target.hostname, (error) => {
      // The whole-call timer may have run out while the name was resolving.
      if (settled) return;
      if (error === null) dispatch();
      else finish(describeFailure(error, request.url, timeoutMs, elapsed(), describeHost));
    });
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
