import { describe, expect, it } from 'vitest';
import { checkHostPolicy } from '../../../src/requests/host-policy.js';
import type { HostPolicyOptions } from '../../../src/requests/host-policy.js';

const open: HostPolicyOptions = { carriesSecret: false, allowedHosts: [] };
const secretTo = (allowedHosts: readonly string[] | 'any'): HostPolicyOptions => ({
  carriesSecret: true,
  allowedHosts,
});

describe('checkHostPolicy: always refused', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.0.1/',
    'http://169.254.255.255:8080/x',
    'http://[fe80::1]/',
    'http://[FE80::abcd:1]/',
    'http://[febf:ffff::1]/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA.Google.Internal./computeMetadata/v1/',
    'http://metadata/computeMetadata/v1/',
    'http://metadata./',
    // Other spellings of 169.254.169.254 that WHATWG URL normalises.
    'http://2852039166/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://[::a9fe:a9fe]/',
    'http://[::169.254.169.254]/',
    'http://[64:ff9b::169.254.169.254]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://100.100.100.200/latest/meta-data/',
    'http://169.254.43518/',
    'http://%31%36%39.254.169.254/',
    'http://\uff11\uff16\uff19\uff0e\uff12\uff15\uff14\uff0e\uff11\uff16\uff19\uff0e\uff12\uff15\uff14/',
  ])('refuses %s even without a secret and with allowedHosts any', (url) => {
    expect(checkHostPolicy(url, open)).toMatch(/link-local or cloud metadata/);
    expect(checkHostPolicy(url, secretTo('any'))).toMatch(/link-local or cloud metadata/);
    expect(checkHostPolicy(url, secretTo(['169.254.169.254', 'metadata', '*.internal']))).toMatch(
      /never called/,
    );
  });

  it.each([
    'http://169.253.169.254/',
    'http://169.255.0.1/',
    'http://[fec0::1]/',
    'http://[fe7f::1]/',
    'http://[fd00:ec3::254]/',
    'http://100.100.100.201/',
    'http://metadata.example.com/',
    'http://mymetadata/',
    'http://[::ffff:127.0.0.1]/',
  ])('does not mistake %s for a forbidden address', (url) => {
    expect(checkHostPolicy(url, open)).toBeUndefined();
  });

  it('refuses a zone index in a URL (WHATWG URL rejects it, so the host cannot be checked)', () => {
    expect(checkHostPolicy('http://[fe80::1%25eth0]/', open)).toMatch(/not an absolute URL/);
  });

  it('refuses what it cannot check: a relative URL, a non-http scheme', () => {
    expect(checkHostPolicy('/score', open)).toMatch(/not an absolute URL/);
    expect(checkHostPolicy('ftp://files.example.com/x', open)).toMatch(/only http and https/);
    expect(checkHostPolicy('file:///etc/passwd', open)).toMatch(/only http and https/);
  });
});

describe('checkHostPolicy: requests without a secret', () => {
  it.each(['https://api.example.com/x', 'http://127.0.0.1:8080/', 'http://[::1]:3000/', 'https://10.0.0.1/'])(
    'lets %s through whatever allowedHosts says',
    (url) => {
      expect(checkHostPolicy(url, open)).toBeUndefined();
      expect(
        checkHostPolicy(url, { carriesSecret: false, allowedHosts: ['other.example.com'] }),
      ).toBeUndefined();
    },
  );
});

describe('checkHostPolicy: requests carrying a secret', () => {
  it('goes anywhere (but the forbidden addresses) when allowedHosts is any', () => {
    expect(checkHostPolicy('https://attacker.example.net/', secretTo('any'))).toBeUndefined();
  });

  it('is refused by an empty list, saying so', () => {
    expect(checkHostPolicy('https://api.example.com/', secretTo([]))).toBe(
      'the request carries a secret and api.example.com is not in allowed-hosts (which is empty)',
    );
  });

  it('names the host and the list when refused', () => {
    expect(
      checkHostPolicy('https://evil.example.net:8443/x', secretTo(['api.example.com', '*.corp.example'])),
    ).toBe(
      'the request carries a secret and evil.example.net:8443 is not in allowed-hosts (api.example.com, *.corp.example)',
    );
  });

  it.each([
    ['https://api.example.com/score', 'api.example.com'],
    ['https://API.Example.COM/score', 'api.example.com'],
    ['https://api.example.com/score', 'API.EXAMPLE.COM'],
    ['https://api.example.com./score', 'api.example.com'],
    ['https://api.example.com/score', '  api.example.com  '],
    ['https://api.example.com:8443/', 'api.example.com'],
    ['https://api.example.com:8443/', 'api.example.com:8443'],
    ['https://api.example.com/', 'api.example.com:443'],
    ['http://api.example.com/', 'api.example.com:80'],
    ['https://a.staging.example.com/', '*.example.com'],
    ['https://a.b.staging.example.com/', '*.staging.example.com'],
    ['https://a.example.com:9000/', '*.example.com:9000'],
    ['http://127.0.0.1:4000/', '127.0.0.1'],
    ['http://[::1]:4000/', '[::1]'],
    ['http://[::1]:4000/', '[::1]:4000'],
    ['http://[0:0:0:0:0:0:0:1]/', '[::1]'],
    ['http://[::1]/', '[0::0:1]'],
  ])('lets %s through for entry %j', (url, entry) => {
    expect(checkHostPolicy(url, secretTo([entry]))).toBeUndefined();
  });

  it.each([
    ['https://example.com/', '*.example.com'],
    ['https://evilexample.com/', '*.example.com'],
    ['https://api.example.com.evil.net/', 'api.example.com'],
    ['https://api.example.com.evil.net/', '*.example.com'],
    ['https://api.example.com/', 'example.com'],
    ['https://api.example.com/', 'api.example.co'],
    ['https://api.example.com:8443/', 'api.example.com:443'],
    ['https://api.example.com/', 'api.example.com:8443'],
    ['http://api.example.com/', 'api.example.com:443'],
    ['http://[::2]/', '[::1]'],
    ['http://127.0.0.2/', '127.0.0.1'],
    ['https://api.example.com/', '*'],
    ['https://api.example.com/', ''],
    ['https://api.example.com/', 'https://api.example.com'],
    ['https://api.example.com/', 'api.example.com/path'],
  ])('refuses %s for entry %j', (url, entry) => {
    expect(checkHostPolicy(url, secretTo([entry]))).toMatch(/carries a secret/);
  });

  it('allows when any one entry matches', () => {
    expect(
      checkHostPolicy('https://hooks.example.org/', secretTo(['api.example.com', 'hooks.example.org'])),
    ).toBe(undefined);
  });

  it('checks the URL host, not look-alikes in the userinfo, path or query', () => {
    const allowed = secretTo(['api.example.com']);
    expect(checkHostPolicy('https://api.example.com@evil.net/', allowed)).toMatch(/evil\.net/);
    expect(checkHostPolicy('https://evil.net/api.example.com', allowed)).toMatch(/evil\.net/);
    expect(checkHostPolicy('https://evil.net/?h=api.example.com', allowed)).toMatch(/evil\.net/);
  });
});
