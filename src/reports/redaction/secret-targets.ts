/** What the redactor searches for: the folded spellings of each secret (redact-secrets.ts). */
import { MIN_SECRET_LENGTH } from '../../contracts/secret-length.js';
import { decodeFully } from './decoded-views.js';
import { foldText } from './fold-view.js';
import { listSecretUrlParts } from './secret-url-parts.js';

/**
 * The characters of `value` that count towards MIN_SECRET_LENGTH: as the redactor reads it (folded: whitespace,
 * control and format characters not counted), and no more than once its escapes are undone (`%41%42` is 2), since
 * a server may echo it decoded.
 */
export function countSecretCharacters(value: string): number {
  return Math.min([...foldText(value)].length, [...foldText(decodeFully(value))].length);
}

export interface Targets {
  /** Folded forms (fold-view.ts), searched in every folded view of a text; longest first. */
  readonly folded: readonly string[];
  /** The secrets long enough to be searched folded and decoded. */
  readonly owners: ReadonlySet<string>;
}

/**
 * The folded forms searched for: each secret as it is, with every escape layer undone (how a server that decodes
 * before echoing writes it), each line of a multi-line one, as a hostname, and each part of a URL in it that may be
 * echoed alone (host, path, query: secret-url-parts.ts); each at least MIN_SECRET_LENGTH long.
 */
export function listTargets(secrets: readonly string[]): Targets {
  const folded = new Set<string>();
  const owners = new Set<string>();
  for (const secret of secrets) {
    const forms = [secret, decodeFully(secret)];
    // A multi-line secret (a PEM key) may be echoed one line at a time.
    if (/[\r\n]/.test(secret)) forms.push(...secret.split(/\r\n|\r|\n/));
    // A hostname is lower-cased and punycoded by URL parsing, and error messages quote it that way.
    const host = tryReadHostname(secret);
    if (host !== undefined) forms.push(host);
    forms.push(...listSecretUrlParts(secret));
    for (const form of forms) {
      const target = foldText(form);
      if (target.length < MIN_SECRET_LENGTH) continue;
      folded.add(target);
      owners.add(secret);
    }
  }
  // Longest first: where spans overlap they are merged anyway, but a long target is the likelier whole.
  return { folded: [...folded].sort((a, b) => b.length - a.length), owners };
}

const NOT_IN_HOSTNAME = /[\s/?#\\@:[\]%]/u;

function tryReadHostname(secret: string): string | undefined {
  if (NOT_IN_HOSTNAME.test(secret)) return undefined;
  try {
    return new URL(`http://${secret}/`).hostname;
  } catch {
    // Not a valid hostname: it cannot appear as one.
    return undefined;
  }
}
