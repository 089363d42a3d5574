/**
 * Which hosts a webhook request may be sent to (SPEC section 5, `allowed-hosts`).
 *
 * Two rules: link-local and cloud metadata addresses are never called (a contract in a pull request must not be
 * able to read the runner's instance credentials), and a request that carries a `${NAME}` secret goes only to a
 * host the workflow allows (so a pull request cannot point a secret at its own server).
 *
 * The check works on the URL's text: hostnames are not resolved here (the core does no I/O). The HTTP adapter
 * resolves each hostname itself and refuses link-local answers with {@link isForbiddenAddress}, before connecting
 * and before handing a request to a proxy.
 */
import { matchesAllowedHost, parseAllowedHost } from './allowed-hosts.js';
import type { AllowedHost } from './allowed-hosts.js';
import { describeWrittenHost } from './describe-host.js';
import type { DescribeHost } from './describe-host.js';
import { isForbiddenAddress } from './forbidden-address.js';

export interface HostPolicyOptions {
  /** True when a value read from the environment is in the request's URL, headers or body. */
  readonly carriesSecret: boolean;
  /** Hosts a secret may go to (see allowed-hosts.ts), or `any`. An entry that does not parse matches nothing. */
  readonly allowedHosts: readonly string[] | 'any';
  /** How a reason names the refused host (describe-host.ts); as written when no secrets are known. */
  readonly describeHost?: DescribeHost;
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
  const hostname = target.hostname.replace(/\.+$/, '');
  // Named as written, or by the variable it came from: never a part of a secret (describe-host.ts).
  const describeHost = options.describeHost ?? describeWrittenHost;
  if (METADATA_HOSTNAMES.has(hostname) || isForbiddenAddress(hostname)) {
    return `${describeHost(url)} is a link-local or cloud metadata address, which is never called`;
  }
  if (!options.carriesSecret || options.allowedHosts === 'any') return undefined;

  const port = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  const allowed = readAllowedHosts(options.allowedHosts).some((entry) =>
    matchesAllowedHost(entry, hostname, port),
  );
  if (allowed) return undefined;
  return (
    `the request carries a secret and ${describeHost(url)} is not in allowed-hosts` +
    (options.allowedHosts.length === 0 ? ' (which is empty)' : ` (${options.allowedHosts.join(', ')})`)
  );
}

/** Parsed once per list: a run asks about one list for every URL it sends. */
const parsedLists = new WeakMap<readonly string[], readonly AllowedHost[]>();

function readAllowedHosts(entries: readonly string[]): readonly AllowedHost[] {
  let parsed = parsedLists.get(entries);
  if (parsed === undefined) {
    parsed = entries.flatMap((entry) => {
      const result = parseAllowedHost(entry);
      return result.ok ? [result.host] : [];
    });
    parsedLists.set(entries, parsed);
  }
  return parsed;
}
