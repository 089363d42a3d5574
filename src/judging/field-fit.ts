/**
 * Whether a resolved response value fits a Marketo field type (SPEC section 1). Marketo silently skips a value
 * that does not fit, so a misfit is a failure for us; a value Marketo probably coerces fits with a warning.
 *
 * Decisions (Marketo documents the types, not every coercion):
 * - String, Email, URL and Phone hold at most 255 characters, counted in code points (a database VARCHAR(255)
 *   counts characters, not UTF-16 units). Text holds at most 30,000 UTF-8 bytes.
 * - A JSON number or boolean fits String, Text and Phone as its JSON text, with no warning.
 * - JSON: Integer/Score/Percent need an integral number; Float/Currency a finite number; a numeric string fits
 *   either with a warning (it relies on coercion). Integers are judged from the number's exact text
 *   (fit-integer): outside signed 64-bit is a misfit, outside signed 32-bit a warning. `-0` is written as 0.
 * - XML: every leaf is text, so numeric text fits Integer/Float without a warning, and `true`/`false` (any case)
 *   fits Boolean; there is no other way to send them.
 * - Boolean from JSON: only `true`/`false`, never the strings.
 * - Date: `YYYY-MM-DD`, a real calendar date (years 0001-9999). Datetime: ISO 8601 extended format
 *   `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]`; no offset fits with a warning (the zone is then Marketo's guess),
 *   a bare date fits with a warning.
 * - Email: one `@`, no spaces, a dotted domain. URL: absolute (a scheme), no surrounding spaces. Phone: not blank.
 * - null fits nothing: whether Marketo clears the field or skips it is undocumented, so we flag it.
 */
import type { MappedValue } from './check-result.js';
import type { FieldType } from '../contracts/contract.js';
import { fitIntegerNumber, fitIntegerText, quoteNumberText } from './fit-integer.js';

export type FieldFit =
  | { readonly ok: true; readonly value: MappedValue; readonly warning?: string }
  | { readonly ok: false; readonly reason: string };

/** Where the value came from: XML leaves are always text. */
export type ValueSource = 'json' | 'xml';

export const MAX_STRING_CHARS = 255;
export const MAX_TEXT_BYTES = 30_000;

const INTEGER_TEXT = /^[+-]?[0-9]+$/;
const DECIMAL_TEXT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DATETIME =
  /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.[0-9]+)?)?(Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * Checks `value` (a resolved scalar) against a field type; `source` says whether it came from JSON or XML, and
 * `numberText` is a JSON number's text as written when parsing changed it (digits beyond a double's precision).
 */
export function checkFieldFit(
  value: unknown,
  type: FieldType,
  source: ValueSource = 'json',
  numberText?: string,
): FieldFit {
  if (value === null || value === undefined) return misfit(`${String(value)} does not fit a ${type} field`);
  switch (type) {
    case 'string':
      return fitShortText(value, type);
    case 'text':
      return fitText(value);
    case 'integer':
    case 'score':
    case 'percent':
      return fitInteger(value, type, source, numberText);
    case 'float':
    case 'currency':
      return fitFloat(value, type, source);
    case 'boolean':
      return fitBoolean(value, source);
    case 'date':
      return fitDate(value);
    case 'datetime':
      return fitDatetime(value);
    case 'email':
      return fitPattern(value, type, (s) => EMAIL.test(s), 'not a plausible email address');
    case 'url':
      return fitPattern(value, type, (s) => s === s.trim() && URL.canParse(s), 'not an absolute URL');
    case 'phone':
      return fitPhone(value);
  }
}

function fitShortText(value: unknown, type: FieldType): FieldFit {
  const text = asText(value);
  if (text === undefined) return misfit(`${describeKind(value)} does not fit a ${type} field`);
  const chars = countCodePoints(text);
  if (chars > MAX_STRING_CHARS)
    return misfit(`${chars} characters, more than the ${MAX_STRING_CHARS} a ${type} field holds`);
  return fit(text);
}

function fitText(value: unknown): FieldFit {
  const text = asText(value);
  if (text === undefined) return misfit(`${describeKind(value)} does not fit a text field`);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_TEXT_BYTES)
    return misfit(`${bytes} UTF-8 bytes, more than the ${MAX_TEXT_BYTES} a text field holds`);
  return fit(text);
}

