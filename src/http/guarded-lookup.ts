import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isForbiddenAddress } from '../requests/forbidden-address.js';

/** The resolver the guard wraps: `dns.lookup` with `all: true`. */
export type ResolveAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

const resolveAllWithDns: ResolveAll = (hostname, options, callback) =>
  dns.lookup(hostname, options, callback);

/**
 * A `lookup` for sockets that refuses hostnames resolving to link-local or cloud metadata addresses.
 *
 * The host policy only sees the URL's text, so `metadata.attacker.example` pointing at 169.254.169.254 would pass
 * it; checking the resolved address at connect time closes that gap. The error has code `EHOSTBLOCKED`.
 */
export function createGuardedLookup(resolveAll: ResolveAll = resolveAllWithDns): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) {
        callback(error, '', 0);
        return;
      }
      const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address));
      if (forbidden !== undefined) {
        const blocked: NodeJS.ErrnoException & { address?: string } = new Error(
          `${hostname} resolves to ${forbidden.address}, a link-local or cloud metadata address, which is never called`,
        );
        blocked.code = 'EHOSTBLOCKED';
        // Lets the HTTP adapter word its own message (with the host as the URL spells it).
        blocked.address = forbidden.address;
        callback(blocked, '', 0);
        return;
      }
      if (options.all === true) {
        // The LookupFunction type only knows the single-address form; net passes `all` and reads an array.
        (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, addresses);
        return;
      }
      const [first] = addresses;
      if (first === undefined) {
        const none: NodeJS.ErrnoException = new Error(`no address found for ${hostname}`);
        none.code = 'ENOTFOUND';
        callback(none, '', 0);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}
