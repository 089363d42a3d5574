/**
 * How every message names the host a request went to (the host policy's `blocked` reasons, the HTTP adapter's
 * `network` and guard messages): the one door for a request's host in our own words.
 *
 * The redactor masks a secret's whole value and its encodings, but a message that quotes only the host quotes a
 * part of a value: `https://staging.internal.example:8443/hook?key=…` read from `${STAGING_URL}` would show
 * `staging.internal.example:8443`. So a host is shown as written only when that text shows no part of a secret;
 * otherwise the message names the variable instead (`the host read from ${STAGING_URL}`), never its value.
 * A host hides a secret's part when
 * - a secret, in any form a request carries it (as read, trimmed, token-encoded), is written in the URL over any
 *   character of the host, port included (the host came from the variable, wholly or in part); or
 * - any spelling of the host (as written, as URL parsing normalises it, percent-decoded, case folded) is a part of
 *   a secret's value or of its decoded form, even where the contract wrote it literally (the host coincides with
 *   part of the value, and showing it would show that part).
 * Whole URLs are quoted only where the whole value was substituted into them: the redactor masks it there.
 */
import { listSentForms } from './secret-bearing.js';
import { findWrittenHost, readWrittenHost, stripPort } from './written-host.js';

/** A value read from the environment, with the variables it was read from (none when unknown). */
export interface NamedSecret {
  readonly names: readonly string[];
  readonly value: string;
}

/** The host of `url` as a message may name it. */
export type DescribeHost = (url: string) => string;

/** The host as written (no secrets known): `api.example.com:8443`, or the whole text when it has no host. */
export const describeWrittenHost: DescribeHost = (url) => readWrittenHost(url, url);

/** Descriptions remembered per describer: most webhooks have one URL for all their samples. */
const CACHE_ENTRIES = 1_000;

interface PreparedSecret {
  readonly label: string;
  /** Every form of the value a request may carry it in (secret-bearing.ts). */
  readonly sent: readonly string[];
  /** The value lower-cased, and as URL parsing and percent-decoding would write its parts. */
  readonly folded: readonly string[];
}

/** Builds the describer for one run's secrets. */
export function createHostDescriber(secrets: readonly NamedSecret[]): DescribeHost {
  const prepared = secrets
    .filter((secret) => secret.value !== '')
    .map((secret): PreparedSecret => ({
      label: formatNames(secret.names),
      sent: listSentForms([secret.value]),
      folded: listFoldedForms(secret.value),
    }));
  if (prepared.length === 0) return describeWrittenHost;
  const cache = new Map<string, string>();
  return (url) => {
    let description = cache.get(url);
    if (description === undefined) {
      description = describe(url, prepared);
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      cache.set(url, description);
    }
    return description;
  };
}

function describe(url: string, secrets: readonly PreparedSecret[]): string {
  const host = findWrittenHost(url);
  // No host to quote: a message shows the whole text, which holds any secret whole, and the redactor masks it.
  if (host === undefined) return url;
  const readFrom = secrets.filter((secret) => isWrittenOver(url, host.start, host.end, secret.sent));
  if (readFrom.length > 0) return `the host read from ${joinLabels(readFrom)}`;
  const spellings = listHostSpellings(url, host.text);
  const partOf = secrets.filter((secret) =>
    spellings.some((spelling) => secret.folded.some((form) => form.includes(spelling))),
  );
  if (partOf.length > 0) return `a host that is part of ${joinLabels(partOf)}`;
  return host.text;
}

/** True when any of `forms` is written in `url` over a character of `[start, end)`. */
function isWrittenOver(url: string, start: number, end: number, forms: readonly string[]): boolean {
  return forms.some((form) => {
    for (let at = url.indexOf(form); at >= 0 && at < end; at = url.indexOf(form, at + 1)) {
      if (at + form.length > start) return true;
    }
    return false;
  });
}

/**
 * Replaces every spelling of `url`'s host in `text` (an error's own words, which name the host as the resolver or
 * TLS saw it) with `description`. For a host {@link DescribeHost} does not show.
 */
export function hideHostSpellings(text: string, url: string, description: string): string {
  const host = findWrittenHost(url);
  if (host === undefined) return text;
  // Longest first: `host:8443` goes before `host`, so no port is left behind.
  const spellings = listHostSpellings(url, host.text).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(spellings.map(escapeRegExp).join('|'), 'gi');
  return text.replace(pattern, description);
}

/** `host:port` and `host`, as written and as WHATWG URL writes them, percent-decoded, lower-cased. */
function listHostSpellings(url: string, written: string): string[] {
  const spellings = new Set<string>();
  const add = (text: string): void => {
    for (const form of [text, decodePercent(text)]) {
      const folded = form.toLowerCase();
      if (folded !== '') spellings.add(folded);
    }
  };
  add(written);
  add(stripPort(written));
  const parsed = tryParseUrl(url);
  if (parsed !== undefined) {
    add(parsed.host);
    add(parsed.hostname);
  }
  return [...spellings];
}

/** The value's forms a host could be part of: as it is, percent-decoded, and as URL parsing writes its hosts. */
function listFoldedForms(value: string): string[] {
  const forms = new Set([value.toLowerCase(), decodePercent(value).toLowerCase()]);
  // An absolute URL anywhere in the value (`Bearer x https://…`), or the value as a bare hostname.
  for (const match of value.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g)) {
    const parsed = tryParseUrl(match[0]);
    if (parsed !== undefined) forms.add(parsed.host);
  }
  const bare = /^[^\s/?#\\@[\]%]+$/.test(value) ? tryParseUrl(`http://${value}/`) : undefined;
  if (bare !== undefined) forms.add(bare.host);
  return [...forms];
}

/** Undoes `%XX` escapes, layer after layer (a host percent-encoded twice reads the same). */
function decodePercent(text: string): string {
  let current = text;
  for (let layer = 0; layer < 4 && current.includes('%'); layer += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

function tryParseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** `${STAGING_URL}`, `${A} or ${B}`; a value whose variable is not known is "a secret". */
function formatNames(names: readonly string[]): string {
  return names.length === 0 ? 'a secret' : joinWords(names.map((name) => `\${${name}}`));
}

function joinLabels(secrets: readonly PreparedSecret[]): string {
  return joinWords([...new Set(secrets.map((secret) => secret.label))]);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
