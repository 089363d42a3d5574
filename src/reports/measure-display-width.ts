/**
 * How many terminal columns a string takes: East Asian wide and fullwidth characters and emoji take two,
 * combining marks, variation selectors and zero-width characters none, everything else one. An approximation
 * of `wcwidth` good enough to align a table; control characters must be removed before.
 */
export function measureDisplayWidth(text: string): number {
  // Most cells are printable ASCII, one column a character: no per-character walk (a 10,000-row table has 60,000).
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const character of text) width += measureCodePointWidth(character.codePointAt(0) ?? 0);
  return width;
}

/** Cuts `text` to at most `maxWidth` columns, ending with `…` when cut. */
export function truncateToDisplayWidth(text: string, maxWidth: number): string {
  if (measureDisplayWidth(text) <= maxWidth) return text;
  if (maxWidth <= 0) return '';
  let width = 0;
  let result = '';
  for (const character of text) {
    const next = measureCodePointWidth(character.codePointAt(0) ?? 0);
    // Keep one column for the ellipsis.
    if (width + next > maxWidth - 1) break;
    width += next;
    result += character;
  }
  return result + '…';
}

/** Pads `text` with spaces to `width` columns, on the right (`start`) or the left (`end`). */
export function padToDisplayWidth(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  const padding = ' '.repeat(Math.max(0, width - measureDisplayWidth(text)));
  return align === 'start' ? text + padding : padding + text;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Combining marks and variation selectors (Mn, Me) and format characters such as U+200B and U+200D (Cf). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
/** Emoji shown as pictures by default (`✅`, `😀`) take two columns; text-style symbols (`✓`) one. */
const EMOJI = /^\p{Emoji_Presentation}$/u;

function measureCodePointWidth(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  if (ZERO_WIDTH.test(character)) return 0;
  if (isWide(codePoint) || EMOJI.test(character)) return 2;
  return 1;
}

/** East Asian Wide (W) and Fullwidth (F) ranges, from Unicode's EastAsianWidth.txt, coarsely. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}
