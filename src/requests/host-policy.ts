/**
 * Which hosts a webhook request may be sent to (SPEC section 5, `allowed-hosts`).
 *
 * Two rules: link-local and cloud metadata addresses are never called (a contract in a pull request must not be
 * able to read the runner's instance credentials), and a request that carries a `${NAME}` secret goes only to a
 * host the workflow allows (so a pull request cannot point a secret at its own server).
 *
 * The check works on the URL's text: hostnames are not resolved here (the core does no I/O). The HTTP adapter
 * refuses link-local answers at DNS time with {@link isForbiddenAddress}, which closes the rebinding gap.
 */
import { readWrittenHost } from './written-host.js';

export interface HostPolicyOptions {
  /** True when the url, headers or body read a `${NAME}` value. */
  readonly carriesSecret: boolean;
  /** Hosts a secret may go to: `api.example.com`, `*.example.com`, `host:8443`, `[::1]`; or `any`. */
  readonly allowedHosts: readonly string[] | 'any';
}

/** Hostnames that answer with instance metadata on the big clouds, whatever they resolve to. */
const METADATA_HOSTNAMES: ReadonlySet<string> = new Set(['metadata.google.internal', 'metadata']);

/**
 * Decides whether a request to `url` may be sent.
 *
 * @returns `undefined` when allowed, otherwise the reason, as a sentence for the report.
 */
export function checkHostPolicy(url: string, options: HostPolicyOptions): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not an absolute URL, so its host cannot be checked`;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return `only http and https URLs are called, not ${target.protocol}`;
  }
  const hostname = normalizeHostname(target.hostname);
  if (METADATA_HOSTNAMES.has(hostname) || isForbiddenAddress(hostname)) {
    return `${target.host} is a link-local or cloud metadata address, which is never called`;
  }
  if (!options.carriesSecret || options.allowedHosts === 'any') return undefined;

  const port = target.port === '' ? defaultPort(target.protocol) : Number(target.port);
  if (options.allowedHosts.some((entry) => matchesAllowedHost(entry, hostname, port))) return undefined;
  // As written, not `target.host`: a secret in the hostname must reach the redactor in the form it knows.
  return (
    `the request carries a secret and ${readWrittenHost(url, target.host)} is not in allowed-hosts` +
    (options.allowedHosts.length === 0 ? ' (which is empty)' : ` (${options.allowedHosts.join(', ')})`)
  );
}

/**
 * True for a link-local or cloud metadata IP address (IPv4, or IPv6 with or without brackets, including
 * IPv4-mapped IPv6). Hostnames that are not IP literals are false.
 */
export function isForbiddenAddress(address: string): boolean {
  const ipv4 = parseIpv4(address);
  if (ipv4 !== undefined) return isForbiddenIpv4(ipv4);
  // A resolver may hand back a zone index (`fe80::1%eth0`); the zone does not change the address's scope.
  const ipv6 = parseIpv6(address.replace(/^\[(.*)\]$/, '$1').replace(/%[^%]*$/, ''));
  if (ipv6 === undefined) return false;
  const [first = 0] = ipv6;
  // fe80::/10 is link-local unicast.
  if ((first & 0xffc0) === 0xfe80) return true;
  // fd00:ec2::254 is AWS's IMDS over IPv6.
  if (ipv6.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':')) return true;
  // ::ffff:a.b.c.d (IPv4-mapped) reaches the IPv4 address; WHATWG URL prints it in hex, so decode it.
  if (ipv6.slice(0, 5).every((part) => part === 0) && ipv6[5] === 0xffff) {
    const high = ipv6[6] ?? 0;
    const low = ipv6[7] ?? 0;
    return isForbiddenIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  return false;
}

function isForbiddenIpv4(octets: readonly number[]): boolean {
  // 169.254.0.0/16 is link-local, and holds the metadata address 169.254.169.254 of AWS, GCP and Azure.
  return octets[0] === 169 && octets[1] === 254;
}

/** Lower-case, without the trailing dot of a fully qualified name (`metadata.` is `metadata`). */
function normalizeHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** `*.example.com`, `host`, `host:port`, `[v6]` or `[v6]:port`. */
const ALLOWED_HOST_PATTERN = /^(\*\.)?(\[[0-9a-fA-F:.]+\]|[\p{L}\p{N}._-]+)(?::(\d{1,5}))?$/u;

function matchesAllowedHost(entry: string, hostname: string, port: number): boolean {
  const match = ALLOWED_HOST_PATTERN.exec(entry.trim());
  if (match === null) return false;
  const [, wildcard, rawHost = '', rawPort] = match;
  if (rawPort !== undefined && Number(rawPort) !== port) return false;
  const allowed = canonicalHost(rawHost);
  if (allowed === undefined) return false;
  // `*.example.com` covers every subdomain at any depth, not example.com itself: say both when you mean both.
  return wildcard === undefined ? hostname === allowed : hostname.endsWith(`.${allowed}`);
}

/** Puts an allowed-hosts entry in the form WHATWG URL gives `hostname`, so `[::0:1]` matches `[::1]`. */
function canonicalHost(host: string): string | undefined {
  try {
    return normalizeHostname(new URL(`http://${host}/`).hostname);
  } catch {
    return undefined;
  }
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** Eight 16-bit groups, or undefined when `text` is not an IPv6 literal. */
function parseIpv6(text: string): number[] | undefined {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let groups = text;
  // A trailing dotted quad stands for the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (dotted?.[1] !== undefined) {
    const ipv4 = parseIpv4(dotted[1]);
    if (ipv4 === undefined) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = ipv4;
    groups =
      groups.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const parts = half.split(':');
    if (!parts.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part))) return undefined;
    return parts.map((part) => Number.parseInt(part, 16));
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}
