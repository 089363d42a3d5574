import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_SECRET_LENGTH } from '../../../../src/contracts/secret-length.js';
import {
  createRedactor,
  redactReport,
  SECRET_MASK,
} from '../../../../src/reports/redaction/redact-secrets.js';
import { countSecretCharacters } from '../../../../src/reports/redaction/secret-targets.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../../support/make-check-result.js';
import { SECRET_ENCODINGS } from '../../../support/secret-encodings.js';

/** Characters every encoding treats differently, and one outside Latin-1 and one outside the BMP. */
const SECRET = 'p@ss w0rd/+=?&é<>"~€😀';
/** What the issue saw leak: a secret cut by the snippet, and a one-character secret. */
const ISSUE_SECRET = 'sEcR3t&Key/9x';

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

describe('createRedactor: every form a server echoes', () => {
  const redact = createRedactor([SECRET]);

  it.each(Object.entries(SECRET_ENCODINGS))(
    'masks the secret written as %s, inside a larger text',
    (_name, encode) => {
      const form = encode(SECRET);
      const masked = redact(`before ${form} after`);
      expect(masked).toMatch(/^before .*\*\*\*.* after$/s);
      expect(masked).not.toContain(form);
      expect(redact(`before ${form} after`)).toBe(masked);
    },
  );

  it.each([
    ['plain', SECRET],
    ['encodeURIComponent', encodeURIComponent(SECRET)],
    ['base64', base64(SECRET)],
    ['base64url', Buffer.from(SECRET).toString('base64url')],
    ['JSON, every character escaped', SECRET_ENCODINGS['JSON, every character escaped']?.(SECRET) ?? ''],
    ['decimal references', SECRET_ENCODINGS['decimal character references']?.(SECRET) ?? ''],
    ['double URL-encoded', encodeURIComponent(encodeURIComponent(SECRET))],
    ['hex', Buffer.from(SECRET).toString('hex')],
  ])('masks exactly the characters of the %s form, padding included', (_name, form) => {
    expect(redact(`[${form}]`)).toBe(`[${SECRET_MASK}]`);
  });

  it('masks every occurrence, each where it is written', () => {
    expect(redact(`${SECRET}|${SECRET.toUpperCase()}|${encodeURIComponent(SECRET)}`)).toBe('***|***|***');
  });

  it('masks the base64 of a secret embedded in a longer encoded value, at every byte offset', () => {
    const secret = 'hunter2-is-secret';
    const redactOne = createRedactor([secret]);
    for (const prefix of ['', 'u', 'us', 'user:', 'user:x', 'user:xy']) {
      for (const suffix of ['', '!', '!!', '!!!']) {
        const masked = redactOne(`Authorization: Basic ${base64(`${prefix}${secret}${suffix}`)}`);
        expect(masked, `${prefix}|${suffix}`).toContain(SECRET_MASK);
        // What is left visible cannot decode back to any part of the secret.
        const visible = masked.replace('Authorization: Basic ', '').split(SECRET_MASK).join('');
        expect(Buffer.from(visible, 'base64').toString('latin1')).not.toContain(secret.slice(0, 4));
      }
    }
  });

  it('masks a base64 run glued to the word before it (decoded at every alignment)', () => {
    const redactOne = createRedactor([ISSUE_SECRET]);
    expect(redactOne(`token=abc${base64(ISSUE_SECRET)}`)).not.toContain(base64(ISSUE_SECRET).slice(0, 12));
  });

  it('masks a non-ASCII secret written as UTF-16 JSON escapes, percent-encoded UTF-8 or Latin-1', () => {
    const secret = 'clé-secrète-😀';
    const redactOne = createRedactor([secret]);
    expect(redactOne(JSON.stringify(secret).replace(/[^\x20-\x7e]/gu, (char) => escapeUnits(char)))).toBe(
      '"***"',
    );
    expect(redactOne(`q=${encodeURIComponent(secret)}`)).toBe('q=***');
    expect(createRedactor(['clé-secrète'])('q=cl%E9-secr%E8te')).toBe('q=***');
  });

  it('masks a secret in a hostname, lower-cased and punycoded as URL parsing writes it', () => {
    const redactOne = createRedactor(['TenantÉtoile7']);
    expect(redactOne(`getaddrinfo ENOTFOUND ${new URL('https://TenantÉtoile7.example').hostname}`)).toBe(
      'getaddrinfo ENOTFOUND ***.example',
    );
  });

  it('masks each line of a multi-line secret on its own', () => {
    const key = '-----BEGIN KEY-----\nMIIBVwIBADANBgkq\n-----END KEY-----';
    expect(createRedactor([key])('line: MIIBVwIBADANBgkq')).toBe('line: ***');
  });

  it('masks secrets with RegExp metacharacters literally, and a secret inside another whole', () => {
    expect(createRedactor(['a.b*c(d)[e]$^|\\'])('x a.b*c(d)[e]$^|\\ y')).toBe('x *** y');
    expect(createRedactor(['a.b*c(d)[e]$^|\\'])('x aXbbc(d)[e]$^|\\ y')).toBe('x aXbbc(d)[e]$^|\\ y');
    expect(createRedactor(['abcd1234', 'xxabcd1234xx'])('1 xxabcd1234xx 2 abcd1234')).toBe('1 *** 2 ***');
  });

  it('leaves ordinary text alone: nothing is masked that does not read as a secret', () => {
    const text =
      'got 500 Internal Server Error, expected 2xx: {"error":"boom","id":"ord_0123456789"} &amp; 100%';
    expect(createRedactor([ISSUE_SECRET, 'http://127.0.0.1:43123'])(text)).toBe(text);
  });

  it('masks a short secret only where it is written exactly, so ordinary words survive', () => {
    // The loader refuses such values (src/contracts/secret-length.ts): this only keeps them from showing as-is.
    expect(createRedactor(['e'])('Internal')).toBe('Int***rnal');
    expect(createRedactor(['abc'])('ABC YWJj')).toBe('ABC YWJj');
    expect(createRedactor(['', ''])('anything')).toBe('anything');
    expect(createRedactor([])('anything')).toBe('anything');
  });
});

