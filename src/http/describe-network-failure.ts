/**
 * Turns an error from undici, Node or URL parsing into the outcome a check reports: `network`, `timeout`, or
 * `blocked` when the guarded lookup refused the host's address.
 */
import type { CallOutcome } from '../judging/call-outcome.js';
import { describeWrittenHost, hideHostSpellings } from '../requests/describe-host.js';
import type { DescribeHost } from '../requests/describe-host.js';

/** Codes whose errors mean "the budget ran out" rather than "the network failed". */
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

export function describeFailure(
  error: unknown,
  url: string,
  timeoutMs: number,
  latencyMs: number,
  describeHost: DescribeHost = describeWrittenHost,
): CallOutcome {
  const code = errorCode(error);
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', timeoutMs, latencyMs, attempts: 1 };
  const message = describeNetworkError(code, error, url, describeHost);
  // The guard refused the host's address: the same refusal as the host policy's, before any connection (and
  // not a network fault a retry could get past).
  if (code === 'EHOSTBLOCKED') return { kind: 'blocked', message };
  return { kind: 'network', code, message, latencyMs, attempts: 1 };
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

function describeNetworkError(code: string, error: unknown, url: string, describeHost: DescribeHost): string {
  // As written, or by the variable it came from when that text would show a part of a secret (describe-host.ts).
  const host = describeHost(url);
  const said = (error instanceof Error ? error.message : String(error)).trim();
  // The error's own words name the host as the resolver or TLS saw it: hidden the same way.
  const detail = host === describeWrittenHost(url) ? said : hideHostSpellings(said, url, host);
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
      // The guard names the hostname as the URL parser normalised it; name it as the describer does.
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
