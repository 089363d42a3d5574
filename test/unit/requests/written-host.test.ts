import { describe, expect, it } from 'vitest';
import { checkHostPolicy } from '../../../src/requests/host-policy.js';
import { readWrittenHost } from '../../../src/requests/written-host.js';

describe('readWrittenHost', () => {
  it.each([
    ['https://AcMe.Example.com/hook', 'AcMe.Example.com'],
    ['http://Host:8443/a?b#c', 'Host:8443'],
    ['https://user:Pa55@Tenant.example/x', 'Tenant.example'],
    ['https://a@b@Host.example/', 'Host.example'],
    ['http://[FE80::1]:81/', '[FE80::1]:81'],
    ['http://Bücher.example/', 'Bücher.example'],
    ['HTTP://Upper.example', 'Upper.example'],
    ['http://host.example?q=1', 'host.example'],
    ['http://host.example#f', 'host.example'],
    ['http://host.example\\path', 'host.example'],
    ['  https://Spaced.example/  ', 'Spaced.example'],
  ])('%s -> %s', (url, host) => {
    expect(readWrittenHost(url, 'fallback')).toBe(host);
  });

  it.each(['', 'not a url', 'mailto:a@b.example', 'http:///path', '//host.example/'])(
    'falls back for %j',
    (url) => {
      expect(readWrittenHost(url, 'fallback')).toBe('fallback');
    },
  );
});

describe('checkHostPolicy names the host as written', () => {
  it('keeps the case of a secret in the hostname, which URL parsing lower-cases', () => {
    const reason = checkHostPolicy('https://TeNaNt42.staging.example/hook', {
      carriesSecret: true,
      allowedHosts: ['api.example.com'],
    });
    expect(reason).toBe(
      'the request carries a secret and TeNaNt42.staging.example is not in allowed-hosts (api.example.com)',
    );
  });

  it('never quotes the userinfo, which may hold a password', () => {
    const reason = checkHostPolicy('https://user:Pa55word@evil.example/', {
      carriesSecret: true,
      allowedHosts: [],
    });
    expect(reason).toBe(
      'the request carries a secret and evil.example is not in allowed-hosts (which is empty)',
    );
  });
});
