import { describe, expect, it } from 'vitest';

import { InputError } from '../../../src/contracts/errors.js';
import {
  matchesAllowedHost,
  parseAllowedHost,
  parseAllowedHosts,
} from '../../../src/requests/allowed-hosts.js';

describe('parseAllowedHost', () => {
  it.each([
    ['api.example.com', { wildcard: false, hostname: 'api.example.com' }],
    ['  API.Example.COM.  ', { wildcard: false, hostname: 'api.example.com' }],
    ['api.example.com:8443', { wildcard: false, hostname: 'api.example.com', port: 8443 }],
    ['api.example.com:443', { wildcard: false, hostname: 'api.example.com', port: 443 }],
    ['*.example.com', { wildcard: true, hostname: 'example.com' }],
    ['*.example.com:9000', { wildcard: true, hostname: 'example.com', port: 9000 }],
    ['127.0.0.1', { wildcard: false, hostname: '127.0.0.1' }],
    ['[::1]', { wildcard: false, hostname: '[::1]' }],
    ['[0:0::1]:4000', { wildcard: false, hostname: '[::1]', port: 4000 }],
    ['bücher.example', { wildcard: false, hostname: 'xn--bcher-kva.example' }],
  ])('reads %j', (entry, host) => {
    expect(parseAllowedHost(entry)).toEqual({ ok: true, host });
  });

  it.each([
    ['https://api.example.com', /not a URL or a path/],
    ['https://api.example.com/', /not a URL or a path/],
    ['api.example.com/hook', /not a URL or a path/],
    ['user@api.example.com', /not a URL or a path/],
    ['api.example.com?x', /not a URL or a path/],
    ['api.example.com\\x', /not a URL or a path/],
    ['*', /wildcard that is not a leading/],
    ['api.*.example.com', /wildcard that is not a leading/],
    ['*.*.example.com', /wildcard that is not a leading/],
    ['::1', /IPv6 address in brackets/],
    ['api.example.com:0', /invalid port/],
    ['api.example.com:65536', /invalid port/],
    ['api.example.com:', /invalid port/],
    ['api.example.com:http', /invalid port/],
    ['exa mple.com', /not a valid host name/],
    ['*.[::1]', /wildcard on an IP address/],
    ['', /is empty/],
  ])('refuses %j', (entry, reason) => {
    const parsed = parseAllowedHost(entry);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('parseAllowedHosts', () => {
  it('splits on commas and lines, trims, drops empties and duplicates, writes entries canonically', () => {
    expect(
      parseAllowedHosts(['A.example.com,,b.example.com ', 'a.example.com\n*.Corp.example:8443'], 'x'),
    ).toEqual(['a.example.com', 'b.example.com', '*.corp.example:8443']);
    expect(parseAllowedHosts([], 'x')).toEqual([]);
  });

  it('throws an InputError naming the input and quoting the entry', () => {
    expect(() =>
      parseAllowedHosts(['ok.example.com', 'https://staging.example.com'], "Input 'allowed-hosts'"),
    ).toThrow(
      new InputError(
        "Input 'allowed-hosts': 'https://staging.example.com' is not a host: write the host name (api.example.com) or host:port, not a URL or a path.",
      ),
    );
  });
});

describe('matchesAllowedHost', () => {
  const read = (entry: string) => {
    const parsed = parseAllowedHost(entry);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.host;
  };

  it('matches the host on any port, or on the given one', () => {
    expect(matchesAllowedHost(read('api.example.com'), 'api.example.com', 8443)).toBe(true);
    expect(matchesAllowedHost(read('api.example.com:8443'), 'api.example.com', 8443)).toBe(true);
    expect(matchesAllowedHost(read('api.example.com:8443'), 'api.example.com', 443)).toBe(false);
    expect(matchesAllowedHost(read('api.example.com'), 'api.example.com.', 443)).toBe(true);
  });

  it('matches a wildcard on subdomains at any depth, not on the domain or look-alikes', () => {
    const wildcard = read('*.example.com');
    expect(matchesAllowedHost(wildcard, 'a.b.example.com', 443)).toBe(true);
    expect(matchesAllowedHost(wildcard, 'example.com', 443)).toBe(false);
    expect(matchesAllowedHost(wildcard, 'evilexample.com', 443)).toBe(false);
    expect(matchesAllowedHost(wildcard, 'example.com.evil.net', 443)).toBe(false);
  });
});