describe('createRedactor: a cut text', () => {
  const redact = createRedactor([ISSUE_SECRET]);

  it('masks the start of a secret at the end of a truncated text, in any form', () => {
    // Composite forms begin with bytes that are not the secret's (`user:`): their start may show.
    for (const [name, encode] of Object.entries(SECRET_ENCODINGS).filter(([name]) => !COMPOSITE.has(name))) {
      const form = encode(ISSUE_SECRET);
      for (let length = 1; length < form.length; length += 1) {
        const masked = redact(`lead: ${form.slice(0, length)}`, { truncated: true });
        // Masked from where the form starts; only the first character of a hex or base64 form may stay, as it
        // carries less than one character of the secret (4 or 6 bits), and is decoded as soon as it carries one.
        const oneCharacter = length === 1 && /hex|base64|JWT/.test(name);
        expect(masked === `lead: ${SECRET_MASK}` || oneCharacter, `${name}, ${length}: ${masked}`).toBe(true);
      }
    }
  });

  it('keeps the end of a whole text: a text not marked truncated ends where it ends', () => {
    expect(redact('value sEcR3t')).toBe('value sEcR3t');
    expect(redact('value sEcR3t', { truncated: true })).toBe('value ***');
  });

  it('finds a cut-off secret whose start overlaps an earlier false start', () => {
    const redactOne = createRedactor(['abababXYZ123']);
    expect(redactOne('xx abababab', { truncated: true })).toBe('xx ab***');
  });
});

