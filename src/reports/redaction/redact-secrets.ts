import type { CheckResult, Failure, MappedValue, RunReport } from '../../judging/check-result.js';
import type { BinaryRunOptions } from './binary-views.js';
import { decodeBinaryRuns } from './binary-views.js';
import { joinCharacterLists } from './character-list-view.js';
import { foldView } from './fold-view.js';
import type { TextView } from './text-view.js';
import { createIdentityView, endOf, startOf } from './text-view.js';
import { listDecodedViews } from './decoded-views.js';
import { listTargets } from './secret-targets.js';

/** What a secret is replaced with. */
export const SECRET_MASK = '***';

export interface RedactOptions {
  /**
   * The text is the start of a longer one (a window of a response body): its end may hold the start of a secret,
   * which is masked too. Cut the redacted text, never the other way round.
   */
  readonly truncated?: boolean;
}

/** Masks secrets in an untrusted text. */
export type Redact = (text: string, options?: RedactOptions) => string;

/** Base64 or hex inside base64 or hex (a JWT inside a base64 cookie) is decoded; deeper is not. */
const MAX_BINARY_DEPTH = 2;
/** Redacted texts remembered per redactor: names, files and messages repeat in every check of a run. */
const CACHE_ENTRIES = 4096;
const CACHE_MAX_CHARS = 2048;
// A text cut in the middle of an escape: `\u00`, `\U0000`, `\x{7`, `%4`, `%u00`, `&#x7`, `=7`.
const INCOMPLETE_ESCAPE =
  /(?:\\(?:u\{?[0-9A-Fa-f]{0,5}|U[0-9A-Fa-f]{0,7}|[xX](?:\{[0-9A-Fa-f]?|[0-9A-Fa-f])?)?|%(?:u[0-9A-Fa-f]{0,3}|[0-9A-Fa-f])?|=[0-9A-Fa-f]?|&(?:#[xX]?[0-9A-Fa-f]*|[A-Za-z][A-Za-z0-9]*)?)$/;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The redactor of a run without secrets: every text as it is, and every report uncopied (redactReport). */
const NOTHING_TO_REDACT: Redact = (text) => text;

/**
 * Builds the one redaction every untrusted text goes through before it is shown anywhere: a mechanism, not a list
 * of encodings. The text is read in canonical views, each of which maps every character back to where it is
 * written: the text itself, then with each layer of escapes undone (JSON `\u`, `\/`, `%XX` however often,
 * character references, C and Python byte escapes), with lists of single characters joined, each view case-folded
 * without whitespace, control or format characters (so `SeCrEt`, `sec\nret` and `s&#101;cret` all read `secret`),
 * and the binary runs decoded at every alignment and read the same way: base64 folded anywhere (MIME, base64url, a
 * JWT's parts, `user:secret` encoded together), hex glued, written apart or dumped (hex-token-view.ts), lists of
 * byte values. A secret found in any view masks the original characters it was read from, so every form is removed
 * where it is written.
 *
 * Secrets shorter than MIN_SECRET_LENGTH (src/contracts/secret-length.ts; the loader refuses them as `${NAME}` values) are masked only
 * where written exactly: folded and decoded, so short a value would match ordinary text and destroy the output.
 * Empty secrets are ignored. `secrets` is the whole list: which values are secret is the caller's decision.
 */
export function createRedactor(secrets: readonly string[]): Redact {
  const nonEmpty = [...new Set(secrets.filter((secret) => secret.length > 0))];
  if (nonEmpty.length === 0) return NOTHING_TO_REDACT;
  const targets = listTargets(nonEmpty);
  const literals = nonEmpty.filter((secret) => !targets.owners.has(secret));
  const lengths = targets.folded.map((target) => target.length);
  const binaryRuns = readBinaryRunOptions(nonEmpty, lengths);
  /**
   * Looks for the secrets in every view of `text`. Untracked (no spans worked out), it stops at the first find
   * and returns true; tracked, it collects the original span of every find into `spans`.
   */
  const search = (text: string, truncated: boolean, tracked: boolean, spans: Span[]): boolean => {
    const visit = (view: TextView, depth: number): boolean => {
      let found = false;
      // Runs are decoded in every decoded view (a `+` of base64 is also a form-encoded space), each run once.
      const decodedRuns = new Set<string>();
      for (const decoded of listDecodedViews(view)) {
        // A list of single characters (`['s', 'k']`) is read as the text it spells too.
        for (const read of [decoded, ...joinCharacterLists(decoded)]) {
          const folded = foldView(read);
          found = findTargets(folded, targets.folded, spans) || found;
          if (folded.reachesEnd) found = findCutTargets(folded, targets.folded, text.length, spans) || found;
        }
        if (found && !tracked) return true;
        if (depth >= MAX_BINARY_DEPTH) continue;
        for (const run of decodeBinaryRuns(decoded, binaryRuns)) {
          // Untracked, one find is enough; tracked, the same text at another place is another find.
          const key = run.tracked ? `${startOf(run, 0)}:${run.text}` : run.text;
          if (decodedRuns.has(key)) continue;
          decodedRuns.add(key);
          found = visit(run, depth + 1) || found;
          if (found && !tracked) return true;
        }
      }
      return found;
    };
    let read = text;
    if (truncated) {
      // An escape cut in half at the end is masked, and the text read without it: decoders would read `&#0` or
      // `\u00` as a character of its own, and what comes before it would no longer end the text.
      const incomplete = INCOMPLETE_ESCAPE.exec(text);
      if (incomplete !== null) {
        if (!tracked) return true;
        spans.push({ start: incomplete.index, end: text.length });
        read = text.slice(0, incomplete.index);
      }
    }
    return visit(createIdentityView(read, tracked, truncated), 0);
  };

  const findSpans = (text: string, truncated: boolean): Span[] => {
    const spans: Span[] = [];
    for (const literal of literals) {
      for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1))
        spans.push({ start: at, end: at + literal.length });
    }
    // Spans are worked out only for a text known to hold a secret: most hold none.
    if (targets.folded.length > 0 && search(text, truncated, false, [])) search(text, truncated, true, spans);
    return spans;
  };

  const caches = { whole: new Map<string, string>(), truncated: new Map<string, string>() };
  return (text, options) => {
    const truncated = options?.truncated === true;
    const cache = truncated ? caches.truncated : caches.whole;
    const cacheable = text.length <= CACHE_MAX_CHARS;
    if (cacheable) {
      const known = cache.get(text);
      if (known !== undefined) return known;
    }
    const redacted = maskSpans(text, findSpans(text, truncated));
    if (cacheable) {
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      cache.set(text, redacted);
    }
    return redacted;
  };
}

/** How binary runs are read for these secrets (binary-views.ts); `lengths`: of their folded targets. */
function readBinaryRunOptions(secrets: readonly string[], lengths: readonly number[]): BinaryRunOptions {
  const codes = new Set(secrets.flatMap((secret) => [...secret].map((char) => char.codePointAt(0) ?? 0)));
  const has = (test: (code: number) => boolean): boolean => [...codes].some(test);
  return {
    minBytes: Math.max(4, Math.floor(Math.min(...lengths, 64) / 2)),
    minTextChars: Math.min(...lengths),
    textBytes: {
      latin1: has((code) => code >= 0xa0 && code <= 0xff),
      controls: has((code) => code < 0x20 || (code >= 0x7f && code < 0xa0)),
    },
    // UTF-16 of a character past Latin-1 is not read by the UTF-8 decoding of bytes; only such secrets need it.
    utf16: has((code) => code > 0xff),
  };
}

function findTargets(folded: TextView, targets: readonly string[], spans: Span[]): boolean {
  const { text } = folded;
  let found = false;
  for (const target of targets) {
    for (let at = text.indexOf(target); at >= 0; at = text.indexOf(target, at + 1)) {
      found = true;
      if (!folded.tracked) return true;
      spans.push({ start: startOf(folded, at), end: endOf(folded, at + target.length - 1) });
    }
  }
  return found;
}

/** A view of a cut text that ends with the start of a secret: masked from there to the end of the text. */
function findCutTargets(
  folded: TextView,
  targets: readonly string[],
  textLength: number,
  spans: Span[],
): boolean {
  let { text } = folded;
  let found = false;
  // An escape cut in half (`%4`, `\u00`, `&#x7`, or `%25` once decoded) shows part of a character, perhaps a
  // secret's: it is masked, and what comes before it is read as the end.
  const incomplete = INCOMPLETE_ESCAPE.exec(text);
  if (incomplete !== null) {
    found = true;
    if (!folded.tracked) return true;
    spans.push({ start: startOf(folded, incomplete.index), end: textLength });
    text = text.slice(0, incomplete.index);
  }
  for (const target of targets) {
    for (let length = Math.min(target.length - 1, text.length); length > 0; length -= 1) {
      if (!text.endsWith(target.slice(0, length))) continue;
      found = true;
      if (!folded.tracked) return true;
      spans.push({ start: startOf(folded, text.length - length), end: textLength });
      break;
    }
  }
  return found;
}

function maskSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let result = '';
  let from = 0;
  let index = 0;
  while (index < spans.length) {
    const first = spans[index];
    if (first === undefined) break;
    let end = first.end;
    index += 1;
    // Overlapping and touching spans become one mask.
    while (index < spans.length && (spans[index]?.start ?? Infinity) <= end) {
      end = Math.max(end, spans[index]?.end ?? end);
      index += 1;
    }
    result += text.slice(from, Math.max(from, first.start)) + SECRET_MASK;
    from = Math.max(from, end);
  }
  return result + text.slice(from);
}

/**
 * A redactor over a set of secrets that grows as contract files are read: rebuilt only when the set has grown, so
 * a line logged before or after the secrets are known goes through the same redaction.
 */
export function createGrowingRedactor(secrets: ReadonlySet<string>): Redact {
  let built: { size: number; redact: Redact } = { size: -1, redact: (text) => text };
  return (text, options) => {
    if (built.size !== secrets.size) built = { size: secrets.size, redact: createRedactor([...secrets]) };
    return built.redact(text, options);
  };
}

/**
 * Returns a copy of the report with `redact` applied to every string in it: names, file paths, error types,
 * failure messages with their expected and actual values, warnings, mapped field names and values, and the
 * response snippet. Numbers and booleans are kept.
 */
export function redactReport(report: RunReport, redact: (text: string) => string): RunReport {
  // No secrets: the report itself; a copy of every check would cost time and memory for nothing.
  if (redact === NOTHING_TO_REDACT) return report;
  return { version: report.version, summary: { ...report.summary }, checks: report.checks.map(redactCheck) };

  function redactCheck(check: CheckResult): CheckResult {
    const redacted: CheckResult = {
      ...check,
      webhook: redact(check.webhook),
      sample: redact(check.sample),
      file: redact(check.file),
      errorType: check.errorType === null ? null : redact(check.errorType),
      failures: check.failures.map(redactFailure),
      warnings: check.warnings.map(redact),
      mapped: Object.fromEntries(
        Object.entries(check.mapped).map(([field, value]): [string, MappedValue] => [
          redact(field),
          typeof value === 'string' ? redact(value) : value,
        ]),
      ),
    };
    const withSnippet =
      check.responseSnippet === undefined
        ? redacted
        : { ...redacted, responseSnippet: redact(check.responseSnippet) };
    // A redirect's target can echo the request URL, secrets and all.
    return check.location === undefined ? withSnippet : { ...withSnippet, location: redact(check.location) };
  }

  function redactFailure(failure: Failure): Failure {
    const redacted: Failure = { ...failure, message: redact(failure.message) };
    return {
      ...redacted,
      ...(failure.expected === undefined ? {} : { expected: redact(failure.expected) }),
      ...(failure.actual === undefined ? {} : { actual: redact(failure.actual) }),
    };
  }
}
