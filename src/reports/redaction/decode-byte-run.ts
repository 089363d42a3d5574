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