function fitInteger(value: unknown, type: FieldType, source: ValueSource, numberText?: string): FieldFit {
  if (typeof value === 'number') {
    // Without a recorded text the number prints as written. Infinity (from 1e400) always has its text recorded.
    return numberText === undefined ? fitIntegerNumber(value, type) : fitIntegerText(numberText, type);
  }
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) {
    const fitted = fitIntegerText(value, type);
    if (source === 'xml' || !fitted.ok) return fitted;
    return fit(
      fitted.value,
      joinWarnings(`a numeric string fits ${type} only by coercion; send a JSON number`, fitted),
    );
  }
  return misfit(`${describeKind(value)} is not an integral number`);
}

function fitFloat(value: unknown, type: FieldType, source: ValueSource): FieldFit {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? fit(normalizeZero(value))
      : misfit(`${String(value)} is not a finite number`);
  }
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
    const number = Number(value);
    if (!Number.isFinite(number))
      return misfit(`${value.length <= 80 ? `"${value}"` : quoteNumberText(value)} is not a finite number`);
    if (source === 'xml') return fit(normalizeZero(number));
    return fit(normalizeZero(number), `a numeric string fits ${type} only by coercion; send a JSON number`);
  }
  return misfit(`${describeKind(value)} is not a finite number`);
}

function fitBoolean(value: unknown, source: ValueSource): FieldFit {
  if (typeof value === 'boolean') return fit(value);
  if (source === 'xml' && typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return fit(lower === 'true');
  }
  return misfit(`${describeKind(value)} is not ${source === 'xml' ? 'true or false' : 'a JSON boolean'}`);
}

function fitDate(value: unknown): FieldFit {
  if (typeof value !== 'string') return misfit(`${describeKind(value)} is not a YYYY-MM-DD date`);
  if (!DATE.test(value)) return misfit('not a YYYY-MM-DD date');
  if (!isCalendarDate(value)) return misfit(`${value} is not a real calendar date`);
  return fit(value);
}

function fitDatetime(value: unknown): FieldFit {
  if (typeof value !== 'string') return misfit(`${describeKind(value)} is not an ISO 8601 date-time`);
  if (DATE.test(value)) {
    if (!isCalendarDate(value)) return misfit(`${value} is not a real calendar date`);
    return fit(value, 'a date without a time: Marketo must assume the time of day');
  }
  const match = DATETIME.exec(value);
  if (match === null) return misfit('not an ISO 8601 date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])');
  const date = match[1] ?? '';
  if (!isCalendarDate(date)) return misfit(`${date} is not a real calendar date`);
  if (match[5] === undefined) return fit(value, 'no time zone offset: Marketo must assume the zone');
  return fit(value);
}

function fitPattern(
  value: unknown,
  type: FieldType,
  test: (text: string) => boolean,
  reason: string,
): FieldFit {
  if (typeof value !== 'string') return misfit(`${describeKind(value)} does not fit a ${type} field`);
  if (!test(value)) return misfit(reason);
  return fitShortText(value, type);
}

function fitPhone(value: unknown): FieldFit {
  const text = asText(value);
  if (text === undefined) return misfit(`${describeKind(value)} does not fit a phone field`);
  if (text.trim().length === 0) return misfit('an empty phone number');
  return fitShortText(text, 'phone');
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(normalizeZero(value)) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function countCodePoints(text: string): number {
  return [...text].length;
}

/** JSON reports would print -0 as 0 anyway; normalising keeps `mapped` equal to what is reported. */
function normalizeZero(value: number): number {
  return Object.is(value, -0) ? 0 : value;
}

function describeKind(value: unknown): string {
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

function joinWarnings(first: string, fitted: FieldFit): string {
  return fitted.ok && fitted.warning !== undefined ? `${first}; ${fitted.warning}` : first;
}

function fit(value: MappedValue, warning?: string): FieldFit {
  return warning === undefined ? { ok: true, value } : { ok: true, value, warning };
}

function misfit(reason: string): FieldFit {
  return { ok: false, reason };
}
