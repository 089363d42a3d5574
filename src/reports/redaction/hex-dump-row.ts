/**
 * The rows of a hex dump (xxd, `hexdump -C`, `od -x`, Wireshark, Python's hexdump): which numbers of a line are
 * its offset and its data, and where its character column is, so that hex-token-view.ts joins the data of
 * consecutive rows into one run and leaves the rest out.
 */
import type { Token } from './number-tokens.js';
import { isHexDigit, readHexByte } from './number-tokens.js';

/**
 * Rows of more bytes than this have no character column looked for (xxd allows 256 a row; dumps show 8 to 32):
 * each look compares the row's bytes so far, so a line of many gaps would cost its length squared.
 */
const MAX_ROW_BYTES = 256;
/**
 * A row of a hex dump: an offset (the line's first number, followed by `:`; or at the start of the line, longer
 * than the groups after it and followed by two of them, a character column or the previous row), then groups,
 * then perhaps a column that shows the row's bytes as characters (after two spaces or more, perhaps between `|`).
 * Returns the row's groups and the columns to leave out; undefined for a line that is no row.
 */
export function readDumpRow(
  text: string,
  line: readonly Token[],
  lineStart: number,
  lineEnd: number,
  previousOffset: number,
  firstOnLine: boolean,
): { data: Token[]; skipped: (readonly [number, number])[]; offsetLength: number } | undefined {
  const [offset, first] = line;
  if (offset === undefined || first === undefined) return undefined;
  const afterOffset = text.slice(offset.end, first.from);
  const offsetLength = offset.end - offset.start;
  // `00000000: ` (xxd) or `00000000  ` (hexdump -C, od, Wireshark); not `73:65` (a fingerprint).
  const colon = /^[ \t]*:[ \t]+$/.test(afterOffset);
  if (!colon && !/^[ \t]+$/.test(afterOffset)) return undefined;
  // An offset is written with leading zeros (`00000010`, `0010`); the hex of printable text starts with 2 to f,
  // so no secret's hex is ever taken for one and left out.
  if (offsetLength < 4 || text[offset.start] !== '0') return undefined;
  if (!colon && first.end - first.start >= offsetLength) return undefined;
  const skipped: (readonly [number, number])[] = [[offset.from, first.from]];
  const data: Token[] = [];
  const bytes: number[] = [];
  // `xxd -e` writes little-endian groups; its column shows the bytes in memory order.
  const memoryOrder: number[] = [];
  for (const token of line.slice(1)) {
    const previous = data.at(-1);
    if (previous !== undefined && !/^[ \t]+$/.test(text.slice(previous.end, token.from))) break;
    data.push(token);
    const group: number[] = [];
    for (let at = token.start; at + 1 < token.end; at += 2) group.push(readHexByte(text, at));
    // One by one: a group may be long, and a spread of it would overflow the stack.
    for (const byte of group) bytes.push(byte);
    for (let at = group.length - 1; at >= 0; at -= 1) memoryOrder.push(group[at] ?? 0);
    let gapEnd = token.end;
    while (gapEnd < lineEnd && (text[gapEnd] === ' ' || text[gapEnd] === '\t')) gapEnd += 1;
    const columnEnd =
      gapEnd - token.end < 2 || bytes.length > MAX_ROW_BYTES
        ? undefined
        : (findColumnEnd(text, token.end, gapEnd, lineEnd, bytes) ??
          findColumnEnd(text, token.end, gapEnd, lineEnd, memoryOrder));
    if (columnEnd !== undefined) {
      // Only the column is left out: what follows it on the line is read as any text is.
      skipped.push([token.end, columnEnd]);
      const after = line.filter((next) => next.from >= columnEnd);
      return {
        data: [...data.map((group) => ({ ...group, rowEnd: columnEnd })), ...after],
        skipped,
        offsetLength,
      };
    }
  }
  // Without a column, an offset is told from a first group by where it stands and what follows it.
  const atLineStart = firstOnLine && text.slice(lineStart, offset.from).trim() === '';
  if (!colon && (!atLineStart || (line.length < 3 && previousOffset !== offsetLength))) return undefined;
  return { data: line.slice(1), skipped, offsetLength };
}

/**
 * Where the character column after the gap [gapStart, gapEnd) ends, if the text there shows `bytes` as a dump's
 * column does: printable ASCII as itself, any other byte as one character (`.` mostly); perhaps between `|` or
 * `>` and `<`. Its first characters may be spaces of the data, which the gap took.
 */
function findColumnEnd(
  text: string,
  gapStart: number,
  gapEnd: number,
  lineEnd: number,
  bytes: readonly number[],
): number | undefined {
  let lead = 0;
  while (bytes[lead] === 0x20) lead += 1;
  const shows = (from: number): boolean =>
    from > gapStart &&
    from + bytes.length <= lineEnd &&
    bytes.every((byte, index) => {
      const code = text.charCodeAt(from + index);
      // Another byte is shown as some character (`.` mostly), but not as a digit or a space of the hex columns.
      if (byte < 0x20 || byte > 0x7e) return code !== 0x20 && !isHexDigit(code);
      return code === byte;
    });
  if (shows(gapEnd - lead)) return gapEnd - lead + bytes.length;
  if ((text[gapEnd] === '|' || text[gapEnd] === '>') && shows(gapEnd + 1)) {
    const end = gapEnd + 1 + bytes.length;
    return text[end] === '|' || text[end] === '<' ? end + 1 : end;
  }
  return undefined;
}

/** A group of two bytes or more: in a dump of little-endian words, its bytes are in reverse order. */
