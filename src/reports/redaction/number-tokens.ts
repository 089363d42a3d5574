/** What the number views (hex-token-view.ts, number-list-view.ts) read numbers and the gaps between them with. */

/** Characters that may stand between the numbers of a list or a dump, besides whitespace and invisible ones. */
const SEPARATORS = new Set([...',;:|._-"\'`']);
/** At most this many separators that are not whitespace between two numbers (`", "` and `], [` have 3). */
const MAX_VISIBLE_SEPARATORS = 3;
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;

/** A number in a text. */
export interface Token {
  /** Where its prefix starts (its first digit when it has none). */
  readonly from: number;
  readonly start: number;
  readonly end: number;
  /** Where its suffix ends (`73h` in assembler); undefined: it has none. */
  readonly after?: number;
  /** A dump row's group: its digits are masked to the end of the row, with the characters that show them. */
  readonly rowEnd?: number;
}

/** Whether [from, to) is only invisible characters and a few separators, once the `skipped` ranges are left out. */
export function isGap(
  text: string,
  from: number,
  to: number,
  skipped: readonly (readonly [number, number])[],
  firstSkip: number,
): boolean {
  let visible = 0;
  let skip = firstSkip;
  for (let index = from; index < to; index += 1) {
    while ((skipped[skip]?.[1] ?? Infinity) <= index) skip += 1;
    const range = skipped[skip];
    if (range !== undefined && index >= range[0]) {
      index = range[1] - 1;
      continue;
    }
    const code = text.charCodeAt(index);
    // ASCII without a RegExp: controls and the space are invisible, letters and digits end a gap at once.
    if (code <= 0x20 || code === 0x7f) continue;
    if (code < 0x80 ? isWordChar(code) : !INVISIBLE.test(text[index] ?? '')) return false;
    if (!SEPARATORS.has(text[index] ?? '') || ++visible > MAX_VISIBLE_SEPARATORS) return false;
  }
  return true;
}

export function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

export function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The byte written by the two hex digits at `index` (no string is made: decoded runs are long). */
export function readHexByte(text: string, index: number): number {
  return (hexValue(text.charCodeAt(index)) << 4) | hexValue(text.charCodeAt(index + 1));
}

function hexValue(code: number): number {
  return code <= 0x39 ? code - 0x30 : (code | 0x20) - 0x57;
}

/** Where a number's text ends: after its suffix, if it has one. */
export function endOfToken(token: Token): number {
  return token.after ?? token.end;
}
