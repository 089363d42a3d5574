/**
 * The parts of a URL held in a secret that a server, a resolver or a TLS library may echo on their own: a
 * `${STAGING_URL}` of `https://staging.internal.example:8443/hook?key=…` is whole in no `Location: https://
 * staging.internal.example:8443/login`, in no `Cannot POST /hook?key=…`, in no certificate error naming the
 * host. Each part is searched for as a secret of its own (secret-targets.ts), so it is masked wherever it shows;
 * our own messages name such a host by its variable instead (src/requests/describe-host.ts).
 */
import { findWrittenHost, stripPort } from '../../requests/written-host.js';

/** An absolute URL anywhere in a value (`Bearer x https://…` too): up to whitespace or a quote. */
const ABSOLUTE_URL = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g;

/**
 * Lists, for each absolute URL in `secret`: `host:port` and the host as written and as URL parsing writes them
 * (lower-case, punycode), the path, the query and fragment, and the path with them. The caller drops the short ones.
 */
export function listSecretUrlParts(secret: string): string[] {
  const parts: string[] = [];
  for (const match of secret.matchAll(ABSOLUTE_URL)) {
    const url = match[0];
    const host = findWrittenHost(url);
    if (host === undefined) continue;
    parts.push(host.text, stripPort(host.text));
    const rest = url.slice(host.end);
    const query = rest.search(/[?#]/);
    parts.push(rest, query === -1 ? rest : rest.slice(0, query), query === -1 ? '' : rest.slice(query));
    try {
      const parsed = new URL(url);
      parts.push(parsed.host, parsed.hostname);
    } catch {
      // Not a URL a client would call: its written parts are listed already.
    }
  }
  return parts.filter((part) => part !== '');
}
