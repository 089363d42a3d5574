/**
 * Preloaded into a child process (`NODE_OPTIONS=--import=<this file>`) that runs a built artefact, so a test can
 * give names addresses without touching DNS, and so nothing in that process can connect anywhere but loopback.
 *
 * - `dns.lookup` answers from `WC_STAND_IN_HOSTS` (JSON: name -> addresses); any other name is ENOTFOUND.
 * - A connection to an IP address that is not 127.0.0.1 or ::1 fails with ENETUNREACH before a packet is sent:
 *   if a guard under test broke, the test sees a network error instead of reaching a metadata address.
 *
 * Plain type-strippable TypeScript: Node runs it as it is.
 */
import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import net from 'node:net';

const zone = JSON.parse(process.env['WC_STAND_IN_HOSTS'] ?? '{}') as Record<string, string[]>;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function standInLookup(hostname: string, options: unknown, callback?: unknown): void {
  const done = (typeof options === 'function' ? options : callback) as LookupCallback;
  const settings: LookupOptions = typeof options === 'object' && options !== null ? options : {};
  const addresses = Object.hasOwn(zone, hostname.toLowerCase()) ? (zone[hostname.toLowerCase()] ?? []) : [];
  process.nextTick(() => {
    if (addresses.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      done(error, settings.all === true ? [] : '', 0);
      return;
    }
    const entries = addresses.map((address) => ({ address, family: net.isIP(address) }));
    if (settings.all === true) done(null, entries);
    else done(null, entries[0]?.address ?? '', entries[0]?.family ?? 4);
  });
}

(dns as { lookup: unknown }).lookup = standInLookup;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function refuse(socket: net.Socket, address: string): void {
  const error: NodeJS.ErrnoException = new Error(`stand-in network: ${address} is not loopback`);
  error.code = 'ENETUNREACH';
  socket.destroy(error);
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- called with the socket as `this` below
const connect = net.Socket.prototype.connect as (this: net.Socket, ...rest: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const [first] = args;
  const options: unknown = Array.isArray(first) ? first[0] : first;
  const host =
    typeof options === 'object' && options !== null
      ? (options as { host?: unknown }).host
      : typeof args[1] === 'string'
        ? args[1]
        : undefined;
  if (typeof host === 'string' && net.isIP(host) !== 0 && !LOOPBACK.has(host)) {
    process.nextTick(() => refuse(this, host));
    return this;
  }
  // A resolved name: net emits `lookup` for each address and gives up connecting once the socket is destroyed.
  this.on('lookup', (_error: unknown, address: unknown) => {
    if (typeof address === 'string' && !LOOPBACK.has(address)) refuse(this, address);
  });
  return connect.apply(this, args);
};
