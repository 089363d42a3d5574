import { describe, expect, it } from 'vitest';

import { describeFailure } from '../../../src/http/describe-network-failure.js';
import { createHostDescriber } from '../../../src/requests/describe-host.js';

const URL_SECRET = 'https://Staging.Internal.Example:8443/hook?key=Zq81xWv0';
const describeHost = createHostDescriber([{ names: ['STAGING_URL'], value: URL_SECRET }]);

function failWith(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

function messageOf(error: Error, url = URL_SECRET): string {
  const outcome = describeFailure(error, url, 30_000, 5, describeHost);
  if (outcome.kind !== 'network' && outcome.kind !== 'blocked') throw new Error(`got ${outcome.kind}`);
  return outcome.message;
}

describe('describeFailure names a secret host by its variable', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused by the host read from ${STAGING_URL}'],
    ['ENOTFOUND', 'DNS lookup failed: the host read from ${STAGING_URL} was not found'],
    ['ECONNRESET', 'the host read from ${STAGING_URL} reset the connection before the response was complete'],
    ['EHOSTUNREACH', 'the host read from ${STAGING_URL} is unreachable from this runner'],
  ])('%s', (code, message) => {
    expect(messageOf(failWith(code, `getaddrinfo ${code} staging.internal.example`))).toBe(message);
  });

  it("hides the host in the TLS error's own words, in every spelling", () => {
    const error = failWith(
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames: Host: staging.internal.example. is not in the cert's altnames: DNS:other.example",
    );
    expect(messageOf(error)).toBe(
      'TLS failure with the host read from ${STAGING_URL}: ' +
        "Hostname/IP does not match certificate's altnames: Host: the host read from ${STAGING_URL}. is not in the " +
        "cert's altnames: DNS:other.example",
    );
  });

  it('hides it in a message it does not know, and in the guard refusal', () => {
    expect(messageOf(failWith('EWEIRD', 'odd failure talking to Staging.Internal.Example:8443'))).toBe(
      'odd failure talking to the host read from ${STAGING_URL} (the host read from ${STAGING_URL})',
    );
    const blocked = failWith('EHOSTBLOCKED', 'staging.internal.example resolves to 169.254.169.254', {
      address: '169.254.169.254',
    });
    expect(messageOf(blocked)).toBe(
      'the host read from ${STAGING_URL} resolves to 169.254.169.254, a link-local or cloud metadata address, which is never called',
    );
  });

  it('shows a host that is no part of a secret as written, error text untouched', () => {
    const error = failWith('EWEIRD', 'odd failure talking to api.example.com');
    expect(messageOf(error, 'https://api.example.com/x')).toBe(
      'odd failure talking to api.example.com (api.example.com)',
    );
  });
});
