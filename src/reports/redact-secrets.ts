import type { CheckResult, Failure, MappedValue, RunReport } from '../judging/check-result.js';

/** What a secret is replaced with. */
export const SECRET_MASK = '***';

/** Partial secrets at the end of a text are masked from this many characters on. */
const MIN_PARTIAL_LENGTH = 4;
/** Base64 of a secret at an unknown offset is recognised only when its stable middle is at least this long. */
const MIN_SHIFTED_BASE64_LENGTH = 6;

/**
 * Builds a function that replaces every secret in a text with `***`: the value itself, its URL-encoded forms
 * (`encodeURIComponent`, form-urlencoded with `+` for spaces, lower-case hex), its JSON-string-escaped form and its
 * base64 and base64url forms, including the base64 of a secret embedded in a longer encoded value (e.g. a
 * `Basic user:secret` header echoed back) at each of the three byte offsets.
 *
 * Longer forms are tried first, so a secret containing another secret is masked whole. A text that *ends* with
 * the first 4 or more characters of a secret form is masked from there too: response snippets are cut at a fixed
 * length and may stop in the middle of an echoed secret.
 *
 * Every non-empty secret is masked, however short: a one-character secret makes the output hard to read, but a
 * secret that leaks is worse. Empty secrets are ignored (they would match everywhere).
 * All forms are compiled into one RegExp up front, so each call is a single scan.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of listSecretForms(secret)) if (form.length > 0) forms.add(form);
  }
  if (forms.size === 0) return (text) => text;
  const sorted = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const wholePattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
  const partial = compilePartialTail(sorted);

  return (text) => {
    const masked = text.replace(wholePattern, SECRET_MASK);
    return partial === undefined ? masked : partial(masked);
  };
}

/**
 * Returns a copy of the report with `redact` applied to every string in it: names, file paths, error types,
 * failure messages with their expected and actual values, warnings, mapped field names and values, and the
 * response snippet. Numbers and booleans are kept.
 */
export function redactReport(report: RunReport, redact: (text: string) => string): RunReport {
  return { version: report.version, summary: { ...report.summary }, checks: report.checks.map(redactCheck) };

  function redactCheck(check: CheckResult): CheckResult {
    const redacted: CheckResult = {
      ...check,
      webhook: redact(check.webhook),
      sample: redact(check.sample),
      file: redact(check.file),
      errorType: check.errorType === null ? null : redact(check.errorType),
      failures: check.failures.map(redactFailure),
      warnings: check.warnings.map(redact),
      mapped: Object.fromEntries(
        Object.entries(check.mapped).map(([field, value]): [string, MappedValue] => [
          redact(field),
          typeof value === 'string' ? redact(value) : value,
        ]),
      ),
    };
    return check.responseSnippet === undefined
      ? redacted
      : { ...redacted, responseSnippet: redact(check.responseSnippet) };
  }

  function redactFailure(failure: Failure): Failure {
    const redacted: Failure = { ...failure, message: redact(failure.message) };
    return {
      ...redacted,
      ...(failure.expected === undefined ? {} : { expected: redact(failure.expected) }),
      ...(failure.actual === undefined ? {} : { actual: redact(failure.actual) }),
    };
  }
}

