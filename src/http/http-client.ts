/**
 * The HTTP adapter: sends one rendered request the way Marketo would (one attempt, no redirects, a whole-call
 * timeout) and reports what it saw as a {@link CallOutcome}. It never throws for network faults.
 */
import type { Dispatcher } from 'undici';
import type { CallOutcome } from '../judging/call-outcome.js';
import type { HttpClient, SendOptions } from '../engine/ports.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import { createProxyHostCheck } from './check-host-before-proxy.js';
import type { ProxyHostCheck } from './check-host-before-proxy.js';
import { createDispatcher, isProxyConfigured } from './create-dispatcher.js';
import { createGuardedLookup } from './guarded-lookup.js';
import { PendingCall } from './pending-call.js';
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
  options: SendOptions,
): Promise<CallOutcome> {
  return new Promise<CallOutcome>((resolve) => {
    const call = new PendingCall(request, options, resolve);
    let target: Target;
    try {
      target = parseTarget(request.url);
    } catch (error) {
      call.fail(error);
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
          call,
        );
      } catch (error) {
        // undici rejects some malformed requests (bad header values) synchronously.
        call.fail(error);
      }
    };
    if (checkProxyHost === undefined) {
      dispatch();
      return;
    }
    checkProxyHost(target.hostname, (error) => {
      // The whole-call timer may have run out while the name was resolving.
      if (call.isSettled) return;
      if (error === null) dispatch();
      else call.fail(error);
    });
  });
}
