/**
 * The forms in which a server may echo a secret, for the redaction tests (unit, property and against the built
 * artefacts). Each is written here with Node's own encoders, independently of the redactor's decoders.
 */

function escapeEveryUnit(text: string, upper = false): string {
  return [...text]
    .flatMap((char) => char.split('').map((unit) => unit.charCodeAt(0).toString(16).padStart(4, '0')))
    .map((hex) => `\\u${upper ? hex.toUpperCase() : hex}`)
    .join('');
}

function wrapLines(text: string, width: number): string {
  return text.replace(new RegExp(`.{${width}}(?=.)`, 'g'), '$&\r\n');
}

/** Quoted-printable (RFC 2045) with every byte escaped, upper-case as the RFC writes it. */
function quotePrintable(text: string): string {
  return [...Buffer.from(text)]
    .map((byte) => `=${byte.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');
}

/** Hex bytes written apart, as fingerprints and hex dumps do. */
function separateHex(text: string, separator: string): string {
  return Buffer.from(text)
    .toString('hex')
    .replace(/(..)(?=.)/g, `$1${separator}`);
}

/** Every form, by name. `secret` should be at least 8 characters. */
export const SECRET_ENCODINGS: Readonly<Record<string, (secret: string) => string>> = {
  plain: (secret) => secret,
  'JSON string': (secret) => JSON.stringify(secret).slice(1, -1),
  'Go-style JSON (\\u0026 \\u003c \\u003e)': (secret) =>
    JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[<>&]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`),
  'JSON, every character escaped': (secret) => escapeEveryUnit(secret),
  'JSON, every character escaped, upper-case hex': (secret) => escapeEveryUnit(secret, true),
  'PHP-style JSON (\\/)': (secret) => JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
  'JSON inside a JSON string': (secret) => JSON.stringify(JSON.stringify(secret)).slice(3, -3),
  'upper case': (secret) => secret.toUpperCase(),
  'lower case': (secret) => secret.toLowerCase(),
  hex: (secret) => Buffer.from(secret).toString('hex'),
  'upper-case hex': (secret) => Buffer.from(secret).toString('hex').toUpperCase(),
  encodeURIComponent: (secret) => encodeURIComponent(secret),
  'URL-encoded, lower-case hex': (secret) =>
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  'form-encoded (+ for space)': (secret) => new URLSearchParams({ k: secret }).toString().slice(2),
  'double URL-encoded': (secret) => encodeURIComponent(encodeURIComponent(secret)),
  'triple URL-encoded': (secret) => encodeURIComponent(encodeURIComponent(encodeURIComponent(secret))),
  'WHATWG URL query': (secret) => {
    const url = new URL('http://x/');
    url.search = `?${secret}`;
    return url.search.slice(1);
  },
  base64: (secret) => Buffer.from(secret).toString('base64'),
  base64url: (secret) => Buffer.from(secret).toString('base64url'),
  'base64 at byte offset 1': (secret) => Buffer.from(`:${secret}`).toString('base64'),
  'base64 at byte offset 2': (secret) => Buffer.from(`u:${secret}`).toString('base64'),
  'base64 of user:secret (Basic)': (secret) => Buffer.from(`user:${secret}`).toString('base64'),
  'base64 wrapped at 76 columns (MIME)': (secret) =>
    wrapLines(Buffer.from(`${secret}|${secret}|${secret}|${secret}`).toString('base64'), 76),
  'a JWT payload': (secret) =>
    `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 'x', key: secret })).toString('base64url')}.c2ln`,
  'HTML named entities': (secret) =>
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  'decimal character references': (secret) =>
    [...secret].map((char) => `&#${char.codePointAt(0) ?? 0};`).join(''),
  'hex character references': (secret) =>
    [...secret].map((char) => `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`).join(''),
  'hex separated by colons (a fingerprint)': (secret) => separateHex(secret, ':'),
  'upper-case hex separated by dashes': (secret) => separateHex(secret, '-').toUpperCase(),
  'hex separated by spaces (a hex dump)': (secret) => separateHex(secret, ' '),
  'quoted-printable, every byte': (secret) => quotePrintable(secret),
  'quoted-printable, soft line breaks': (secret) => quotePrintable(secret).replace(/.{75}(?=.)/g, '$&=\r\n'),
  'base64 folded at single spaces (a header value)': (secret) =>
    Buffer.from(secret)
      .toString('base64')
      .replace(/.{8}(?=.)/g, '$& '),
  'split by a line break': (secret) => `${secret.slice(0, 3)}\n${secret.slice(3)}`,
  'split by CRLF and indentation': (secret) => `${secret.slice(0, 4)}\r\n    ${secret.slice(4)}`,
  'split by a zero-width space': (secret) => `${secret.slice(0, 2)}\u200b${secret.slice(2)}`,
};
