import { describe, expect, it } from 'vitest';
import { checkHeaderValue, isValidHeaderValue } from '../../../src/contracts/check-header-value.js';

describe("isValidHeaderValue (undici's rule)", () => {
  it.each([
    ['printable ASCII', 'Bearer abc-123_~!'],
    ['a tab', 'a\tb'],
    ['Latin-1 letters', 'café ÿ'],
    ['U+0080 to U+00FF', '\u0080\u00a0\u00ff'],
    ['the empty string', ''],
  ])('accepts %s', (_label, value) => {
    expect(isValidHeaderValue(value)).toBe(true);
  });

  it.each([
    ['a line feed', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a NUL', 'a\u0000b'],
    ['another C0 control', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['U+0100', 'a\u0100b'],
    ['a Greek letter', 'Ω'],
    ['an emoji', '🔑'],
    ['a line separator', 'a\u2028b'],
  ])('refuses %s', (_label, value) => {
    expect(isValidHeaderValue(value)).toBe(false);
  });
});

describe('checkHeaderValue', () => {
  it('finds nothing in a valid value, written or substituted', () => {
    expect(checkHeaderValue('application/json', {})).toEqual([]);
    expect(checkHeaderValue('Bearer ${TOKEN}', { TOKEN: 'abc\té' })).toEqual([]);
  });

  it('leaves an unset or empty variable to the substitution', () => {
    expect(checkHeaderValue('${UNSET}${EMPTY}', { EMPTY: '' })).toEqual([]);
  });

  it('names the variable and the kind of character at the reference, never the value', () => {
    const problems = checkHeaderValue('Bearer ${TOKEN}', { TOKEN: 'sécret-Ω' });
    expect(problems).toEqual([
      {
        offset: 7,
        message:
          'the value of environment variable TOKEN holds a character outside Latin-1, which cannot be sent: an HTTP header value can hold only tab, printable ASCII and Latin-1 characters (the value is a secret, so it is not shown)',
      },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/sécret|Ω|03A9/);
  });

  it('reports each bad variable once, however many bad characters it holds', () => {
    const problems = checkHeaderValue('${A}-${B}-${A}', { A: 'x\r\ny', B: 'ok' });
    expect(problems.map((problem) => problem.offset)).toEqual([0, 10]);
    expect(problems.every((problem) => problem.message.includes('holds a line break'))).toBe(true);
  });

  it('names a bad character written in the file by its code point, at its offset', () => {
    expect(checkHeaderValue('x ${A} Ω', { A: 'ok' })).toEqual([
      {
        offset: 7,
        message:
          'a character outside Latin-1 (U+03A9) cannot be sent: an HTTP header value can hold only tab, printable ASCII and Latin-1 characters',
      },
    ]);
  });

  it('treats a malformed reference as written text', () => {
    expect(checkHeaderValue('${Ω}', { Ω: 'fine' }).map((problem) => problem.offset)).toEqual([2]);
  });
});
