/**
 * The order people expect for names with numbers in them: `lead-2` before `lead-10`. Used wherever a report
 * lists samples or webhooks for a reader; the JSON report keeps its locale-free code-unit order (merge-reports).
 */
import type { CheckResult } from '../judging/check-result.js';

// Fixed locale: the same report reads the same on every machine. `numeric` compares digit runs as numbers.
// Made on first need: building it loads ICU's collation data (about 8 ms), which most comparisons never need.
let collator: Intl.Collator | undefined;

/** Compares two names in natural order; ties (names the collator sees as equal) fall back to code units. */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  const byNumber = compareDigitRunAfterCommonPrefix(a, b);
  if (byNumber !== 0) return byNumber;
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
/** Printable ASCII other than a digit (or the text's edge): a clean end of a digit run for the collator too. */
const isRunBoundary = (code: number): boolean =>
  Number.isNaN(code) || (code >= 0x20 && code <= 0x7e && !isDigit(code));

/**
 * The common case without the collator: names equal up to a run of ASCII digits that differ in value (`s9` and
 * `s10`, `Score lead 2` and `Score lead 12`). The same prefix weighs the same, and the collator's `numeric`
 * compares those runs as numbers at its first level, which decides over anything after them. Each run must be
 * bounded by printable ASCII: a neighbour such as `٣` or `０` (a digit to the collator) or an ignorable control
 * character would join the run. 0 when this does not apply, or the runs are equal in value (`07` and `7`): ask
 * the collator.
 */
function compareDigitRunAfterCommonPrefix(a: string, b: string): number {
  let differ = 0;
  while (differ < a.length && differ < b.length && a.charCodeAt(differ) === b.charCodeAt(differ)) differ += 1;
  if (!isDigit(a.charCodeAt(differ)) || !isDigit(b.charCodeAt(differ))) return 0;
  let start = differ;
  while (start > 0 && isDigit(a.charCodeAt(start - 1))) start -= 1;
  if (!isRunBoundary(a.charCodeAt(start - 1))) return 0;
  const endA = findRunEnd(a, start);
  const endB = findRunEnd(b, start);
  if (endA < 0 || endB < 0) return 0;
  // Compared in place, without leading zeros: the longer number is the larger; else the first differing digit.
  const firstA = skipZeros(a, start, endA);
  const firstB = skipZeros(b, start, endB);
  const lengthA = endA - firstA;
  const lengthB = endB - firstB;
  if (lengthA !== lengthB) return lengthA < lengthB ? -1 : 1;
  for (let offset = 0; offset < lengthA; offset += 1) {
    const digitA = a.charCodeAt(firstA + offset);
    const digitB = b.charCodeAt(firstB + offset);
    if (digitA !== digitB) return digitA < digitB ? -1 : 1;
  }
  return 0;
}

/** Where the ASCII digit run at `start` ends; -1 when it does not end at a clean boundary. */
function findRunEnd(text: string, start: number): number {
  let end = start;
  while (isDigit(text.charCodeAt(end))) end += 1;
  return isRunBoundary(text.charCodeAt(end)) ? end : -1;
}

/** The first digit of `text[start, end)` that is not a leading zero (the last digit when all are zeros). */
function skipZeros(text: string, start: number, end: number): number {
  let first = start;
  while (first < end - 1 && text.charCodeAt(first) === 48) first += 1;
  return first;
}

/**
 * The checks in the order a reader scans them, as a new array: by file and line (the contract's own order), then
 * webhook and sample in natural order ({@link compareNatural}). Sample names are keyed once, not
 * read again in every comparison: names of printable ASCII whose digit runs have no leading zeros split into a
 * skeleton (each digit run as U+0000) and their numbers; two names with the same skeleton are ordered by those numbers
 * alone (the rule of compareDigitRunAfterCommonPrefix, at their first differing run). Others are compared in full.
 */
export function sortForReading(checks: readonly CheckResult[]): CheckResult[] {
  const keyed = checks.map((check) => ({ check, key: readNaturalKey(check.sample) }));
  keyed.sort(
    (a, b) =>
      compareWebhookPlaces(a.check, b.check) ||
      (a.key !== undefined && b.key !== undefined && a.key.skeleton === b.key.skeleton
        ? compareCodeUnits(a.key.numbers, b.key.numbers)
        : compareNatural(a.check.sample, b.check.sample)),
  );
  return keyed.map(({ check }) => check);
}

/** Where a webhook stands for a reader: file and line (the contract's own order), then its name in natural order. */
export function compareWebhookPlaces(a: WebhookPlace, b: WebhookPlace): number {
  return compareCodeUnits(a.file, b.file) || a.line - b.line || compareNatural(a.webhook, b.webhook);
}

type WebhookPlace = Pick<CheckResult, 'file' | 'line' | 'webhook'>;

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `s0042x7` has no key (a leading zero); `lead-12.b3`: skeleton `lead-\0.b\0`, numbers `\u0002` `12` `\u0001` `3`
 * (each run after its length, so a longer number sorts after a shorter one).
 */
function readNaturalKey(name: string): { skeleton: string; numbers: string } | undefined {
  let skeleton = '';
  let numbers = '';
  let index = 0;
  while (index < name.length) {
    const code = name.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return undefined;
    if (!isDigit(code)) {
      skeleton += name[index];
      index += 1;
      continue;
    }
    const end = findRunEnd(name, index);
    // A run too long for one code unit to count it (over 65,535 digits) is compared in full.
    if (end < 0 || (end - index > 1 && code === 48) || end - index > 0xffff) return undefined;
    // A control character stands for the run: it cannot be in a keyed name, so no name's own text reads as one.
    skeleton += '\u0000';
    numbers += String.fromCharCode(end - index) + name.slice(index, end);
    index = end;
  }
  return { skeleton, numbers };
}
