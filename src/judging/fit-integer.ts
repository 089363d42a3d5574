/**
 * Integer, Score and Percent fields (SPEC section 1): Marketo stores them as signed 64-bit integers (*reported*).
 * Values are judged from their exact text, never from a rounded double: outside signed 64-bit is a misfit;
 * outside signed 32-bit fits with a warning, since a 32-bit CRM field synced with it (Salesforce's) overflows.
 */
import type { MappedValue } from './check-result.js';

export type IntegerFit =
  | { readonly ok: true; readonly value: MappedValue; readonly warning?: string }
  | { readonly ok: false; readonly reason: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** int64's largest magnitude has 19 digits: anything longer is out of range without computing it. */
const INT64_DIGITS = 19;

/** A decimal number: sign, integer digits, fraction digits, exponent (JSON's grammar, plus a leading `+`). */
const DECIMAL = /^([+-]?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

export type ExactInteger =
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'fraction' }
  | { readonly kind: 'out-of-range' }
  | { readonly kind: 'not-a-number' };

/**
 * Reads decimal `text` exactly: the integer it denotes, or why it is none. Exponents are handled without
 * building the number (`1e999999999` is out of range, not a billion-digit BigInt).
 */
export function readExactInteger(text: string): ExactInteger {
  const match = DECIMAL.exec(text);
  if (match === null) return { kind: 'not-a-number' };
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits.length === 0) return { kind: 'integer', value: 0n };
  let scale = Number(exponent) - fraction.length;
  const trimmed = digits.replace(/0+$/, '');
  scale += digits.length - trimmed.length;
  digits = trimmed;
  if (scale < 0) return { kind: 'fraction' };
  if (digits.length + scale > INT64_DIGITS) return { kind: 'out-of-range' };
  const magnitude = BigInt(digits) * 10n ** BigInt(scale);
  const value = sign === '-' ? -magnitude : magnitude;
  return value < INT64_MIN || value > INT64_MAX ? { kind: 'out-of-range' } : { kind: 'integer', value };
}

/**
 * Whether `text` (a number's exact text, or a numeric string) fits a 64-bit integer field. The value written is a
 * number when it is a safe integer, otherwise a bigint (shown exactly in reports).
 */
export function fitIntegerText(text: string, type: string): IntegerFit {
  const exact = readExactInteger(text);
  const shown = quoteNumberText(text);
  switch (exact.kind) {
    case 'not-a-number':
      return { ok: false, reason: `${shown} is not an integral number` };
    case 'fraction':
      return { ok: false, reason: `${shown} is not an integral number` };
    case 'out-of-range':
      return {
        ok: false,
        reason: `${shown} is outside the signed 64-bit range Marketo stores ${type} fields in`,
      };
    case 'integer': {
      const { value } = exact;
      const written = value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
      if (value < INT32_MIN || value > INT32_MAX) {
        return {
          ok: true,
          value: written,
          warning: `${value} is outside the signed 32-bit range: a 32-bit CRM field synced with it (such as Salesforce's) would overflow`,
        };
      }
      return { ok: true, value: written };
    }
  }
}

/**
 * {@link fitIntegerText} for a parsed number that prints as written (no recorded text): a whole number within
 * signed 32 bits, the usual mapped score or id, fits as it is, without reading its digits exactly (reading them
 * was the judge's largest cost per check).
 */
export function fitIntegerNumber(value: number, type: string): IntegerFit {
  if (Number.isInteger(value) && value >= INT32_MIN_NUMBER && value <= INT32_MAX_NUMBER) {
    return { ok: true, value: value === 0 ? 0 : value };
  }
  return fitIntegerText(String(value), type);
}

const INT32_MIN_NUMBER = Number(INT32_MIN);
const INT32_MAX_NUMBER = Number(INT32_MAX);

/** Longer number texts are described, not quoted: the check's `actual` already shows the value (redacted, cut). */
const MAX_QUOTED_CHARS = 80;

/**
 * The text is the service's, of any length (a 1 MiB number): quoted whole when short, otherwise named by its
 * length, so no reason copies it and none cuts it (a cut could keep the start of a secret the redactor then misses).
 */
export function quoteNumberText(text: string): string {
  return text.length <= MAX_QUOTED_CHARS ? text : `a ${text.length}-character number`;
}
