/**
 * Lists of numbers read as the bytes or characters they may spell: decimal (`[115, 101, 99]`, Node's
 * `{"type":"Buffer","data":[...]}`, Java's signed `[115, -61, -87]`, `String.fromCharCode(115, 101)`, character
 * codes beyond a byte: `[8364]`, UTF-16 units), octal bytes (`163 145`, `od -b`), `od`'s default octal words and
 * binary bytes (`01110011 01100101`), with mixed separators. A list of bytes is read as UTF-8 (Latin-1 for a byte that is not);
 * a decimal list with a number over 255 as code points.
 */
import type { SpannedBytes } from './decode-byte-run.js';
import { createSpannedBytes } from './decode-byte-run.js';
import type { ByteReading } from './read-byte-views.js';
import { readByteViews } from './read-byte-views.js';
import { isGap, isWordChar } from './number-tokens.js';
import type { TextView } from './text-view.js';
import { startOf, endOf, ViewBuilder } from './text-view.js';

/** Code points have at most 7 decimal digits (1,114,111); a binary byte 8. */
const MAX_DIGITS = 8;
const MAX_CODE_POINT = 0x10ffff;

interface ListItem {
  readonly from: number;
  readonly end: number;
  readonly digits: string;
  readonly negative: boolean;
  /** Only whitespace before it on its line: where a dump's offset stands. */
  readonly lineStart: boolean;
}

const OCTAL = /^[0-7]+$/;

/**
 * How a list's numbers are read: the values an item stands for (bytes, or code points in a decimal list; none for
 * a dump's offset), or undefined when it is no number of that notation.
 */
const READINGS: readonly ((item: ListItem) => readonly number[] | undefined)[] = [
  // Decimal; a negative number is a signed byte (Java's `byte`): -1 is 255.
  ({ digits, negative }) => {
    const value = Number.parseInt(digits, 10);
    if (negative) return value >= 1 && value <= 128 ? [256 - value] : undefined;
    return value <= MAX_CODE_POINT ? [value] : undefined;
  },
  ({ digits, negative }) =>
    !negative && digits.length <= 3 && OCTAL.test(digits) && Number.parseInt(digits, 8) <= 0xff
      ? [Number.parseInt(digits, 8)]
      : undefined,
  ({ digits, negative }) => (!negative && /^[01]+$/.test(digits) ? [Number.parseInt(digits, 2)] : undefined),
  // `od`'s default: little-endian 16-bit words in 6 octal digits, after a 7-digit octal offset on each line.
  ({ digits, negative, lineStart }) => {
    if (negative || !OCTAL.test(digits)) return undefined;
    if (digits.length === 7 && lineStart) return [];
    const value = Number.parseInt(digits, 8);
    return digits.length === 6 && value <= 0xffff ? [value & 0xff, value >> 8] : undefined;
  },
];

export interface NumberListOptions extends ByteReading {
  readonly minItems: number;
}

/**
 * The views of the lists of `view` with at least `minItems` numbers, in each notation; a list that reaches the end
 * of a cut text is read however short it is, as it may hold the start of a secret. Lists of bytes that hold no
 * stretch of text (measureText) are left out.
 */
export function decodeNumberLists(view: TextView, options: NumberListOptions): TextView[] {
  const { text } = view;
  const items: ListItem[] = [];
  let lineStart = true;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const item = readItem(text, index, lineStart);
    if (item === undefined) {
      if (code === 0x0a) lineStart = true;
      else if (code !== 0x20 && code !== 0x09 && code !== 0x0d) lineStart = false;
      continue;
    }
    items.push(item);
    lineStart = false;
    index = item.end - 1;
  }
  if (items.length === 0) return [];
  // joined[i]: item i follows item i - 1 in the same list.
  const joined = items.map(
    (item, index) => index > 0 && isGap(text, items[index - 1]?.end ?? 0, item.from, [], 0),
  );
  const last = items.at(-1);
  const lastReachesEnd = view.reachesEnd && last !== undefined && isGap(text, last.end, text.length, [], 0);
  const views: TextView[] = [];
  for (const read of READINGS) {
    let run: { item: ListItem; values: readonly number[] }[] = [];
    let count = 0;
    const flush = (reachesEnd: boolean): void => {
      if (count >= options.minItems || (reachesEnd && count > 0)) {
        for (const decoded of decodeRun(view, run, reachesEnd, options)) views.push(decoded);
      }
      run = [];
      count = 0;
    };
    items.forEach((item, index) => {
      const values = read(item);
      if (!joined[index] || values === undefined) flush(false);
      if (values === undefined) return;
      run.push({ item, values });
      count += values.length;
    });
    flush(lastReachesEnd && run.at(-1)?.item === last);
  }
  return views;
}

/** The number that starts at `index` (a whole word of digits, perhaps after a `-` sign), or undefined. */
function readItem(text: string, index: number, lineStart: boolean): ListItem | undefined {
  if (index > 0 && isWordChar(text.charCodeAt(index - 1))) return undefined;
  const negative = text.charCodeAt(index) === 0x2d;
  let end = negative ? index + 1 : index;
  const digitsFrom = end;
  while (end < text.length && isDigit(text.charCodeAt(end)) && end - digitsFrom <= MAX_DIGITS) end += 1;
  if (end === digitsFrom || end - digitsFrom > MAX_DIGITS) return undefined;
  if (end < text.length && isWordChar(text.charCodeAt(end))) return undefined;
  return { from: index, end, digits: text.slice(digitsFrom, end), negative, lineStart };
}

function decodeRun(
  view: TextView,
  run: readonly { item: ListItem; values: readonly number[] }[],
  reachesEnd: boolean,
  options: NumberListOptions,
): TextView[] {
  const spanOf = (item: ListItem): [number, number] => [startOf(view, item.from), endOf(view, item.end - 1)];
  if (run.every(({ values }) => values.every((value) => value <= 0xff))) {
    const bytes: SpannedBytes = createSpannedBytes();
    for (const { item, values } of run) {
      const [start, end] = spanOf(item);
      for (const value of values) {
        bytes.values.push(value);
        bytes.starts.push(start);
        bytes.ends.push(end);
      }
    }
    return readByteViews(bytes, view.tracked, reachesEnd, options);
  }
  const builder = new ViewBuilder(view.tracked);
  for (const { item, values } of run) {
    const [start, end] = spanOf(item);
    for (const value of values) {
      // A UTF-16 unit (half of a surrogate pair) is pushed as the unit it is.
      if (value <= 0xffff) builder.push(String.fromCharCode(value), start, end);
      else builder.pushCodePoint(value, start, end);
    }
  }
  return [builder.build(reachesEnd)];
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
