/**
 * Turns decoded bytes (from `%XX`, `\xXX`, hex or base64) back into text for a {@link TextView}, keeping each
 * character's span of the original. TextDecoder cannot say which bytes made which character, so this small
 * decoder does: valid UTF-8 sequences become their character, any other byte becomes the Latin-1 character of the
 * same value (a server that percent-encodes ISO-8859-1 writes `é` as `%E9`).
 */
import type { ViewBuilder } from './text-view.js';

/** Decoded bytes, each with the original span it was written in (parallel arrays: runs can be long). */
export interface SpannedBytes {
  readonly values: number[];
  readonly starts: number[];
  readonly ends: number[];
}

export function createSpannedBytes(): SpannedBytes {
  return { values: [], starts: [], ends: [] };
}

/** Appends the text of `bytes` to `builder`. */
export function appendDecodedBytes(builder: ViewBuilder, bytes: SpannedBytes): void {
  const { values, starts, ends } = bytes;
  let index = 0;
  while (index < values.length) {
    const lead = values[index] ?? 0;
    const length = readSequenceLength(values, index);
    let codePoint = length === 1 ? lead : lead & (0xff >> (length + 1));
    for (let next = 1; next < length; next += 1)
      codePoint = (codePoint << 6) | ((values[index + next] ?? 0) & 0x3f);
    builder.pushCodePoint(codePoint, starts[index] ?? 0, ends[index + length - 1] ?? 0);
    index += length;
  }
}

/** Which bytes outside printable ASCII, whitespace and valid UTF-8 may still be text of a secret. */
export interface TextBytes {
  /** Lone bytes A0 to FF: the secret has Latin-1 characters, which a server may encode as single bytes. */
  readonly latin1: boolean;
  /** Control bytes: the secret has control characters. */
  readonly controls: boolean;
}

/**
 * Where `values` may hold text (what a secret is written in, however escaped or encoded again): printable ASCII,
 * whitespace, NUL (UTF-16 of ASCII), valid UTF-8 sequences (counted by their bytes, as compatibility folding may
 * expand them) and what `allowed` adds. `long`: `minLength` such characters in a row; `tailFrom`: where the last
 * run of them starts (the end: none ends the bytes). Decoded runs that are no encoded text (words read as base64,
 * random hex) have no long stretch, and only their tail is searched, for the start of a secret at a cut.
 */
export function measureText(
  values: readonly number[],
  minLength: number,
  allowed: TextBytes,
): { long: boolean; tailFrom: number } {
  let length = 0;
  let long = false;
  let tailFrom = 0;
  let index = 0;
  while (index < values.length) {
    const byte = values[index] ?? 0;
    let width = 1;
    let text =
      (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x00;
    if (!text && byte >= 0xc2) {
      width = readSequenceLength(values, index);
      text = width > 1;
    }
    if (!text) text = allowed.latin1 ? byte >= 0xa0 : allowed.controls && (byte < 0x20 || byte === 0x7f);
    index += width;
    if (text) {
      length += width;
      if (length >= minLength) long = true;
    } else {
      length = 0;
      tailFrom = index;
    }
  }
  return { long, tailFrom };
}

/** Bytes [from, end) of `bytes`. */
export function sliceSpannedBytes(bytes: SpannedBytes, from: number): SpannedBytes {
  if (from === 0) return bytes;
  return {
    values: bytes.values.slice(from),
    starts: bytes.starts.slice(from),
    ends: bytes.ends.slice(from),
  };
}

/** Appends the text of `bytes` read as UTF-16 from byte `from` on: two bytes a unit, each pushed as it is. */
export function appendUtf16Bytes(
  builder: ViewBuilder,
  bytes: SpannedBytes,
  from: number,
  littleEndian: boolean,
): void {
  const { values, starts, ends } = bytes;
  for (let index = from; index + 1 < values.length; index += 2) {
    const first = values[index] ?? 0;
    const second = values[index + 1] ?? 0;
    const unit = littleEndian ? first | (second << 8) : (first << 8) | second;
    builder.push(String.fromCharCode(unit), starts[index] ?? 0, ends[index + 1] ?? 0);
  }
}

/** The length of the valid UTF-8 sequence at `index` (1 for ASCII or for a byte that starts none). */
function readSequenceLength(values: readonly number[], index: number): number {
  const lead = values[index] ?? 0;
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 1;
  if (length === 1) return 1;
  for (let next = 1; next < length; next += 1) {
    const byte = values[index + next];
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return 1;
  }
  const second = values[index + 1] ?? 0;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  if (lead === 0xe0 && second < 0xa0) return 1;
  if (lead === 0xed && second > 0x9f) return 1;
  if (lead === 0xf0 && second < 0x90) return 1;
  if (lead === 0xf4 && second > 0x8f) return 1;
  return length;
}
