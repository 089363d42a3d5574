/**
 * Hex written as separate numbers, joined into one run of digits so that binary-views.ts decodes it as it decodes
 * glued hex: bytes written apart (`73:65`, `73 65`, `73-65`), groups of any width (`7365 6372`, `73656372
 * 65742d6b`), lists (`0x73, 0x65`, `[0x73,0x65]`, `\x73 \x65`, `U+0073 U+0065`, `0x9` unpadded), mixed
 * separators, either case, and hex dumps (xxd, `hexdump -C`, `od -x`, Wireshark): a row's offset and character
 * columns are left out, so a secret that runs across rows is read whole. A second view has each group's bytes
 * reversed, for dumps of little-endian words (`od -x`, `xxd -e`). Linear: every line is scanned once.
 */
import type { TextView } from './text-view.js';
import { endOf, startOf, ViewBuilder } from './text-view.js';
import { readDumpRow } from './hex-dump-row.js';
import type { Token } from './number-tokens.js';
import { endOfToken, isGap, isHexDigit } from './number-tokens.js';

/** The start of a prefix at the end of a cut text (`0x73, 0x`): read as part of the number cut there. */
const CUT_PREFIX = /(?:0[xX]|\\[xX]?|[uU]\+?|[$#%])$/;
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;
/**
 * A number: hex digits that start a word (perhaps after `0x` or `U+`) or follow `\x`, `%`, `$` or `#`, and end it
 * (`cafe` in `cafeteria` is none), perhaps with an assembler's `h` after them. Group 1: the digits; 2: the `h`.
 */
const TOKEN = /(?:(?<![0-9A-Za-z])(?:0[xX]|[uU]\+)?|\\[xX]|[%$#])([0-9A-Fa-f]+)([hH])?(?![0-9A-Za-z])/g;

export interface HexTokenViews {
  /** The text with the separators, prefixes and dump columns between joined numbers left out. */
  readonly joined: TextView;
  /** As `joined`, with the bytes of each joined group of 2 bytes or more reversed; undefined: there is none. */
  readonly swapped: TextView | undefined;
}

/** The joined views of `view`; `joined` is `view` itself when no two numbers are joined (most texts). */
export function joinHexTokens(view: TextView, minDigits: number): HexTokenViews {
  const { text } = view;
  const { tokens, skipped } = readStream(text);
  // joinedBefore[i]: token i is read on from token i - 1 (only separators and dump columns between them).
  const joinedBefore = new Uint8Array(tokens.length + 1);
  let anyJoined = false;
  let skip = 0;
  for (let index = 1; index < tokens.length; index += 1) {
    const previous = tokens[index - 1];
    const token = tokens[index];
    if (previous === undefined || token === undefined) break;
    while ((skipped[skip]?.[1] ?? Infinity) <= endOfToken(previous)) skip += 1;
    if (isGap(text, endOfToken(previous), token.from, skipped, skip)) {
      joinedBefore[index] = 1;
      anyJoined = true;
    }
  }
  const last = tokens.at(-1);
  // A cut text that ends in separators or half a prefix after a number: the number may go on past the cut.
  let tailFrom = text.length;
  if (view.reachesEnd && last !== undefined && endOfToken(last) < text.length) {
    const tail = text.slice(endOfToken(last));
    const half = CUT_PREFIX.exec(tail);
    const before = half === null ? tail.length : half.index;
    if (isGap(text, endOfToken(last), endOfToken(last) + before, [], 0)) tailFrom = endOfToken(last);
  }
  // A run that reaches the end of a cut text is read however short: it may hold the start of a secret.
  const cutRun = view.reachesEnd && (tailFrom < text.length || last?.end === text.length);
  if (!cutRun && (!anyJoined || !hasLongRun(text, tokens, joinedBefore, minDigits)))
    return { joined: view, swapped: undefined };
  const joined = new ViewBuilder(view.tracked);
  const swapped = new ViewBuilder(view.tracked);
  let hasGroups = false;
  let copiedTo = 0;
  tokens.forEach((token, index) => {
    const inRun = joinedBefore[index] === 1 || joinedBefore[index + 1] === 1;
    const length = token.end - token.start;
    if (inRun && isGroup(length)) hasGroups = true;
    for (const builder of [joined, swapped]) {
      if (!inRun) {
        builder.copy(view, copiedTo, endOfToken(token));
        continue;
      }
      // Joined to the one before: the gap and the prefix are left out; else only the prefix.
      if (joinedBefore[index] !== 1) builder.copy(view, copiedTo, token.from);
      // A prefixed number is right-aligned (`0x9` is the byte 09); not at the end of a cut text: it may go on.
      const cut = view.reachesEnd && token.end === text.length;
      if (token.from < token.start && length % 2 === 1 && !cut)
        builder.push('0', startOf(view, token.start), endOf(view, token.start));
      if (builder === swapped && isGroup(length)) {
        for (let at = token.end - 2; at >= token.start; at -= 2) copyDigits(view, builder, token, at);
      } else if (token.rowEnd === undefined) builder.copy(view, token.start, token.end);
      else for (let at = token.start; at < token.end; at += 2) copyDigits(view, builder, token, at);
    }
    // A joined number's suffix is left out with its prefix.
    copiedTo = endOfToken(token);
  });
  for (const builder of [joined, swapped]) builder.copy(view, copiedTo, tailFrom);
  return {
    joined: joined.build(view.reachesEnd),
    swapped: hasGroups ? swapped.build(view.reachesEnd) : undefined,
  };
}

/**
 * Whether joined numbers make a run of `minDigits` digits or more (with hex glued to its ends), the shortest run
 * that is decoded: shorter ones would be joined for nothing.
 */
function hasLongRun(
  text: string,
  tokens: readonly Token[],
  joinedBefore: Uint8Array,
  minDigits: number,
): boolean {
  let digits = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) break;
    if (joinedBefore[index] !== 1) {
      digits = 0;
      for (let at = token.from - 1; at >= 0 && isHexDigit(text.charCodeAt(at)); at -= 1) digits += 1;
    }
    digits += token.end - token.start;
    if (joinedBefore[index + 1] !== 1) {
      for (let at = token.end; at < text.length && isHexDigit(text.charCodeAt(at)); at += 1) digits += 1;
      if (digits >= minDigits && joinedBefore[index] === 1) return true;
    }
  }
  return false;
}

/** Copies the two digits at `at` (one at the end), spanning to the end of their dump row when in one. */
function copyDigits(view: TextView, builder: ViewBuilder, token: Token, at: number): void {
  const to = Math.min(at + 2, token.end);
  if (token.rowEnd === undefined) builder.copy(view, at, to);
  else builder.push(view.text.slice(at, to), startOf(view, at), endOf(view, token.rowEnd - 1));
}

/** The numbers that may be joined, line by line, and the dump columns (offsets, characters) left out between them. */
function readStream(text: string): { tokens: Token[]; skipped: (readonly [number, number])[] } {
  const tokens: Token[] = [];
  const skipped: (readonly [number, number])[] = [];
  let lineStart = 0;
  let previousOffset = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = readTokens(text, lineStart, lineEnd);
    // The offset is the line's first number, one of the next two (after words such as `a` or `be`), or the first
    // followed by `: ` (`Response: 00000000: ...`). A few tries a line: the scan stays linear.
    const colonAt = line.findIndex(
      (token, index) =>
        index < line.length - 1 &&
        /^[ \t]*:[ \t]/.test(text.slice(token.end, token.end + 3)) &&
        token.end - token.start >= 4,
    );
    const candidates = [0, 1, 2, ...(colonAt > 2 ? [colonAt] : [])].filter(
      (index) => index < line.length - 1,
    );
    let row: ReturnType<typeof readDumpRow>;
    let before = 0;
    for (const candidate of candidates) {
      row = readDumpRow(text, line.slice(candidate), lineStart, lineEnd, previousOffset, candidate === 0);
      before = candidate + 1;
      if (row !== undefined) break;
    }
    previousOffset = row?.offsetLength ?? 0;
    // One by one: a line may hold many numbers, and a spread of them would overflow the stack.
    if (row === undefined) for (const token of line) tokens.push(token);
    else {
      for (const token of line.slice(0, before - 1)) tokens.push(token);
      for (const token of row.data) tokens.push(token);
      skipped.push(...row.skipped);
    }
    lineStart = lineEnd + 1;
  }
  return { tokens, skipped };
}

/** The hex numbers of line [from, to): hex digits that are a whole word, or follow a prefix that starts one. */
function readTokens(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = from;
  for (let match = TOKEN.exec(text); match !== null && match.index < to; match = TOKEN.exec(text)) {
    const after = match.index + match[0].length;
    const end = after - (match[2]?.length ?? 0);
    const start = end - (match[1]?.length ?? 0);
    tokens.push(end === after ? { from: match.index, start, end } : { from: match.index, start, end, after });
  }
  const lastCode = text.charCodeAt(to - 1);
  const firstCode = text.charCodeAt(from);
  const edgeMayHoldHex = (code: number): boolean =>
    isHexDigit(code) || INVISIBLE.test(String.fromCharCode(code));
  if (!edgeMayHoldHex(lastCode) && !edgeMayHoldHex(firstCode)) return tokens;
  // Hex wrapped at a fixed width may be glued to a word where a line starts or ends (`key=7365\n6372`).
  let lineEnd = to;
  while (lineEnd > from && INVISIBLE.test(text[lineEnd - 1] ?? '')) lineEnd -= 1;
  let runStart = lineEnd;
  while (runStart > from && isHexDigit(text.charCodeAt(runStart - 1))) runStart -= 1;
  const last = tokens.at(-1);
  if (runStart < lineEnd && (last === undefined || last.end <= runStart))
    tokens.push({ from: runStart, start: runStart, end: lineEnd });
  let lineStart = from;
  while (lineStart < lineEnd && INVISIBLE.test(text[lineStart] ?? '')) lineStart += 1;
  let runEnd = lineStart;
  while (runEnd < lineEnd && isHexDigit(text.charCodeAt(runEnd))) runEnd += 1;
  const first = tokens[0];
  if (runEnd > lineStart && first !== undefined && first.from >= runEnd)
    tokens.unshift({ from: lineStart, start: lineStart, end: runEnd });
  return tokens;
}

function isGroup(length: number): boolean {
  return length >= 4 && length % 2 === 0;
}
