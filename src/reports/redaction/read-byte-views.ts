/**
 * How the bytes a binary run or a list of numbers decodes to become the views searched: as UTF-8 (Latin-1 for a
 * byte that is not) when they hold a stretch of text (measureText), only their last stretch at the end of a cut
 * text, and as UTF-16 both ways when a secret has characters past Latin-1 (UTF-16 of ASCII and Latin-1 reads as
 * UTF-8 does, with NULs between, which folding drops).
 */
import type { SpannedBytes, TextBytes } from './decode-byte-run.js';
import { appendDecodedBytes, appendUtf16Bytes, measureText, sliceSpannedBytes } from './decode-byte-run.js';
import type { TextView } from './text-view.js';
import { ViewBuilder } from './text-view.js';

export interface ByteReading {
  /** Bytes without this many characters of text in a row are not read (measureText). */
  readonly minTextChars: number;
  readonly textBytes: TextBytes;
  /** Read the bytes as UTF-16 too: a secret has characters past Latin-1. */
  readonly utf16: boolean;
}

/** UTF-16 either way, from either byte. */
const UTF16_READINGS = [
  { littleEndian: true, from: 0 },
  { littleEndian: true, from: 1 },
  { littleEndian: false, from: 0 },
  { littleEndian: false, from: 1 },
] as const;

/** The views of `bytes`; `reachesEnd`: they end where a cut text ends. */
export function readByteViews(
  bytes: SpannedBytes,
  tracked: boolean,
  reachesEnd: boolean,
  reading: ByteReading,
): TextView[] {
  const views: TextView[] = [];
  const read = (from: SpannedBytes, encoding: 'utf-8' | (typeof UTF16_READINGS)[number]): void => {
    const builder = new ViewBuilder(tracked);
    if (encoding === 'utf-8') appendDecodedBytes(builder, from);
    else appendUtf16Bytes(builder, from, encoding.from, encoding.littleEndian);
    views.push(builder.build(reachesEnd));
  };
  const text = measureText(bytes.values, reading.minTextChars, reading.textBytes);
  if (text.long) read(bytes, 'utf-8');
  // At the end of a cut text the bytes may end with the start of a secret: their last stretch of text is read.
  else if (reachesEnd && text.tailFrom < bytes.values.length)
    read(sliceSpannedBytes(bytes, text.tailFrom), 'utf-8');
  if (reading.utf16) for (const encoding of UTF16_READINGS) read(bytes, encoding);
  return views;
}
