/**
 * Views of the runs of a text that may be binary-to-text encodings: base64 (standard and URL alphabets, with or
 * without padding, broken anywhere by whitespace, invisible characters, list punctuation or tags; pieces padded on
 * their own), hex (glued, or written as separate numbers: hex-token-view.ts) and lists of decimal, octal or binary
 * numbers (number-list-view.ts). Each run is decoded at every alignment, because what a run encodes need not start
 * at the run's first character (base64 of `user:secret` puts the secret at byte offset 5, and a run may be glued to
 * the word before it); a JWT's parts are runs of their own, split at the dots.
 */
import type { SpannedBytes } from './decode-byte-run.js';
import { createSpannedBytes } from './decode-byte-run.js';
import type { ByteReading } from './read-byte-views.js';
import { readByteViews } from './read-byte-views.js';
import { decodeNumberLists } from './number-list-view.js';
import { joinHexTokens } from './hex-token-view.js';
import { readHexByte } from './number-tokens.js';
import type { TextView } from './text-view.js';
import { endOf, startOf, ViewBuilder } from './text-view.js';

/** Base64 and base64url, with the padding `=`: a run may be pieces each encoded and padded on its own. */
const BASE64 = '[A-Za-z0-9+/_=-]';
const HEX = '[0-9A-Fa-f]';
/** Runs of at least N characters of an alphabet, by alphabet and N: a redactor uses one N for every text. */
const PATTERNS = new Map<number, { long: RegExp; char: RegExp }>();
/**
 * Where base64 may be broken, at any width and as often as it likes: whitespace and line breaks (MIME and PEM wrap
 * it, a header folds it, a sender folds it every few characters), invisible characters, and the quotes and commas
 * between the pieces of a list (`["c2Vj", "cmV0"]`), and XML or HTML tags (`<v>c2Vj</v><v>cmV0</v>`). Joining never
 * loses a run: what a run encodes stays whole in it, and every alignment is decoded, so words joined with it only
 * add bytes around it.
 */
