/** The parts of a URL secret that are echoed on their own (src/reports/redaction/secret-url-parts.ts). */
import { describe, expect, it } from 'vitest';

import { createRedactor } from '../../../../src/reports/redaction/redact-secrets.js';
import { listSecretUrlParts } from '../../../../src/reports/redaction/secret-url-parts.js';

const STAGING_URL = 'https://Staging.Internal.Example:8443/hooks/score?key=Zq81xWv0';
const redact = createRedactor([STAGING_URL]);

describe('listSecretUrlParts', () => {
  it('lists host:port, host, path and query, as written and as URL parsing writes them', () => {
    expect(new Set(listSecretUrlParts(STAGING_URL))).toEqual(
      new Set([
        'Staging.Internal.Example:8443',
        'Staging.Internal.Example',
        '/hooks/score?key=Zq81xWv0',
        '/hooks/score',
        '?key=Zq81xWv0',
        'staging.internal.example:8443',
        'staging.internal.example',
      ]),
    );
  });

  it('finds a URL inside a longer value, and lists nothing for a value without one', () => {
    expect(listSecretUrlParts('Bearer x https://hooks.example.com/T0/B0')).toContain('hooks.example.com');
    expect(listSecretUrlParts('just-a-token-1234')).toEqual([]);
  });
});

describe('createRedactor masks each part of a URL secret where it is echoed alone', () => {
  it.each([
    [
      'a redirect to its own host',
      'Location: https://staging.internal.example:8443/login',
      'Location: https://***/login',
    ],
    ['the host without its port', 'see http://STAGING.INTERNAL.EXAMPLE/status', 'see http://***/status'],
    ['a framework 404 naming the path', 'Cannot POST /hooks/score?key=Zq81xWv0', 'Cannot POST ***'],
    ['the path alone', 'no route for /hooks/score', 'no route for ***'],
    [
      'a TLS error quoting the host',
      "Host: staging.internal.example. is not in the cert's altnames",
      "Host: ***. is not in the cert's altnames",
    ],
    [
      'the host percent-encoded',
      'next=https%3A%2F%2Fstaging.internal.example%3A8443%2F',
      'next=https%3A%2F%2F***%2F',
    ],
    ['the host JSON-escaped', '{"host":"staging\\u002einternal\\u002eexample"}', '{"host":"***"}'],
  ])('%s', (_label, text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it('keeps a part shorter than a secret may be, which would match ordinary text', () => {
    const short = createRedactor(['https://a.io/x?k=Zq81xWv0PpKey']);
    expect(short('a.io is up; GET /x')).toBe('a.io is up; GET /x');
    expect(short('?k=Zq81xWv0PpKey')).toBe('***');
  });
});
