/**
 * How Marketo writes one token value into a request (SPEC section 1, "Encoding"). Encoding applies to
 * token values only; literal template text is never touched.
 */
import type { TokenEncoding, TokenValue } from '../contracts/contract.js';

/** Where a token is written: the URL always percent-encodes, a body follows the webhook's encoding. */
export type TokenTarget = 'url' | TokenEncoding;

/**
 * How each target writes a piece of text. Every encoding is per character, so a text inside a larger value is
 * written as this encoding of it: the secret-bearing test looks for exactly these forms. A `Record`, so a new
 * encoding cannot be added without saying how it writes text (and so without the test knowing its form).
 */
export const TEXT_ENCODERS: Readonly<Record<TokenTarget, (text: string) => string>> = {
  url: (text) => encodeURIComponent(toWellFormed(text)),
  // Inside the quotes that a string value gets under json encoding.
  json: (text) => JSON.stringify(text).slice(1, -1),
  form: (text) => new URLSearchParams({ v: text }).toString().slice('v='.length),
  none: (text) => text,
};

/**
 * Encodes a token value for a payload template.
 * - `json`: a string becomes a JSON string literal, quotes included (Marketo adds them, so templates
 *   write `{"email": {{lead.Email Address}}}`); numbers and booleans stay bare; a missing value is
 *   the empty string, so `""`.
 * - `form`: `application/x-www-form-urlencoded` escaping (space becomes `+`), as `URLSearchParams`
 *   and Java's `URLEncoder` write it.
 * - `none`: the value as text.
 * `null` and `undefined` count as the empty string. Never throws.
 */
export function encodeTokenValue(value: TokenValue | undefined, encoding: TokenEncoding): string {
  if (encoding === 'json' && typeof value !== 'string') {
    // JSON.stringify turns a non-finite number into `null`, keeping the payload valid JSON.
    return JSON.stringify(value ?? '');
  }
  const text = TEXT_ENCODERS[encoding](formatTokenValue(value));
  return encoding === 'json' ? `"${text}"` : text;
}

/**
 * Encodes a token value for the URL: always percent-encoded (`encodeURIComponent`), whatever the
 * webhook's encoding (*assumed* in the SPEC), so a value can never change the URL's structure.
 * Never throws: a lone surrogate, which `encodeURIComponent` rejects, is sent as U+FFFD.
 */
export function encodeUrlTokenValue(value: TokenValue | undefined): string {
  return TEXT_ENCODERS.url(formatTokenValue(value));
}

/** The plain text of a value: `''` for null and undefined, `String()` otherwise. */
export function formatTokenValue(value: TokenValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
