import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { escapeControlCharacters } from '../../../src/contracts/escape-control-characters.js';
import { hostileText } from '../../support/hostile-text.js';

/** Characters that draw nothing, or change how the text around them reads, by class. */
const INVISIBLE: Readonly<Record<string, readonly string[]>> = {
  'C0 and C1 controls, DEL': ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b'],
  'line and paragraph separators': ['\u2028', '\u2029'],
  'zero-width characters': ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e'],
  'bidi marks, embeddings, overrides and isolates': [
    '\u200e',
    '\u200f',
    '\u061c',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
  ],
  'tag characters': ['\u{e0001}', '\u{e0041}', '\u{e007f}'],
  'variation selectors': ['\ufe00', '\ufe0f', '\u{e0100}', '\u{e01ef}'],
  'other default-ignorable characters': ['\u00ad', '\u034f', '\u115f', '\u3164', '\uffa0', '\u2064'],
  'interlinear annotation and lone surrogates': ['\ufff9', '\ud800', '\udfff'],
};

describe('escapeControlCharacters', () => {
  it('names line breaks and tabs', () => {
    expect(escapeControlCharacters('a\nb\r\nc\td')).toBe('a\\nb\\r\\nc\\td');
  });

  it.each(Object.entries(INVISIBLE))('shows %s as \\u escapes', (_kind, characters) => {
    for (const character of characters) {
      const shown = escapeControlCharacters(`x${character}y`);
      const code = character.codePointAt(0) ?? 0;
      const expected =
        code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
      expect(shown).toBe(`x${expected}y`);
    }
  });

  it('shows an OSC 52 clipboard write and a screen clear as plain text', () => {
    expect(escapeControlCharacters('\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u001b[H')).toBe(
      '\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\\u001b[H',
    );
  });

  it('keeps ordinary Unicode, emoji with a presentation selector and joined emoji', () => {
    const text = 'Größe 字 😀 ⚠️ 👩‍💻 ✔︎ é';
    expect(escapeControlCharacters(text)).toBe(text);
  });

  it('still shows a second selector after an emoji, and a joiner between letters', () => {
    expect(escapeControlCharacters('⚠\ufe0f\ufe0f')).toBe('⚠\ufe0f\\ufe0f');
    expect(escapeControlCharacters('a\u200db')).toBe('a\\u200db');
    expect(escapeControlCharacters('😀\u{e0041}')).toBe('😀\\u{e0041}');
  });

  it('turns runs of line breaks and tabs into one space when asked, and escapes the rest', () => {
    expect(escapeControlCharacters('a\r\n\tb\u2028c\u202ed', { lineBreaks: 'space' })).toBe('a b c\\u202ed');
  });

  it('leaves no unsafe character in any text, and is the identity on text without one', () => {
    const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Variation_Selector}]/u;
    fc.assert(
      fc.property(hostileText(80), (text) => {
        const shown = escapeControlCharacters(text);
        // Only the kept emoji sequences may hold a selector or joiner.
        const withoutEmoji = shown.replace(
          /\p{Extended_Pictographic}[\ufe0e\ufe0f]?(?:\u200d\p{Extended_Pictographic}[\ufe0e\ufe0f]?)*/gu,
          '',
        );
        expect(withoutEmoji).not.toMatch(unsafe);
        if (!unsafe.test(text)) expect(shown).toBe(text);
      }),
    );
  });
});
