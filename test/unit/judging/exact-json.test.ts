/**
 * parseJsonKeepingNumbers skips the (slow) source-text reviver when the text proves no number can need it: the
 * result must be the same as always using the reviver, for every spelling of a number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNumberSource, parseJsonKeepingNumbers } from '../../../src/judging/exact-json.js';

/** Every number's source text that `String(value)` does not give back, as [path, text], by always reviving. */
function changedNumbersByReviver(text: string): [string, string][] {
  const changed: [string, string][] = [];
  JSON.parse(text, (key, value: unknown, context?: { source?: string }) => {
    if (typeof value === 'number' && context?.source !== undefined && context.source !== String(value))
      changed.push([key, context.source]);
    return value;
  });
  return changed;
}

/** The same list, read back through what parseJsonKeepingNumbers kept. */
function changedNumbersKept(text: string): [string, string][] {
  const { value, sources } = parseJsonKeepingNumbers(text);
  const changed: [string, string][] = [];
  const visit = (holder: unknown): void => {
    if (holder === null || typeof holder !== 'object') return;
    for (const [key, child] of Object.entries(holder)) {
      visit(child);
      const source = findNumberSource(sources, holder, key);
      if (source !== undefined) changed.push([key, source]);
    }
  };
  visit(value);
  return changed;
}

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const integerText = fc
  .tuple(fc.constantFrom('', '-'), fc.constantFrom(...'123456789'), digits(0, 24))
  .map(([sign, first, rest]) => `${sign}${first}${rest}`);
const numberText = fc.oneof(
  integerText,
  fc.constantFrom('0', '-0', '0.0', '-0.0', '1e2', '1E2', '1e-2', '10.50', '5e0', '9007199254740993'),
  fc.tuple(integerText, digits(1, 6)).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.tuple(integerText, fc.constantFrom('e', 'E', 'e+', 'e-'), digits(1, 3)).map((parts) => parts.join('')),
);

describe('parseJsonKeepingNumbers', () => {
  it('keeps the same number texts as a reviver on every value, with or without the fast path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 8 }), numberText), { maxLength: 8 }),
        fc.boolean(),
        (entries, nested) => {
          const members = entries.map(
            ([key, number], index) => `${JSON.stringify(`${key}${index}`)}: ${number}`,
          );
          const object = `{${members.join(', ')}}`;
          const text = nested
            ? `{"data": [${object}, ${entries.map(([, n]) => n).join(', ') || '1'}]}`
            : object;
          expect(changedNumbersKept(text)).toEqual(changedNumbersByReviver(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['{"score": 42, "id": "x"}', []],
    ['{"score": 12345678901234567890}', [['score', '12345678901234567890']]],
    ['{"ratio": 1.0}', [['ratio', '1.0']]],
    ['{"n": -0}', [['n', '-0']]],
    ['[1e3]', [['0', '1e3']]],
  ])('%s keeps %j', (text, expected) => {
    expect(changedNumbersKept(text)).toEqual(expected);
  });

  it('throws SyntaxError on invalid JSON on either path', () => {
    expect(() => parseJsonKeepingNumbers('{"a": 1')).toThrow(SyntaxError);
    expect(() => parseJsonKeepingNumbers('{"a": 1.5')).toThrow(SyntaxError);
  });
});
