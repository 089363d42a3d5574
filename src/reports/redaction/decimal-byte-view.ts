/**
 * Lists of decimal numbers read as the bytes or characters they may spell: a byte array (`[115, 101, 99]`, Node's
 * `{"type":"Buffer","data":[...]}`, Java's signed `[115, -61, -87]`), `String.fromCharCode(115, 101)`, character
 * codes beyond a byte (`[8364]`, UTF-16 units) and mixed separators. A list of bytes is read as UTF-8 (Latin-1 for a
 * byte that is not); a list with a number over 255 as code points.
 */
import { appendDecodedBytes, createSpannedBytes } from './decode-byte-run.js';
import { isGap, isWordChar } from './number-tokens.js';
import type { TextView } from './text-view.js';
import { startOf, endOf, ViewBuilder } from './text-view.js';

/** Code points have at most 7 decimal digits (1,114,111). */
const MAX_DIGITS = 7;
const MAX_CODE_POINT = 0x10ffff;

interface DecimalItem {
  readonly from: number;
  readonly end: number;
  readonly value: number;
}

/**
 * The views of the lists of `view` with at least `minItems` numbers, each read as bytes or code points; a list
 * that reaches the end of a cut text is read however short it is, as it may hold the start of a secret.
 */
export function decodeDecimalRuns(view: TextView, minItems: number): TextView[] {
  const { text } = view;
  const views: TextView[] = [];
  let run: DecimalItem[] = [];
  const flush = (): void => {
    const last = run.at(-1);
    const reachesEnd = view.reachesEnd && last !== undefined && isGap(text, last.end, text.length, [], 0);
    if (run.length >= minItems || (reachesEnd && run.length > 0))
      views.push(decodeRun(view, run, reachesEnd));
    run = [];
  };
  let index = 0;
  while (index < text.length) {
    const number = readNumber(text, index);
    if (number === undefined) {
      index += 1;
      continue;
    }
    const previous = run.at(-1);
    if (previous !== undefined && !isGap(text, previous.end, number.from, [], 0)) flush();
    if (number.value <= MAX_CODE_POINT) run.push(number);
    else flush();
    index = number.end;
  }
  flush();
  return views;
}

/** The number that starts at `index` (a whole word, perhaps with a `-` sign), or undefined. */
function readNumber(text: string, index: number): DecimalItem | undefined {
  if (index > 0 && isWordChar(text.charCodeAt(index - 1))) return undefined;
  const negative = text.charCodeAt(index) === 0x2d;
  let end = negative ? index + 1 : index;
  const digitsFrom = end;
  while (end < text.length && isDigit(text.charCodeAt(end)) && end - digitsFrom <= MAX_DIGITS) end += 1;
  if (end === digitsFrom || end - digitsFrom > MAX_DIGITS) return undefined;
  if (end < text.length && isWordChar(text.charCodeAt(end))) return undefined;
  const value = Number.parseInt(text.slice(digitsFrom, end), 10);
  // A signed byte (Java's `byte`): -1 is 255; other negative numbers are no byte.
  if (negative) return value >= 1 && value <= 128 ? { from: index, end, value: 256 - value } : undefined;
  return { from: index, end, value };
}

function decodeRun(view: TextView, run: readonly DecimalItem[], reachesEnd: boolean): TextView {
  const builder = new ViewBuilder(view.tracked);
  const spanOf = (number: DecimalItem): [number, number] => [
    startOf(view, number.from),
    endOf(view, number.end - 1),
  ];
  if (run.every((number) => number.value <= 0xff)) {
    const bytes = createSpannedBytes();
    for (const number of run) {
      const [start, end] = spanOf(number);
      bytes.values.push(number.value);
      bytes.starts.push(start);
      bytes.ends.push(end);
    }
    appendDecodedBytes(builder, bytes);
  } else {
    for (const number of run) {
      const [start, end] = spanOf(number);
      // A UTF-16 unit (half of a surrogate pair) is pushed as the unit it is.
      if (number.value <= 0xffff) builder.push(String.fromCharCode(number.value), start, end);
      else builder.pushCodePoint(number.value, start, end);
    }
  }
  return builder.build(reachesEnd);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
