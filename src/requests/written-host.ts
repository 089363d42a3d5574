/**
 * The host of a URL as its text spells it, for messages.
 *
 * WHATWG URL parsing lower-cases a hostname and turns Unicode into punycode, so a message built from `new URL(u).host`
 * can hold a `${NAME}` secret (a tenant id in `https://${TENANT}.example.com`) in a form the report redactor does not
 * know. Quoting the host as written keeps the secret in the exact form that is redacted.
 */

/** `scheme://[userinfo@]host[:port]`: the authority ends at the first `/`, `?`, `#` or `\`. */
const AUTHORITY = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#\\]*@)?([^/?#\\]*)/d;

/** Where `host[:port]` is written in a URL's text: `url.slice(start, end)`. */
export interface WrittenHost {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Finds `host[:port]` as written in `url`, without any userinfo; undefined when there is no `scheme://host`. */
export function findWrittenHost(url: string): WrittenHost | undefined {
  const match = AUTHORITY.exec(url);
  const text = match?.[1];
  const span = match?.indices?.[1];
  if (text === undefined || text === '' || span === undefined) return undefined;
  return { text, start: span[0], end: span[1] };
}

/**
 * Returns `host[:port]` exactly as written in `url`, without any userinfo (which may hold a password), or
 * `fallback` when the text has no `scheme://authority` to read it from.
 */
export function readWrittenHost(url: string, fallback: string): string {
  return findWrittenHost(url)?.text ?? fallback;
}

/** `host` of `host:port` (an IPv6 address keeps its brackets and colons). */
export function stripPort(host: string): string {
  const bracketEnd = host.lastIndexOf(']');
  const colon = host.indexOf(':', bracketEnd + 1);
  return colon === -1 ? host : host.slice(0, colon);
}
