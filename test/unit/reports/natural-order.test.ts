/**
 * compareNatural answers most comparisons without ICU (names that differ in a digit run); every answer must be
 * the collator's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/judging/check-result.js';
import { compareNatural, sortForReading } from '../../../src/reports/natural-order.js';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
const reference = (a: string, b: string): number =>
  Math.sign(collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));

// Names built from pieces that stress the fast path: shared prefixes, digit runs with leading zeros, case,
// punctuation, accents, non-ASCII digits.
const piece = fc.constantFrom(
  's',
  'S',
  'lead',
  'Lead',
  '-',
  ' ',
  '_',
  '.',
  '#',
  'é',
  'e\u0301',
  '٣',
  '０',
  '\u0001',
  '\u00a0',
  '\u0301',
  'x',
);
const digits = fc.stringMatching(/^[0-9]{1,5}$/);
const name = fc.array(fc.oneof(piece, digits), { maxLength: 6 }).map((parts) => parts.join(''));

describe('compareNatural', () => {
  it('agrees with the collator (then code units) on every pair', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(compareNatural(a, b))).toBe(reference(a, b));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on pairs that share a prefix and differ in a number', () => {
    fc.assert(
      fc.property(name, digits, digits, name, name, (prefix, x, y, tailA, tailB) => {
        const a = `${prefix}${x}${tailA}`;
        const b = `${prefix}${y}${tailB}`;
        expect(Math.sign(compareNatural(a, b))).toBe(reference(a, b));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['s9', 's10', -1],
    ['lead-10', 'lead-2', 1],
    ['Score lead 12', 'Score lead 2', 1],
    ['s07', 's7', reference('s07', 's7')],
    ['a', 'B', -1],
    ['same', 'same', 0],
  ])('%s vs %s', (a, b, expected) => {
    expect(Math.sign(compareNatural(a, b))).toBe(expected);
  });
});

/** The reading order, comparison by comparison (what sortForReading must give, keys or not). */
function compareChecksForReading(a: CheckResult, b: CheckResult): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    compareNatural(a.webhook, b.webhook) ||
    compareNatural(a.sample, b.sample)
  );
}

describe('sortForReading', () => {
  const check = (sample: string, webhook = 'Score lead', line = 12) =>
    ({ sample, webhook, line, file: 'c.yml' }) as CheckResult;

  it('orders as compareChecksForReading does, keyed names and others mixed', () => {
    const asciiName = fc
      .array(fc.oneof(fc.constantFrom('s', 'S', 'lead', '-', '.', ' ', '#', 'x', '\\0', '\u0000'), digits), {
        maxLength: 5,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(asciiName, name),
            fc.constantFrom('Score lead', 'Score lead 2', 'b'),
            fc.constantFrom(3, 12),
          ),
          { maxLength: 40 },
        ),
        (entries) => {
          const checks = entries.map(([sample, webhook, line]) => check(sample, webhook, line));
          const expected = [...checks].sort(compareChecksForReading);
          expect(sortForReading(checks).map((c) => [c.line, c.webhook, c.sample])).toEqual(
            expected.map((c) => [c.line, c.webhook, c.sample]),
          );
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('orders numbers longer than a code unit can count (65,536 digits) by value too', () => {
    const long = `s1${'0'.repeat(70_000)}`;
    const checks = [long, 's9', `s2${'0'.repeat(4_464)}`].map((sample) => check(sample));
    expect(sortForReading(checks).map((c) => c.sample.length)).toEqual([2, 4_466, 70_002]);
  });

  it('puts s2 before s10 and keeps the input array as it was', () => {
    const checks = ['s10', 's2', 's1', 'lead 007', 'lead 7'].map((sample) => check(sample));
    expect(sortForReading(checks).map((c) => c.sample)).toEqual(
      [...checks].sort(compareChecksForReading).map((c) => c.sample),
    );
    expect(
      sortForReading(checks)
        .map((c) => c.sample)
        .slice(2),
    ).toEqual(['s1', 's2', 's10']);
    expect(checks.map((c) => c.sample)).toEqual(['s10', 's2', 's1', 'lead 007', 'lead 7']);
  });
});
