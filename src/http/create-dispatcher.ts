/** The one undici dispatcher a run shares: direct, or through `HTTP_PROXY`/`HTTPS_PROXY` when they are set. */
import type { LookupFunction } from 'node:net';
import { Agent, EnvHttpProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';

export interface DispatcherOptions {
  /** Budget for opening a connection (TCP and TLS). Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Extra trusted CA certificates (PEM), trusted besides the defaults. */
  readonly ca?: string;
  /** The guarded lookup (guarded-lookup.ts) every connection resolves its host with. */
  readonly lookup: LookupFunction;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** No call may run longer than Marketo's 30 s; undici's own timers are a backstop behind our whole-call timer. */
const UNDICI_TIMEOUT_MS = MARKETO_TIMEOUT_MS + 1_000;

/** True when calls go through undici's `EnvHttpProxyAgent`: `HTTPS_PROXY`, `HTTP_PROXY` or `NO_PROXY` is set. */
export function isProxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'].some(
    (name) => (env[name] ?? env[name.toLowerCase()] ?? '') !== '',
  );
}

/** Creates the dispatcher; every connection it opens itself resolves its host with the guarded lookup. */
export function createDispatcher(options: DispatcherOptions, env: NodeJS.ProcessEnv): Dispatcher {
  const connect = {
    timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    lookup: options.lookup,
    // A `ca` given to TLS replaces the trusted roots; keep Node's (with NODE_EXTRA_CA_CERTS) beside the extra one.
    // `node:tls` through getBuiltinModule: it is needed only for an extra CA, so CLI start does not pay for it.
    ...(options.ca === undefined
      ? {}
      : { ca: [...process.getBuiltinModule('node:tls').getCACertificates('default'), options.ca] }),
  };
  const timeouts = { headersTimeout: UNDICI_TIMEOUT_MS, bodyTimeout: UNDICI_TIMEOUT_MS };
  if (!isProxyConfigured(env)) return new Agent({ connect, ...timeouts });
  // Through a proxy the target's TLS settings go in requestTls; `connect` serves hosts in NO_PROXY.
  const read = (name: string): string | undefined => {
    const value = env[name] ?? env[name.toLowerCase()];
    return value === '' ? undefined : value;
  };
  const proxies = {
    httpProxy: read('HTTP_PROXY'),
    httpsProxy: read('HTTPS_PROXY'),
    noProxy: read('NO_PROXY'),
  };
  return new EnvHttpProxyAgent({
    // From `env`, which is process.env unless a caller says otherwise; undici would read process.env itself.
    ...Object.fromEntries(Object.entries(proxies).filter(([, value]) => value !== undefined)),
    connect,
    requestTls: connect,
    proxyTls: { timeout: connect.timeout },
    ...timeouts,
  });
}
