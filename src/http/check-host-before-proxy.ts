/**
 * Through `HTTP_PROXY`/`HTTPS_PROXY` the proxy resolves the target's name, so the guarded lookup of our own
 * connections never sees it: a name pointing at a metadata address would be tunnelled there (`CONNECT meta:80`).
 * Resolving the name here first, with the same guard, refuses it before the proxy hears of it. A name this runner
 * cannot resolve is refused too: what the proxy would make of it cannot be checked. (The proxy resolves the name
 * again; a name that answers differently the second time is beyond what a client can check.)
 */
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

/** Calls `done` with null when `hostname` may be handed to the proxy, or with the guard's (or DNS's) error. */
export type ProxyHostCheck = (hostname: string, done: (error: Error | null) => void) => void;

export function createProxyHostCheck(lookup: LookupFunction): ProxyHostCheck {
  return (hostname, done) => {
    const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    // An IP literal was judged by the host policy, on its text, before the call.
    if (isIP(bare) !== 0) {
      done(null);
      return;
    }
    lookup(bare, { all: true }, (error) => done(error));
  };
}
