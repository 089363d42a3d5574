/**
 * One decoding pass over a view: every escape a server may write a character in becomes that character. Repeated
 * passes undo nested encodings (double URL-encoding, JSON inside a JSON string, an entity of a `%`).
 *
 * - JSON, JavaScript, C and Python escapes: `\uXXXX` (Go's `\u0026`, a string escaped character by character,
 *   UTF-16 surrogate pairs), `\u{X}`, `\UXXXXXXXX`, `\/` (PHP), `\\ \" \' \n \r \t \b \f \v`, runs of `\xXX`, `\x{X}` and
 *   octal `\ooo` read as UTF-8 bytes, and a backslash before any other ASCII punctuation or a space (Markdown's
 *   `sk\_live`, a regular expression's `\.`, a shell's `\ `), which stands for the character itself.
 * - Percent-encoding: runs of `%XX` read as UTF-8 bytes (Latin-1 for a byte that is not UTF-8), either case;
 *   JavaScript's old `%uXXXX`; and form encoding, where `+` is also a space.
 * - HTML and XML character references, named (the HTML5 list, via `entities`), decimal and hex.
 * - Quoted-printable (mail bodies, MIME headers): runs of `=XX` read as UTF-8 bytes, either case, and soft line
 *   breaks (`=` at the end of a line) removed. A `=` not followed by two hex digits (`a=b`) is kept.
 */
import { decodeHTML } from 'entities';

