/** The URL forms of a secret (src/core/redact-secrets.ts): how request lines, echoed URLs and Locations spell it. */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../../src/reports/redaction/redact-secrets.js';

const SECRET = 'Sk live/7f+3a=9c&41"d2%zz~#x';

describe('createRedactor: URL forms', () => {
  const redact = createRedactor([SECRET]);

  it('masks the secret as WHATWG URL writes it in a query (only space, quote, # and the like escaped)', () => {
    const url = new URL('http://h/');
    url.search = `?key=${SECRET}`;
    expect(url.search).toContain('Sk%20live/7f+3a=9c&41%22d2%zz~%23x');
    expect(redact(`Location: https://elsewhere.example/${url.search}`)).toBe(
      'Location: https://elsewhere.example/?key=***',
    );
  });

  it('masks it as written in a path, a fragment and a password', () => {
    const url = new URL('http://h/');
    url.pathname = `/a/${SECRET}`;
    expect(redact(url.pathname)).toBe('/a/***');
    url.hash = `#${SECRET}`;
    expect(redact(url.hash)).toBe('#***');
    url.password = SECRET;
    expect(redact(`userinfo ${url.password}@h`)).toBe('userinfo ***@h');
  });

  it('masks the lower-case form with lower-case hex escapes too', () => {
    const url = new URL('http://h/');
    url.search = `?${SECRET}`;
    expect(redact(url.search.slice(1).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()))).toBe(
      '***',
    );
  });

  it('masks a secret used as a hostname as the URL parser prints it: lower-cased, punycode', () => {
    const tenant = createRedactor(['AcMeTeNaNt7', 'Bücher']);
    expect(tenant('connect ECONNREFUSED acmetenant7.example.com')).toBe(
      'connect ECONNREFUSED ***.example.com',
    );
    expect(tenant(`host ${new URL('http://Bücher.example/').hostname}`)).toBe('host ***.example');
  });

  it('never masks a shorter piece of the secret (a path form with dot segments)', () => {
    const dotted = createRedactor(['a/../b']);
    expect(dotted('b is a letter, and so is a')).toBe('b is a letter, and so is a');
    expect(dotted('go to a/../b')).toBe('go to ***');
  });
});
