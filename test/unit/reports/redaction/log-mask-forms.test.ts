/** The literal forms registered with the runner's log masking: a mask cannot decode, so the plausible ones are listed. */
import { describe, expect, it } from 'vitest';

import { listLogMaskForms } from '../../../../src/reports/redaction/log-mask-forms.js';
import { SECRET_ENCODINGS } from '../../../support/secret-encodings.js';

const SECRET = 'Sk live/7f+3a=9c&41"d2<z>~é';

describe('listLogMaskForms', () => {
  const forms = listLogMaskForms(SECRET);

  it.each([
    'plain',
    'JSON string',
    'Go-style JSON (\\u0026 \\u003c \\u003e)',
    'JSON, every character escaped',
    'JSON, every character escaped, upper-case hex',
    'PHP-style JSON (\\/)',
    'upper case',
    'lower case',
    'hex',
    'upper-case hex',
    'encodeURIComponent',
    'URL-encoded, lower-case hex',
    'form-encoded (+ for space)',
    'double URL-encoded',
    'WHATWG URL query',
    'base64',
    'base64url',
    'decimal character references',
  ])('registers the %s form', (name) => {
    expect(forms).toContain(SECRET_ENCODINGS[name]?.(SECRET));
  });

  it('registers the HTML-escaped form and hex references in lower case', () => {
    expect(forms).toContain('Sk live/7f+3a=9c&amp;41&quot;d2&lt;z&gt;~é');
    expect(forms).toContain(
      [...SECRET].map((char) => `&#x${(char.codePointAt(0) ?? 0).toString(16)};`).join(''),
    );
  });

  it('registers the characters of the base64 that encode only the secret, at byte offsets 1 and 2', () => {
    for (const prefix of [':', 'u:', 'us:']) {
      const encoded = Buffer.from(`${prefix}${SECRET}`).toString('base64');
      expect(
        forms.some((form) => form.length >= 20 && encoded.includes(form)),
        prefix,
      ).toBe(true);
    }
  });

  it('registers each MIME line of a long secret, and each line of a multi-line one', () => {
    const long = 'x'.repeat(40) + SECRET.repeat(3);
    const wrapped =
      Buffer.from(long)
        .toString('base64')
        .match(/.{1,76}/g) ?? [];
    expect(wrapped.length).toBeGreaterThan(1);
    for (const line of wrapped.slice(0, -1)) expect(listLogMaskForms(long)).toContain(line);
    expect(listLogMaskForms('-----BEGIN-----\nMIIBVwIBADANBgkq\n-----END-----')).toContain(
      'MIIBVwIBADANBgkq',
    );
  });

  it('registers no form so short that the runner would mask it inside ordinary words, and none twice', () => {
    expect(forms.every((form) => form.length >= 6)).toBe(true);
    expect(new Set(forms).size).toBe(forms.length);
    expect(listLogMaskForms('')).toEqual([]);
  });
});