const BASE64_BREAKS = /[\s\p{Cc}\p{Cf}"'`,;|]+/gu;
const BASE64_BREAKS_AND_TAGS = /(?:[\s\p{Cc}\p{Cf}"'`,;|]|<\/?[A-Za-z][^<>]{0,64}>)+/gu;
/** As BASE64_BREAKS, plus `-`, `_` and `.`, which standard base64 does not use: it may be folded with them too. */
const STANDARD_BASE64_BREAKS = /[\s\p{Cc}\p{Cf}"'`,;|._-]+/gu;
const STANDARD_BASE64_BREAKS_AND_TAGS = /(?:[\s\p{Cc}\p{Cf}"'`,;|._-]|<\/?[A-Za-z][^<>]{0,64}>)+/gu;
const STANDARD_BASE64 = '[A-Za-z0-9+/=]';
const BASE32 = '[A-Z2-7=]';

/**
 * Decodes the runs of `view` long enough to hold `minBytes` bytes, once the breaks of each encoding are removed
 * (BASE64_BREAKS, joinHexTokens). A run that reaches the end of a cut text is decoded however short it is, as it
 * may hold the start of a secret.
 */
export interface BinaryRunOptions extends ByteReading {
  /** Runs shorter than this many bytes are not decoded (a cut text's last run is). */
  readonly minBytes: number;
}

export function decodeBinaryRuns(view: TextView, options: BinaryRunOptions): TextView[] {
  const { minBytes } = options;
  const runs: TextView[] = [];
  const decode = (
    joined: TextView,
    alphabet: string,
    minChars: number,
    alignments: number,
    decodeRun: (view: TextView, from: number, to: number) => SpannedBytes,
  ): void => {
    const { text } = joined;
    const { long, char } = readPatterns(alphabet, minChars);
    const add = (from: number, to: number): void => {
      const reachesEnd = joined.reachesEnd && to === text.length;
      for (let alignment = 0; alignment < alignments && to - from - alignment >= 2; alignment += 1) {
        const bytes = decodeRun(joined, from + alignment, to);
        for (const read of readByteViews(bytes, joined.tracked, reachesEnd, options)) runs.push(read);
      }
    };
    let lastEnd = -1;
    for (const match of text.matchAll(long)) {
      lastEnd = match.index + match[0].length;
      add(match.index, lastEnd);
    }
    // A short run at the end of a cut text may be the start of an encoded secret. Found by walking back, not
    // with `{2,}$`, which would retry every position of a long run that does not reach the end.
    if (joined.reachesEnd && lastEnd !== text.length) {
      let from = text.length;
      while (from > 0 && char.test(text[from - 1] ?? '')) from -= 1;
      if (text.length - from >= 2) add(from, text.length);
    }
  };
  // Tags are looked for only in a text that may hold one.
  const tags = view.text.includes('<');
  const base64 = dropBreaks(view, tags ? BASE64_BREAKS_AND_TAGS : BASE64_BREAKS);
  decode(base64, BASE64, Math.ceil((minBytes * 4) / 3), 4, decodeBase64);
  // Base32 in the same joined view: its alphabet is upper-case letters and 2 to 7, read at every 5-bit alignment.
  if (/[A-Z2-7]{8}/.test(base64.text)) decode(base64, BASE32, Math.ceil((minBytes * 8) / 5), 8, decodeBase32);
  if (/[-_.]/.test(base64.text)) {
    decode(
      dropBreaks(view, tags ? STANDARD_BASE64_BREAKS_AND_TAGS : STANDARD_BASE64_BREAKS),
      STANDARD_BASE64,
      Math.ceil((minBytes * 4) / 3),
      4,
      decodeBase64,
    );
  }
  const hex = joinHexTokens(view, minBytes * 2);
  decode(hex.joined, HEX, minBytes * 2, 2, decodeHex);
  if (hex.swapped !== undefined) decode(hex.swapped, HEX, minBytes * 2, 2, decodeHex);
  for (const list of decodeNumberLists(view, { ...options, minItems: minBytes })) runs.push(list);
  return runs;
}

function readPatterns(alphabet: string, minChars: number): { long: RegExp; char: RegExp } {
  const key = alphabet.length * 1000 + minChars;
  let patterns = PATTERNS.get(key);
  if (patterns === undefined) {
    patterns = { long: new RegExp(`${alphabet}{${minChars},}`, 'g'), char: new RegExp(`^${alphabet}$`) };
    PATTERNS.set(key, patterns);
  }
  return patterns;
}

/** `view` without the matches of `pattern` (a global RegExp); `view` itself when there is none. */
function dropBreaks(view: TextView, pattern: RegExp): TextView {
  // Without spans (the search of a text that holds no secret, the usual case), a built-in replace does it.
  if (!view.tracked) {
    const text = view.text.replace(pattern, '');
    return text.length === view.text.length ? view : { ...view, text };
  }
  let builder: ViewBuilder | undefined;
  let from = 0;
  for (const match of view.text.matchAll(pattern)) {
    builder ??= new ViewBuilder(view.tracked);
    builder.copy(view, from, match.index);
    from = match.index + match[0].length;
  }
  if (builder === undefined) return view;
  builder.copy(view, from, view.text.length);
  return builder.build(view.reachesEnd);
}

function decodeBase64(view: TextView, from: number, to: number): SpannedBytes {
  return decodeBits(view, from, to, 6, sextetOf);
}

/** Base32 (RFC 4648: Python's b32encode, Go's StdEncoding, TOTP keys), upper case. */
function decodeBase32(view: TextView, from: number, to: number): SpannedBytes {
  return decodeBits(view, from, to, 5, (code) => (code >= 0x41 ? code - 0x41 : code - 0x32 + 26));
}

/** Characters of `width` bits each (`valueOf`), read as bytes; `=` padding ends a piece. */
function decodeBits(
  view: TextView,
  from: number,
  to: number,
  width: number,
  valueOf: (code: number) => number,
): SpannedBytes {
  const bytes = createSpannedBytes();
  // Padding belongs to the last byte: a masked end takes its `=` with it.
  let padded = to;
  while (padded < to + 6 && view.text[padded] === '=') padded += 1;
  let bits = 0;
  let bitCount = 0;
  // The unit where the oldest bit still in `bits` came from: a byte spans every character that gave it bits.
  let firstUnit = from;
  for (let index = from; index < to; index += 1) {
    const code = view.text.charCodeAt(index);
    if (code === 0x3d) {
      // Padding ends a piece encoded on its own (`c2U=Y3I=`): the next piece starts its own groups.
      if (view.tracked && bytes.ends.length > 0) bytes.ends[bytes.ends.length - 1] = endOf(view, index);
      bits = 0;
      bitCount = 0;
      firstUnit = index + 1;
      continue;
    }
    bits = ((bits << width) | valueOf(code)) & 0xffffff;
    bitCount += width;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes.values.push((bits >> bitCount) & 0xff);
      if (view.tracked) {
        bytes.starts.push(startOf(view, firstUnit));
        bytes.ends.push(endOf(view, index));
      }
      // The next byte starts in this character when bits of it are left over.
      firstUnit = bitCount > 0 ? index : index + 1;
    }
  }
  if (padded > to && view.tracked && bytes.ends.length > 0)
    bytes.ends[bytes.ends.length - 1] = endOf(view, padded - 1);
  return bytes;
}

function sextetOf(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 26;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 52;
  // `+` and `-` (base64url), then `/` and `_`.
  return code === 0x2b || code === 0x2d ? 62 : 63;
}

function decodeHex(view: TextView, from: number, to: number): SpannedBytes {
  const bytes = createSpannedBytes();
  for (let index = from; index + 1 < to; index += 2) {
    bytes.values.push(readHexByte(view.text, index));
    if (view.tracked) {
      bytes.starts.push(startOf(view, index));
      bytes.ends.push(endOf(view, index + 1));
    }
  }
  return bytes;
}
