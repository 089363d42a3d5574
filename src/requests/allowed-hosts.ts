/**
 * `allowed-hosts` entries (action input, CLI `--allowed-hosts`): one parser for both, so both accept the same
 * entries and refuse the others with the same words. An entry is `host`, `host:port`, `*.domain`, `*.domain:port`,
 * `[v6]` or `[v6]:port`; a URL, a path or a stray wildcard is an error rather than an entry that silently matches
 * nothing (and so blocks every request).
 */
import { InputError } from '../contracts/errors.js';

export interface AllowedHost {
  /** `*.example.com`: every subdomain at any depth, not example.com itself. */
  readonly wildcard: boolean;
  /** As WHATWG URL writes a hostname (lower-case, punycode, canonical IPv6 in brackets, no trailing dot). */
  readonly hostname: string;
  /** Any port when absent. */
  readonly port?: number;
}

export type AllowedHostParse =
  { readonly ok: true; readonly host: AllowedHost } | { readonly ok: false; readonly reason: string };

/** Reads one entry; `reason` says what is wrong with it, quoting it. */
export function parseAllowedHost(entry: string): AllowedHostParse {
  const text = entry.trim();
  const fail = (why: string): AllowedHostParse => ({ ok: false, reason: `'${text}' ${why}` });
  if (text === '') return fail('is empty');
  if (/[/\\?#@]/.test(text)) {
    return fail('is not a host: write the host name (api.example.com) or host:port, not a URL or a path');
  }
  const wildcard = text.startsWith('*.');
  const rest = wildcard ? text.slice(2) : text;
  if (rest.includes('*')) return fail('has a wildcard that is not a leading `*.` (write *.example.com)');

  // The port is after the last colon outside brackets; an IPv6 address must be bracketed to tell them apart.
  const bracketEnd = rest.lastIndexOf(']');
  const colon = rest.indexOf(':', bracketEnd + 1);
  if (colon !== -1 && rest.indexOf(':', colon + 1) !== -1) {
    return fail('is not a host: write an IPv6 address in brackets, such as [::1] or [::1]:8080');
  }
  const hostPart = colon === -1 ? rest : rest.slice(0, colon);
  const portText = colon === -1 ? undefined : rest.slice(colon + 1);
  const port = portText === undefined ? undefined : Number(portText);
  if (
    portText !== undefined &&
    (!/^\d{1,5}$/.test(portText) || port === undefined || port < 1 || port > 65535)
  ) {
    return fail('has an invalid port: write a number from 1 to 65535, such as api.example.com:8443');
  }
  const hostname = canonicalHostname(hostPart);
  if (hostname === undefined) return fail('is not a valid host name');
  if (wildcard && hostname.startsWith('[')) return fail('puts a wildcard on an IP address');
  return { ok: true, host: { wildcard, hostname, ...(port === undefined ? {} : { port }) } };
}

/**
 * Reads the entries of an input: items split on commas and line breaks, trimmed, empties dropped, each checked,
 * duplicates removed. Returns each entry written canonically (`*.example.com:8443`).
 *
 * @param label how the input is named in errors: `Input 'allowed-hosts'` or `--allowed-hosts`.
 * @throws InputError for the first invalid entry, naming the input.
 */
export function parseAllowedHosts(values: readonly string[], label: string): string[] {
  const entries = values
    .flatMap((value) => value.split(/[,\r\n]/))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const canonical = new Set<string>();
  for (const entry of entries) {
    const parsed = parseAllowedHost(entry);
    if (!parsed.ok) throw new InputError(`${label}: ${parsed.reason}.`);
    canonical.add(formatAllowedHost(parsed.host));
  }
  return [...canonical];
}

/** True when `hostname` (as WHATWG URL writes it) on `port` is what `allowed` names. */
export function matchesAllowedHost(allowed: AllowedHost, hostname: string, port: number): boolean {
  if (allowed.port !== undefined && allowed.port !== port) return false;
  const host = trimTrailingDots(hostname);
  return allowed.wildcard ? host.endsWith(`.${allowed.hostname}`) : host === allowed.hostname;
}

function formatAllowedHost(host: AllowedHost): string {
  return `${host.wildcard ? '*.' : ''}${host.hostname}${host.port === undefined ? '' : `:${host.port}`}`;
}

function canonicalHostname(host: string): string | undefined {
  if (host === '') return undefined;
  try {
    const url = new URL(`http://${host}/`);
    return url.hostname === '' ? undefined : trimTrailingDots(url.hostname);
  } catch {
    return undefined;
  }
}

/** `api.example.com.` is the fully qualified spelling of `api.example.com`. */
function trimTrailingDots(hostname: string): string {
  let end = hostname.length;
  while (end > 0 && hostname[end - 1] === '.') end -= 1;
  return hostname.slice(0, end);
}
