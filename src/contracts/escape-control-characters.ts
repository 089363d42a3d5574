/**
 * The characters of untrusted text (names, samples, file names, response text) that must never reach a reader
 * as themselves, and how they are shown instead. Every door to a sink (terminal, runner log, Markdown) starts
 * here, so the three agree on what is unsafe.
 *
 * Unsafe: controls (C0, DEL, C1: terminal escapes, carriage returns that overwrite a line, line breaks that
 * forge one), line and paragraph separators, format characters (`Cf`: zero-width spaces and joiners, bidi
 * marks, embeddings, overrides and isolates, the Arabic letter mark, tag characters), every other default-
 * ignorable code point (variation selectors, Hangul fillers, the combining grapheme joiner) and lone surrogates.
 * Each makes text read differently from what it is, or hides text entirely.
 */

/**
 * An emoji with at most one presentation selector, joined to more by U+200D (`⚠️`, `👩‍💻`): kept as it is,
 * because these selectors and joiners only choose how visible pictographs are drawn and hide nothing.
 */
const EMOJI_SEQUENCE =
  '\\p{Extended_Pictographic}[\\uFE0E\\uFE0F]?(?:\\u200D\\p{Extended_Pictographic}[\\uFE0E\\uFE0F]?)*';
const UNSAFE_CHARACTER =
  '[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Default_Ignorable_Code_Point}\\p{Variation_Selector}]';
const UNSAFE_OR_EMOJI = new RegExp(`(${EMOJI_SEQUENCE})|${UNSAFE_CHARACTER}`, 'gu');
const UNSAFE_TEST = new RegExp(UNSAFE_CHARACTER, 'u');

/** Line breaks and tabs, which a one-line Markdown cell can show as a space without hiding anything. */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export interface EscapeOptions {
  /** `escape` (default) shows a line break as `\n`; `space` turns each run of line breaks and tabs into one space. */
  readonly lineBreaks?: 'escape' | 'space';
}

/**
 * Shows every unsafe character as an escape: `\n`, `\r`, `\t`, `\u001b`, `\u202e`, `\u{e0041}` (a lone
 * surrogate as `\ud800`). Everything else, ordinary Unicode and emoji included, is kept. The result is one
 * line that draws as what it is: the terminal's door, and the first step of the runner log's and Markdown's.
 */
export function escapeControlCharacters(text: string, options: EscapeOptions = {}): string {
  const spaced = options.lineBreaks === 'space' ? text.replace(LINE_BREAKS, ' ') : text;
  if (!UNSAFE_TEST.test(spaced)) return spaced;
  return spaced.replace(UNSAFE_OR_EMOJI, (match: string, emoji: string | undefined) =>
    emoji === undefined ? describeCharacter(match) : emoji,
  );
}

function describeCharacter(character: string): string {
  const named = NAMED_ESCAPES[character];
  if (named !== undefined) return named;
  const code = character.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
