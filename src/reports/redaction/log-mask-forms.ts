/**
 * The spellings of a secret registered with the runner's log masking (`core.setSecret`). A runner mask matches one
 * literal string, so it cannot decode anything: this lists the forms a server plausibly echoes and a log line could
 * carry. It is a second line of defence: every line this action logs has been through the redactor
 * (redact-secrets.ts) already, which finds every form, not only these.
 */

/** Base64 lines are wrapped at this width by MIME (RFC 2045); PEM wraps at 64. */
const MIME_LINE = 76;
const PEM_LINE = 64;
/** Forms shorter than this are not registered: the runner would mask them inside ordinary words. */
const MIN_FORM_LENGTH = 6;

/** Every literal form of `secret` to mask in the runner's log, each once. */
export function listLogMaskForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = new Set<string>();
  const spellings = [secret, secret.toLowerCase(), secret.toUpperCase()];
  for (const spelling of spellings) {
    for (const form of listTextForms(spelling)) forms.add(form);
  }
  // Multi-line secrets (keys, certificates) are logged one line at a time.
  for (const line of secret.split(/\r\n|\r|\n/)) if (line.trim().length >= MIN_FORM_LENGTH) forms.add(line);
  const bytes = new TextEncoder().encode(secret);
  for (const base64 of listBase64Forms(bytes)) {
    forms.add(base64);
    forms.add(toBase64Url(base64));
  }
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  return [...forms].filter((form) => form.length >= Math.min(MIN_FORM_LENGTH, secret.length));
}

/** The secret as URLs, forms, JSON and HTML/XML write it. */
function listTextForms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    uri,
    lowerHexEscapes(uri),
    uri.replace(/%20/g, '+'),
    new URLSearchParams([['', secret]]).toString().slice(1),
    encodeURIComponent(uri),
    ...listUrlForms(secret),
    json,
    // PHP escapes `/`; Go escapes `<`, `>` and `&` (and U+2028/U+2029) as \u00XX.
    json.replace(/\//g, '\\/'),
    json.replace(/[<>&\u2028\u2029]/g, (char) => escapeUnit(char)),
    // Some encoders escape every character, in either case.
    [...secret].map((char) => [...char].map((unit) => escapeUnit(unit)).join('')).join(''),
    [...secret].map((char) => [...char].map((unit) => escapeUnit(unit, true)).join('')).join(''),
    escapeHtml(secret),
    [...secret].map((char) => `&#${char.codePointAt(0) ?? 0};`).join(''),
    [...secret].map((char) => `&#x${(char.codePointAt(0) ?? 0).toString(16)};`).join(''),
  ];
  return forms;
}

/** How the WHATWG URL parser writes the secret in a query, a path and a fragment. */
function listUrlForms(secret: string): string[] {
  const url = new URL('http://x/');
  url.search = `?${secret}`;
  const query = url.search.slice(1);
  url.search = '';
  url.pathname = `/${secret}`;
  const pathname = url.pathname.slice(1);
  url.hash = `#${secret}`;
  return [query, pathname, url.hash.slice(1)];
}

function lowerHexEscapes(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function escapeUnit(unit: string, upper = false): string {
  const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? hex.toUpperCase() : hex}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The base64 of the secret (padded and not, and wrapped as MIME and PEM wrap it, line by line), then the characters
 * that encode only the secret's bytes when it sits at byte offset 1 or 2 of a longer encoded value (`user:secret`).
 */
function listBase64Forms(bytes: Uint8Array): string[] {
  const whole = encodeBase64(bytes);
  const forms = [whole, whole.replace(/=+$/, '')];
  for (const width of [MIME_LINE, PEM_LINE]) {
    if (whole.length <= width) continue;
    for (let from = 0; from < whole.length; from += width) forms.push(whole.slice(from, from + width));
  }
  for (const shift of [1, 2]) {
    const shifted = encodeBase64(new Uint8Array([...new Uint8Array(shift), ...bytes]));
    // Characters mixing filler bits (at the start) or following bytes (at the end) depend on the context.
    forms.push(shifted.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6)));
  }
  forms.push(whole.slice(0, Math.floor((8 * bytes.length) / 6)));
  return forms;
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
