/**
 * compareNatural answers most comparisons without ICU (names that differ in a digit run); every answer must be
 * the collator's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../../src/reports/natural-order.js';

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