describe('createRedactor: property', () => {
  const secretArbitrary = fc
    .string({ unit: fc.constantFrom(...'abcXYZ019 /+=?&%#"<>~\\é€'.split('')), minLength: 8, maxLength: 24 })
    // The values the loader accepts.
    .filter((secret) => countSecretCharacters(secret) >= MIN_SECRET_LENGTH);
  const textArbitrary = fc.string({ unit: fc.constantFrom(...'ab Z9 ,;:!{}[]"'.split('')), maxLength: 12 });

  it('leaves no encoded form of a random secret, nor half of one, in the redacted text', () => {
    const pure = Object.keys(SECRET_ENCODINGS).filter((name) => !COMPOSITE.has(name));
    fc.assert(
      fc.property(
        secretArbitrary,
        textArbitrary,
        textArbitrary,
        fc.constantFrom(...pure),
        (secret, before, after, name) => {
          const form = SECRET_ENCODINGS[name]?.(secret) ?? '';
          const masked = createRedactor([secret])(`${before} ${form} ${after}`);
          const half = Math.max(8, Math.ceil(form.length / 2));
          for (let at = 0; at + half <= form.length; at += 1) {
            expect(masked, `${name}: ${masked}`).not.toContain(form.slice(at, at + half));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('leaves nothing that decodes to half of a random secret when it was encoded with other bytes', () => {
    fc.assert(
      fc.property(secretArbitrary, textArbitrary, fc.constantFrom(...COMPOSITE), (secret, before, name) => {
        const masked = createRedactor([secret])(`${before} ${SECRET_ENCODINGS[name]?.(secret) ?? ''}`);
        const bytes = Buffer.from(secret).toString('latin1');
        const decoded = decodeEveryBase64Run(masked);
        for (let at = 0; at + Math.ceil(bytes.length / 2) <= bytes.length; at += 1) {
          expect(decoded, `${name}: ${masked}`).not.toContain(
            bytes.slice(at, at + Math.ceil(bytes.length / 2)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never shows the start of a random secret at the end of a truncated text', () => {
    fc.assert(
      fc.property(secretArbitrary, fc.integer({ min: 4, max: 24 }), (secret, length) => {
        const cut = secret.slice(0, Math.min(length, secret.length - 1));
        const masked = createRedactor([secret])(`lead: ${cut}`, { truncated: true });
        expect(masked.trimEnd().endsWith(SECRET_MASK) || cut.trim().length < 4, masked).toBe(true);
      }),
    );
  });
});

describe('redactReport', () => {
  it('passes the report through uncopied when the run has no secret', () => {
    const report = makeReport([makeFailedCheckResult({ webhook: 'hook' }), makeCheckResult()]);
    expect(redactReport(report, createRedactor([]))).toBe(report);
    expect(redactReport(report, createRedactor(['']))).toBe(report);
    // Any other redactor copies, even one that changes nothing here.
    expect(redactReport(report, createRedactor(['tok_SECRET_42']))).not.toBe(report);
    expect(redactReport(report, (text) => text)).not.toBe(report);
  });

  it('redacts every string in the report and keeps numbers, booleans and nulls', () => {
    const secret = 'tok_SECRET_42';
    const check = makeFailedCheckResult({
      webhook: `hook ${secret}`,
      sample: `sample ${secret}`,
      file: `dir/${secret}.yml`,
      errorType: `reason ${secret}`,
      failures: [
        { kind: 'status', message: `msg ${secret}`, expected: `exp ${secret}`, actual: `act ${secret}` },
        { kind: 'latency', message: 'slow' },
      ],
      warnings: [`warn ${secret}`],
      mapped: { [`field_${secret}`]: `value ${secret}`, score: 3, flag: true, none: null },
      responseSnippet: `{"echo":"${base64(secret)}"}`,
    });
    const report = makeReport([check, makeCheckResult()]);
    const redacted = redactReport(report, createRedactor([secret]));
    const json = JSON.stringify(redacted);
    expect(json).not.toContain(secret);
    expect(json).not.toContain(base64(secret));
    const [first] = redacted.checks;
    expect(first?.webhook).toBe('hook ***');
    expect(first?.failures[0]).toEqual({
      kind: 'status',
      message: 'msg ***',
      expected: 'exp ***',
      actual: 'act ***',
    });
    expect(first?.failures[1]).toEqual({ kind: 'latency', message: 'slow' });
    expect(first?.mapped).toEqual({ 'field_***': 'value ***', score: 3, flag: true, none: null });
    expect(first?.responseSnippet).toBe('{"echo":"***"}');
    expect(first?.code).toBe(500);
    expect(redacted.summary).toEqual(report.summary);
    // The input is not changed.
    expect(report.checks[0]?.webhook).toBe(`hook ${secret}`);
  });

  it('keeps absent optional members absent', () => {
    const redacted = redactReport(makeReport([makeCheckResult({ errorType: null })]), (text) =>
      text.toUpperCase(),
    );
    const [check] = redacted.checks;
    expect(check).not.toHaveProperty('responseSnippet');
    expect(check?.errorType).toBeNull();
    expect(check?.webhook).toBe('SCORE LEAD');
  });
});

/** Forms that encode the secret together with other bytes: what is left of them is decoded, not compared. */
const COMPOSITE = new Set([
  'base64 at byte offset 1',
  'base64 at byte offset 2',
  'base64 of user:secret (Basic)',
  'base64 wrapped at 76 columns (MIME)',
  'a JWT payload',
]);

/** Every base64 run of `text` decoded (Node's decoder) at every alignment, as Latin-1. */
function decodeEveryBase64Run(text: string): string {
  const runs = text.replace(/[\r\n]/g, '').match(/[A-Za-z0-9+/_-]{2,}/g) ?? [];
  return runs
    .flatMap((run) =>
      [0, 1, 2, 3].map((at) => Buffer.from(run.slice(at).replace(/-/g, '+').replace(/_/g, '/'), 'base64')),
    )
    .map((bytes) => bytes.toString('latin1'))
    .join('|');
}

function escapeUnits(char: string): string {
  return char
    .split('')
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
}