import { appendDecodedBytes, createSpannedBytes } from './decode-byte-run.js';
import type { TextView } from './text-view.js';
import { endOf, startOf, ViewBuilder } from './text-view.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '/': '/',
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
};
/** ASCII punctuation and the space: after a backslash, the character itself in most escaping schemes. */
const IDENTITY_ESCAPE = /^[ !#$%&()*+,\-.:;<=>?@[\]^_`{|}~]$/;

const UNICODE_ESCAPE = /u([0-9A-Fa-f]{4})|[uU]\{([0-9A-Fa-f]{1,6})\}|U([0-9A-Fa-f]{8})/y;
const PERCENT_UNIT = /%u([0-9A-Fa-f]{4})/y;
const CODE_POINT_NOTATION = /[uU]\+([0-9A-Fa-f]{4,6})(?![0-9A-Za-z])/y;
const BYTE_ESCAPE = /\\(?:[xX]([0-9A-Fa-f]{2})|[xX]\{([0-9A-Fa-f]{1,2})\}|([0-7]{1,3}))/y;
const HEX_BYTE = /^[0-9A-Fa-f]{2}$/;
// After the `=` of a quoted-printable soft line break: transport padding, then the line break.
const SOFT_LINE_BREAK = /[ \t]*\r?\n/y;
// Leading zeros are legal in numeric references (`&#0000115;`), so their length is bounded generously, not by 7.
const ENTITY = /&(?:#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z][A-Za-z0-9]{1,31});?/y;

/** The escape families: each is decoded on its own too, as layers are applied one at a time. */
export const ESCAPE_FAMILIES = ['backslash', 'identity', 'percent', 'reference', 'form', 'quoted'] as const;
/**
 * The families a secret's own text is decoded with (decodeFully): not `identity`, as a backslash in a secret is
 * more likely its own character than an escape of the next one.
 */
export const SECRET_ESCAPE_FAMILIES = ESCAPE_FAMILIES.filter((family) => family !== 'identity');
export type EscapeFamily = (typeof ESCAPE_FAMILIES)[number];

const TRIGGERS: Readonly<Record<EscapeFamily, string>> = {
  backslash: '\\',
  // A backslash before punctuation (`\_`, `\.`): its own family, as it may as well be a secret's own backslash.
  identity: '\\',
  percent: '%',
  reference: '&',
  // Form encoding (application/x-www-form-urlencoded): `+` is a space, and `%2B` a plus.
  form: '+',
  quoted: '=',
};

/** Whether `text` may hold an escape of `family` (a cheap test before a pass). */
export function mayHoldEscapes(text: string, family: EscapeFamily): boolean {
  return text.includes(TRIGGERS[family]) || (family === 'reference' && hasCodePointNotation(text));
}

/** `U+20AC`, the Unicode notation of a code point: a reference to a character, like `&#x20AC;`. */
function hasCodePointNotation(text: string): boolean {
  return text.includes('U+') || text.includes('u+');
}

/**
 * Decodes one layer of the escapes of `families` in `view`; undefined when there is none (the usual case). One
 * family at a time undoes layers in the order a server applied them (`%aa\\b` in JSON is the text `%aa\b`);
 * all at once undoes a layer that mixes them.
 */
export function unescapeView(
  view: TextView,
  families: readonly EscapeFamily[] = ESCAPE_FAMILIES,
): TextView | undefined {
  const { text } = view;
  const backslash = families.includes('backslash') && text.includes('\\');
  const identity = families.includes('identity') && text.includes('\\');
  const form = families.includes('form') && text.includes('+');
  const percent = (families.includes('percent') || form) && text.includes('%');
  const reference = families.includes('reference') && (text.includes('&') || hasCodePointNotation(text));
  const quoted = families.includes('quoted') && text.includes('=');
  if (!backslash && !identity && !percent && !reference && !form && !quoted) return undefined;
  const builder = new ViewBuilder(view.tracked);
  let changed = false;
  let plainFrom = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const consumed =
      char === '\\' && (backslash || identity)
        ? decodeBackslash(view, index, builder, plainFrom, backslash, identity)
        : char === '%' && percent
          ? decodePercentRun(view, index, builder, plainFrom)
          : char === '&' && reference
            ? decodeEntity(view, index, builder, plainFrom)
            : (char === 'U' || char === 'u') && reference && text[index + 1] === '+'
              ? decodeCodePointNotation(view, index, builder, plainFrom)
              : char === '+' && form
                ? decodePlus(view, index, builder, plainFrom)
                : char === '=' && quoted
                  ? decodeByteRun(view, index, builder, plainFrom, '=', 3)
                  : 0;
    if (consumed === 0) {
      index += 1;
      continue;
    }
    changed = true;
    index += consumed;
    plainFrom = index;
  }
  if (!changed) return undefined;
  builder.copy(view, plainFrom, text.length);
  return builder.build(view.reachesEnd);
}

/** Each decoder returns how many units it consumed (0: none), after copying the plain text before them. */
function decodeBackslash(
  view: TextView,
  index: number,
  builder: ViewBuilder,
  plainFrom: number,
  escapes: boolean,
  identity: boolean,
): number {
  const { text } = view;
  const next = text[index + 1];
  if (next === undefined) return 0;
  if (!escapes) {
    if (!IDENTITY_ESCAPE.test(next)) return 0;
    builder.copy(view, plainFrom, index);
    builder.push(next, startOf(view, index), endOf(view, index + 1));
    return 2;
  }
  if (next === 'x' || next === 'X' || (next >= '0' && next <= '7'))
    return decodeByteEscapes(view, index, builder, plainFrom);
  const simple = SIMPLE_ESCAPES[next] ?? (identity && IDENTITY_ESCAPE.test(next) ? next : undefined);
  if (simple !== undefined) {
    builder.copy(view, plainFrom, index);
    builder.push(simple, startOf(view, index), endOf(view, index + 1));
    return 2;
  }
  UNICODE_ESCAPE.lastIndex = index + 1;
  const match = UNICODE_ESCAPE.exec(text);
  if (match === null) return 0;
  const codePoint = Number.parseInt(match[1] ?? match[2] ?? match[3] ?? '', 16);
  if (codePoint > 0x10ffff) return 0;
  builder.copy(view, plainFrom, index);
  // \uD83D\uDE00 is two units that only together make a character: each is pushed as the unit it is.
  const decoded = match[1] === undefined ? String.fromCodePoint(codePoint) : String.fromCharCode(codePoint);
  const length = 1 + match[0].length;
  builder.push(decoded, startOf(view, index), endOf(view, index + length - 1));
  return length;
}

function decodePlus(view: TextView, index: number, builder: ViewBuilder, plainFrom: number): number {
  builder.copy(view, plainFrom, index);
  builder.push(' ', startOf(view, index), endOf(view, index));
  return 1;
}

function decodePercentRun(view: TextView, index: number, builder: ViewBuilder, plainFrom: number): number {
  PERCENT_UNIT.lastIndex = index;
  const unit = PERCENT_UNIT.exec(view.text);
  if (unit === null) return decodeByteRun(view, index, builder, plainFrom, '%', 3);
  builder.copy(view, plainFrom, index);
  builder.push(
    String.fromCharCode(Number.parseInt(unit[1] ?? '', 16)),
    startOf(view, index),
    endOf(view, index + 5),
  );
  return 6;
}

/** A run of `\xXX`, `\x{X}` and octal `\ooo` escapes (C strings mix them), read as bytes. */
function decodeByteEscapes(view: TextView, index: number, builder: ViewBuilder, plainFrom: number): number {
  const { text } = view;
  const bytes = createSpannedBytes();
  let at = index;
  for (;;) {
    BYTE_ESCAPE.lastIndex = at;
    const match = BYTE_ESCAPE.exec(text);
    if (match === null) break;
    const value = Number.parseInt(match[1] ?? match[2] ?? '', 16);
    const byte = match[3] === undefined ? value : Number.parseInt(match[3], 8);
    if (byte > 0xff) break;
    bytes.values.push(byte);
    bytes.starts.push(startOf(view, at));
    bytes.ends.push(endOf(view, at + match[0].length - 1));
    at += match[0].length;
  }
  if (at === index) return 0;
  builder.copy(view, plainFrom, index);
  appendDecodedBytes(builder, bytes);
  return at - index;
}

/**
 * A run of `prefix`-and-two-hex-digit escapes (`%41%42`, `\x41\x42`, `=41=42`), decoded as bytes; in
 * quoted-printable, soft line breaks inside the run (or alone) are dropped, as they may split a character's bytes.
 */
function decodeByteRun(
  view: TextView,
  index: number,
  builder: ViewBuilder,
  plainFrom: number,
  prefix: string,
  width: number,
): number {
  const { text } = view;
  const bytes = createSpannedBytes();
  let at = index;
  while (text.startsWith(prefix, at)) {
    if (prefix === '=') {
      SOFT_LINE_BREAK.lastIndex = at + 1;
      if (SOFT_LINE_BREAK.test(text)) {
        at = SOFT_LINE_BREAK.lastIndex;
        continue;
      }
    }
    const digits = text.slice(at + prefix.length, at + width);
    if (!HEX_BYTE.test(digits)) break;
    bytes.values.push(Number.parseInt(digits, 16));
    bytes.starts.push(startOf(view, at));
    bytes.ends.push(endOf(view, at + width - 1));
    at += width;
  }
  if (at === index) return 0;
  builder.copy(view, plainFrom, index);
  appendDecodedBytes(builder, bytes);
  return at - index;
}

function decodeEntity(view: TextView, index: number, builder: ViewBuilder, plainFrom: number): number {
  ENTITY.lastIndex = index;
  const match = ENTITY.exec(view.text);
  if (match === null) return 0;
  const decoded = decodeHTML(match[0]);
  if (decoded === match[0]) return 0;
  builder.copy(view, plainFrom, index);
  builder.push(decoded, startOf(view, index), endOf(view, index + match[0].length - 1));
  return match[0].length;
}

function decodeCodePointNotation(
  view: TextView,
  index: number,
  builder: ViewBuilder,
  plainFrom: number,
): number {
  const { text } = view;
  if (index > 0 && /[0-9A-Za-z]/.test(text[index - 1] ?? '')) return 0;
  CODE_POINT_NOTATION.lastIndex = index;
  const match = CODE_POINT_NOTATION.exec(text);
  const codePoint = match === null ? 0x110000 : Number.parseInt(match[1] ?? '', 16);
  if (match === null || codePoint > 0x10ffff) return 0;
  builder.copy(view, plainFrom, index);
  builder.push(
    String.fromCodePoint(codePoint),
    startOf(view, index),
    endOf(view, index + match[0].length - 1),
  );
  return match[0].length;
}