/** Every form in which `secret` may appear in a response, a URL or a header we report. */
export function listSecretForms(secret: string): string[] {
  const uriEncoded = encodeURIComponent(secret);
  const forms = [
    secret,
    uriEncoded,
    uriEncoded.replace(/%20/g, '+'),
    // WHATWG form encoding escapes more than encodeURIComponent (`!'()~`), and servers echo either.
    new URLSearchParams([['', secret]]).toString().slice(1),
    JSON.stringify(secret).slice(1, -1),
  ];
  forms.push(...listUrlForms(secret));
  // Some servers and proxies re-encode with lower-case hex digits.
  for (const form of forms.slice(1))
    if (form.includes('%')) forms.push(form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  // Multi-line secrets (keys, certificates) are often printed one line at a time.
  if (/[\r\n]/.test(secret)) {
    for (const line of secret.split(/\r?\n|\r/))
      if (line.trim().length >= MIN_PARTIAL_LENGTH) forms.push(line);
  }
  const bytes = new TextEncoder().encode(secret);
  for (const base64 of listBase64Forms(bytes)) forms.push(base64, toBase64Url(base64));
  return forms;
}

/** Characters that end or change a hostname: a secret holding one is never a whole hostname. */
const NOT_IN_HOSTNAME = /[\s/?#\\@:[\]%]/u;

/**
 * How the WHATWG URL parser writes the secret in each part of a URL, which is what a request line, an echoed URL or a
 * `Location` header shows: a query escapes far fewer characters than encodeURIComponent (`&`, `/`, `+`, `=` stay),
 * a path fewer still. In a hostname the secret is lower-cased (and punycoded), and so it appears in network and TLS
 * error messages. A form shorter than the secret (a path with `..` segments) is dropped: it would mask a fragment.
 */
function listUrlForms(secret: string): string[] {
  const url = new URL('http://x/');
  url.search = `?${secret}`;
  const query = url.search.slice(1);
  url.search = '';
  url.pathname = `/${secret}`;
  const pathname = url.pathname.slice(1);
  url.hash = `#${secret}`;
  const fragment = url.hash.slice(1);
  url.password = secret;
  const forms = [query, pathname, fragment, url.password, secret.toLowerCase()];
  if (!NOT_IN_HOSTNAME.test(secret)) {
    try {
      forms.push(new URL(`http://${secret}/`).hostname);
    } catch {
      // Not a valid hostname: it cannot appear as one.
    }
  }
  return forms.filter((form) => form.length >= secret.length);
}

/**
 * The base64 of the secret on its own (with and without padding), then the characters that encode only the
 * secret's bytes when it sits at byte offset 1 or 2 of a longer encoded value (or at offset 0 followed by more).
 */
function listBase64Forms(bytes: Uint8Array): string[] {
  const whole = encodeBase64(bytes);
  const forms = [whole, whole.replace(/=+$/, '')];
  for (const shift of [0, 1, 2]) {
    const shifted = encodeBase64(new Uint8Array([...new Uint8Array(shift), ...bytes]));
    // Characters mixing filler bits (at the start) or following bytes (at the end) depend on the context.
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    const core = shifted.slice(first, end);
    if (core.length >= MIN_SHIFTED_BASE64_LENGTH) forms.push(core);
  }
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

/**
 * Masks the end of a text when it is the start of a secret form (at least MIN_PARTIAL_LENGTH characters of it).
 * One RegExp finds the candidate starts (the forms' first characters) in the text's last stretch only.
 */
function compilePartialTail(forms: readonly string[]): ((text: string) => string) | undefined {
  const candidates = forms.filter((form) => form.length > MIN_PARTIAL_LENGTH);
  if (candidates.length === 0) return undefined;
  const starts = [...new Set(candidates.map((form) => form.slice(0, MIN_PARTIAL_LENGTH)))];
  const startPattern = new RegExp(starts.map(escapeRegExp).join('|'), 'g');
  const longest = Math.max(...candidates.map((form) => form.length));

  return (text) => {
    // Only a tail shorter than the longest form can be a cut-off secret.
    startPattern.lastIndex = Math.max(0, text.length - (longest - 1));
    for (let match = startPattern.exec(text); match !== null; match = startPattern.exec(text)) {
      const tail = text.slice(match.index);
      if (candidates.some((form) => form.length > tail.length && form.startsWith(tail))) {
        startPattern.lastIndex = 0;
        return text.slice(0, match.index) + SECRET_MASK;
      }
      // Starts may overlap (`abab`): look again one character on.
      startPattern.lastIndex = match.index + 1;
    }
    return text;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
