import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRedactor, redactReport, SECRET_MASK } from '../../../src/reports/redact-secrets.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

const SECRET = 'p@ss w0rd/+=?&é';

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

describe('createRedactor', () => {
  const redact = createRedactor([SECRET]);

  it.each([
    ['plain', SECRET],
    ['encodeURIComponent', encodeURIComponent(SECRET)],
    ['form-urlencoded (+ for spaces)', encodeURIComponent(SECRET).replace(/%20/g, '+')],
    ['URLSearchParams', new URLSearchParams({ k: SECRET }).toString().slice(2)],
    ['lower-case hex', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['base64', base64(SECRET)],
    ['base64 without padding', base64(SECRET).replace(/=+$/, '')],
    ['base64url', base64Url(SECRET)],
  ])('masks the %s form inside a larger string', (_name, form) => {
    const text = `before ${form} after`;
    const masked = redact(text);
    expect(masked).toBe(`before ${SECRET_MASK} after`);
  });

  it('masks every occurrence, not just the first', () => {
    expect(redact(`${SECRET}|${SECRET}|${encodeURIComponent(SECRET)}`)).toBe('***|***|***');
  });

  it('masks the base64 of a secret embedded in a longer encoded value at every byte offset', () => {
    const secret = 'hunter2-is-secret';
    const redactOne = createRedactor([secret]);
    for (const prefix of ['', 'u', 'us', 'user:', 'user:x', 'user:xy']) {
      for (const suffix of ['', '!', '!!', '!!!']) {
        const encoded = base64(`${prefix}${secret}${suffix}`);
        const masked = redactOne(`Authorization: Basic ${encoded}`);
        expect(masked, `${prefix}|${suffix}`).toContain(SECRET_MASK);
        // What is left visible cannot decode back to the secret.
        const visible = masked.replace('Authorization: Basic ', '').replace(SECRET_MASK, '');
        expect(Buffer.from(visible, 'base64').toString('latin1')).not.toContain(secret.slice(2, -2));
      }
    }
  });

  it('masks the longest secret first, so a secret containing another is masked whole', () => {
    const redactBoth = createRedactor(['abcd', 'xxabcdxx']);
    expect(redactBoth('1 xxabcdxx 2 abcd')).toBe('1 *** 2 ***');
  });

  it('masks a text that ends in the middle of a secret (a cut-off snippet)', () => {
    const secret = 'sk_live_0123456789abcdef';
    const redactOne = createRedactor([secret]);
    expect(redactOne(`{"token":"${secret.slice(0, 10)}`)).toBe(`{"token":"${SECRET_MASK}`);
    expect(redactOne(`{"token":"${encodeURIComponent(secret).slice(0, 6)}`)).toBe(`{"token":"${SECRET_MASK}`);
    // Fewer than 4 characters of it are left alone, and so is a start that is not at the end.
    expect(redactOne('value sk_')).toBe('value sk_');
    expect(redactOne('sk_live_01 and more')).toBe('sk_live_01 and more');
  });

  it('finds a cut-off secret whose start overlaps an earlier false start', () => {
    const secret = 'abababXYZ123';
    const redactOne = createRedactor([secret]);
    expect(redactOne('xx abababab')).toBe('xx ab***');
  });

  it('masks short secrets too, and ignores empty ones', () => {
    expect(createRedactor(['ab'])('cab')).toBe('c***');
    expect(createRedactor(['', ''])('anything')).toBe('anything');
    expect(createRedactor([])('anything')).toBe('anything');
  });

  it('masks secrets with RegExp metacharacters literally', () => {
    const redactOne = createRedactor(['a.b*c(d)[e]$^|\\']);
    expect(redactOne('x a.b*c(d)[e]$^|\\ y')).toBe('x *** y');
    expect(redactOne('x aXbbc(d)[e]$^|\\ y')).toBe('x aXbbc(d)[e]$^|\\ y');
  });

  it('masks each line of a multi-line secret on its own', () => {
    const key = '-----BEGIN KEY-----\nMIIBVwIBADANBgkq\n-----END KEY-----';
    const masked = createRedactor([key])('line: MIIBVwIBADANBgkq');
    expect(masked).toBe('line: ***');
  });

  it('is a single scan that handles many calls and many secrets quickly enough to not matter', () => {
    const secrets = Array.from({ length: 50 }, (_, index) => `secret-value-${index}-xyz`);
    const redactMany = createRedactor(secrets);
    const text = `header ${secrets[49]} middle ${encodeURIComponent(secrets[3] ?? '')} end`;
    expect(redactMany(text)).toBe('header *** middle *** end');
  });

  it('never leaves a secret (or its URL/base64 forms) in any text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 20 }),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          const redactOne = createRedactor([secret]);
          for (const form of [secret, encodeURIComponent(secret), base64(secret)]) {
            expect(redactOne(before + form + after)).not.toContain(form);
          }
        },
      ),
    );
  });
});

describe('redactReport', () => {
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
