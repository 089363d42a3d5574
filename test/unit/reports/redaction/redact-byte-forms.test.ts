import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_SECRET_LENGTH } from '../../../../src/contracts/secret-length.js';
import { createRedactor, SECRET_MASK } from '../../../../src/reports/redaction/redact-secrets.js';
import { countSecretCharacters } from '../../../../src/reports/redaction/secret-targets.js';
import { SECRET_BYTE_FORMS } from '../../../support/secret-byte-forms.js';

/** An API key as staging services issue them, and one with characters every notation writes differently. */
const API_KEY = 'sk_live_9fQ2xT7bLw3ZkP8v';
const ODD_SECRET = 'p@ss w0rd/+=?&é<>"~€x';
/** The same forms of a value that is no secret must come through untouched. */
const OTHER = 'pk_test_Hn4Rw8YcJm2Qs6Dz';
const FORMS = Object.entries(SECRET_BYTE_FORMS);

/** Every window of `length` characters of the secret, as text, case-insensitive. */
function windowsOf(secret: string, length: number): string[] {
  const chars = [...secret];
  return chars.slice(0, chars.length - length + 1).map((_char, at) => chars.slice(at, at + length).join(''));
}

/** A value with as many characters and UTF-8 bytes as `secret`, and none of its characters. */
function otherOfSameShape(secret: string): string {
  return [...secret].map((char) => ['Q', 'Ж', '中', '😀'][Buffer.byteLength(char) - 1] ?? 'Q').join('');
}

/** `form` without the start and end it shares with `other`. */
function trimShared(form: string, other: string): string {
  let start = 0;
  while (start < form.length && form[start] === other[start]) start += 1;
  let end = 0;
  while (end < form.length - start && form[form.length - 1 - end] === other[other.length - 1 - end]) end += 1;
  return form.slice(start, form.length - end);
}

function expectNoTrace(masked: string, secret: string, form: string, name: string): void {
  expect(masked, name).toContain(SECRET_MASK);
  const lower = masked.toLowerCase();
  for (const window of windowsOf(secret, 6))
    expect(lower.includes(window.toLowerCase()), `${name} shows ${window}: ${masked}`).toBe(false);
  const half = Math.max(8, Math.ceil(form.length / 2));
  for (let at = 0; at + half <= form.length; at += Math.max(1, Math.floor(half / 4)))
    expect(masked.includes(form.slice(at, at + half)), `${name} keeps part of the form: ${masked}`).toBe(
      false,
    );
}

describe('createRedactor: base64 folded, hex dumps, byte lists and byte escapes', () => {
  for (const secret of [API_KEY, ODD_SECRET]) {
    const redact = createRedactor([secret]);
    it.each(FORMS)(`masks %s (${secret.slice(0, 4)}…)`, (name, encode) => {
      const form = encode(secret);
      expectNoTrace(redact(`response: ${form} (end)`), secret, form, name);
    });
  }

  it.each(FORMS)('leaves %s of a value that is not secret as it is', (_name, encode) => {
    const redact = createRedactor([API_KEY]);
    const text = `response: ${encode(OTHER)} (end)`;
    expect(redact(text)).toBe(text);
  });

  it('masks a dump row to its end, so the character column does not show the secret', () => {
    const redact = createRedactor([API_KEY]);
    const dump = SECRET_BYTE_FORMS['xxd (groups of 2 bytes)']?.(API_KEY) ?? '';
    // The dump of `key=` and the secret: masked from the secret's first byte to the end of its last row.
    expect(redact(dump)).toBe('00000000: 6b65 793d ***');
  });

  it('reads a quote in a list as an item of its own when a quote follows it (found by the property below)', () => {
    const secret = 'aaaaaaa"';
    const list = [...secret].map((char) => `&#${char.codePointAt(0) ?? 0};`).join(', ');
    expect(createRedactor([secret])(` ${list} "`)).toBe(' *** "');
    expect(createRedactor([`p'ss w0rd`])(`['p', "'", 's', 's', ' ', 'w', '0', 'r', 'd']`)).toBe("['***']");
  });

  it('keeps ordinary numbers, dates, UUIDs and prose as they are', () => {
    const redact = createRedactor([API_KEY]);
    const text = [
      'Order 2024-10-15 12:30:45, id 3f2c9a1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c, total 115, 101, 99 EUR',
      '00000000: 4865 6c6c 6f20 776f 726c 640a            Hello world.',
      '[0x48, 0x65, 0x6c, 0x6c, 0x6f] and c2Vj cmV0 and bad cafe face dead beef',
      'Internal Server Error: the upstream at 10.0.0.12:8443 answered 502 after 30000 ms',
    ].join('\n');
    expect(redact(text)).toBe(text);
  });

  it('masks the start of a secret at the end of a cut dump or list, in each form', () => {
    const redact = createRedactor([API_KEY]);
    for (const [name, encode] of FORMS) {
      const form = encode(API_KEY);
      // Cut in the secret's second half: what is shown before the cut must not read as any of it.
      const at = form.lastIndexOf(encode(API_KEY.slice(0, 16)).slice(-6)) + 3;
      if (at < 3) continue;
      const masked = redact(form.slice(0, at), { truncated: true });
      for (const window of windowsOf(API_KEY, 6))
        expect(masked.toLowerCase().includes(window.toLowerCase()), `${name}: ${masked}`).toBe(false);
    }
  });
});

describe('createRedactor: byte forms, property', () => {
  const secretArbitrary = fc
    .string({ unit: fc.constantFrom(...'abcXYZ019_-/+=?&%#"<>~\\é€'.split('')), minLength: 8, maxLength: 24 })
    .filter((secret) => countSecretCharacters(secret) >= MIN_SECRET_LENGTH);
  const textArbitrary = fc.string({
    unit: fc.constantFrom(...'ab Z9 ,;:!{}[]"0x\n'.split('')),
    maxLength: 12,
  });

  it('leaves no byte form of a random secret, nor half of one, in the redacted text', () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        textArbitrary,
        textArbitrary,
        fc.constantFrom(...FORMS),
        (secret, before, after, [name, encode]) => {
          const form = encode(secret);
          // A dump starts a line of its own (its offset may follow a word or two, or a label and `: `).
          const separator = /xxd|hexdump|od -x|Wireshark/.test(name) ? '\n' : ' ';
          const masked = createRedactor([secret])(`${before}${separator}${form} ${after}`);
          expect(masked, name).toContain(SECRET_MASK);
          // What depends on the secret: the form without what it shares with the form of another value.
          const core = trimShared(form, encode(otherOfSameShape(secret)));
          const half = Math.max(8, Math.ceil(core.length / 2));
          for (let at = 0; at + half <= core.length; at += 1)
            expect(masked, `${name}: ${masked}`).not.toContain(core.slice(at, at + half));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the secret folded at random widths with random whitespace and separators', () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n  ', '\u200b', '\u00a0', '", "'), { minLength: 1 }),
        (secret, widths, separators) => {
          const base64 = Buffer.from(secret).toString('base64');
          let folded = '';
          for (let at = 0, turn = 0; at < base64.length; turn += 1) {
            const width = widths[turn % widths.length] ?? 4;
            folded += base64.slice(at, at + width) + (separators[turn % separators.length] ?? ' ');
            at += width;
          }
          const masked = createRedactor([secret])(`key ${folded} end`);
          expect(masked.replace(/[^A-Za-z0-9+/=]/g, '')).not.toContain(base64.slice(0, 8));
        },
      ),
      { numRuns: 300 },
    );
  });
});
