/**
 * Views of the runs of a text that may be binary-to-text encodings: base64 (standard and URL alphabets, with or
 * without padding, wrapped at any width or folded at single spaces) and hex (glued, or its bytes written apart). Each run is decoded at every alignment, because what a run encodes
 * need not start at the run's first character (base64 of `user:secret` puts the secret at byte offset 5, and a run
 * may be glued to the word before it); a JWT's parts are runs of their own, split at the dots.
 */
import { appendDecodedBytes, createSpannedBytes } from './decode-byte-run.js';
import type { TextView } from './text-view.js';
import { endOf, startOf, ViewBuilder } from './text-view.js';

const BASE64 = '[A-Za-z0-9+/_-]';
const HEX = '[0-9A-Fa-f]';
/** Runs of at least N characters of an alphabet, by alphabet and N: a redactor uses one N for every text. */
const PATTERNS = new Map<number, { long: RegExp; char: RegExp }>();
/**
 * Where base64 may be broken: MIME and PEM wrap it (a line break, with the indentation after it), and a header value,
 * which cannot hold a line break, folds it at a space. A single space counts only after a long piece of base64: the
 * lines of a folded value are long, and joining the words of a sentence into one run would decode all prose (the
 * piece after a fold may be short: the last line).
 */
const BASE64_BREAKS = /[\r\n\t]\s*|(?<=[A-Za-z0-9+/_-]{8}) /g;
/**
 * Where hex may be broken: at line breaks as base64, and between bytes written apart (`73:45` in a fingerprint,
 * `73-45`, `73 45` in a hex dump): a separator between single bytes (two digits; at the end of a cut text one or
 * none), not between longer groups (a UUID's).
 */
const HEX_SEPARATORS =
  /[\r\n\t]\s*|(?<=(?:^|[^0-9A-Fa-f])[0-9A-Fa-f]{2})[\s:.-]{1,3}(?=[0-9A-Fa-f]{1,2}(?![0-9A-Fa-f])|$)/g;

/**
 * Decodes the runs of `view` long enough to hold `minBytes` bytes, once the breaks of each encoding are removed
 * (BASE64_BREAKS, HEX_SEPARATORS). A run that reaches the end of a cut text is decoded however short it is, as it may hold the
 * start of a secret.
 */
export function decodeBinaryRuns(view: TextView, minBytes: number): TextView[] {
  const runs: TextView[] = [];
  const decode = (
    joined: TextView,
    alphabet: string,
    minChars: number,
    alignments: number,
    decodeRun: (view: TextView, from: number, to: number, reachesEnd: boolean) => TextView,
  ): void => {
    const { text } = joined;
    const { long, char } = readPatterns(alphabet, minChars);
    const add = (from: number, to: number): void => {
      const reachesEnd = joined.reachesEnd && to === text.length;
      for (let alignment = 0; alignment < alignments && to - from - alignment >= 2; alignment += 1)
        runs.push(decodeRun(joined, from + alignment, to, reachesEnd));
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
  decode(dropBreaks(view, BASE64_BREAKS), BASE64, Math.ceil((minBytes * 4) / 3), 4, decodeBase64);
  decode(dropBreaks(view, HEX_SEPARATORS), HEX, minBytes * 2, 2, decodeHex);
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

function decodeBase64(view: TextView, from: number, to: number, reachesEnd: boolean): TextView {
  const bytes = createSpannedBytes();
  // Padding belongs to the last byte: a masked end takes its `=` with it.
  let padded = to;
  while (padded < to + 2 && view.text[padded] === '=') padded += 1;
  let bits = 0;
  let bitCount = 0;
  // The unit where the oldest bit still in `bits` came from: a byte spans every character that gave it bits.
  let firstUnit = from;
  for (let index = from; index < to; index += 1) {
    bits = ((bits << 6) | sextetOf(view.text.charCodeAt(index))) & 0xffffff;
    bitCount += 6;
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
  const builder = new ViewBuilder(view.tracked);
  appendDecodedBytes(builder, bytes);
  return builder.build(reachesEnd);
}

function sextetOf(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 26;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 52;
  // `+` and `-` (base64url), then `/` and `_`.
  return code === 0x2b || code === 0x2d ? 62 : 63;
}

function decodeHex(view: TextView, from: number, to: number, reachesEnd: boolean): TextView {
  const bytes = createSpannedBytes();
  for (let index = from; index + 1 < to; index += 2) {
    bytes.values.push(Number.parseInt(view.text.slice(index, index + 2), 16));
    if (view.tracked) {
      bytes.starts.push(startOf(view, index));
      bytes.ends.push(endOf(view, index + 1));
    }
  }
  const builder = new ViewBuilder(view.tracked);
  appendDecodedBytes(builder, bytes);
  return builder.build(reachesEnd);
}
