import { describe, expect, it } from 'vitest';

import {
  createHostDescriber,
  describeWrittenHost,
  hideHostSpellings,
} from '../../../src/requests/describe-host.js';
import type { NamedSecret } from '../../../src/requests/describe-host.js';
import { checkHostPolicy } from '../../../src/requests/host-policy.js';

const STAGING_URL = 'https://Staging.Internal.Example:8443/hook?key=Zq81xWv0';
const secrets: NamedSecret[] = [{ names: ['STAGING_URL'], value: STAGING_URL }];
const describeHost = createHostDescriber(secrets);

/** Every run of `length` characters of `text`, lower-cased: none may appear in a message about its host. */
function windowsOf(text: string, length: number): string[] {
  const lower = text.toLowerCase();
  return Array.from({ length: lower.length - length + 1 }, (_, at) => lower.slice(at, at + length));
}

describe('createHostDescriber', () => {
  it('names the variable, not the host, when the whole URL is a secret', () => {
    expect(describeHost(`${STAGING_URL}&lead=1`)).toBe('the host read from ${STAGING_URL}');
  });

  it('names the variable when a secret is only a part of the host', () => {
    const tenant = createHostDescriber([{ names: ['TENANT'], value: 'AcMeTeNaNt7' }]);
    expect(tenant('https://AcMeTeNaNt7.example.com/hook')).toBe('the host read from ${TENANT}');
  });

  it('names the variable when a secret ends inside the host', () => {
    const base = createHostDescriber([{ names: ['BASE'], value: 'https://hooks.exam' }]);
    expect(base('https://hooks.example.com/score')).toBe('the host read from ${BASE}');
  });

  it('names the variable when a secret starts at the port', () => {
    const port = createHostDescriber([{ names: ['PORT_PATH'], value: '8443/hook/Zq81xWv0' }]);
    expect(port('https://api.example.com:8443/hook/Zq81xWv0')).toBe('the host read from ${PORT_PATH}');
  });

  it('finds a secret in the form a URL token carries it (percent-encoded)', () => {
    const token = createHostDescriber([{ names: ['TENANT'], value: 'Tenant+Id99' }]);
    expect(token('https://Tenant%2BId99.example/')).toBe('the host read from ${TENANT}');
  });

  it.each([
    ['another port', 'https://staging.internal.example:9999/other'],
    ['another case', 'https://STAGING.INTERNAL.EXAMPLE/'],
    ['percent-encoded', 'https://st%61ging.internal.example/'],
    ['a trailing part of the host', 'https://internal.example/'],
  ])('says a literal host is part of the secret (%s)', (_label, url) => {
    expect(describeHost(url)).toBe('a host that is part of ${STAGING_URL}');
  });

  it('knows the punycode spelling of a secret internationalised host', () => {
    const idn = createHostDescriber([{ names: ['IDN_URL'], value: 'https://Bücher.example/hook' }]);
    expect(idn('https://xn--bcher-kva.example/x')).toBe('a host that is part of ${IDN_URL}');
  });

  it('shows a host that shares nothing with a secret, as written', () => {
    expect(describeHost('https://Api.Example.com:8080/score')).toBe('Api.Example.com:8080');
    expect(describeHost('https://api.example.com/hook/Zq81xWv0-not-the-key')).toBe('api.example.com');
  });

  it('shows the host of a URL that carries a secret only in its path or query', () => {
    const key = createHostDescriber([{ names: ['KEY'], value: 'Zq81xWv0Pp' }]);
    expect(key('https://api.example.com/hook?key=Zq81xWv0Pp')).toBe('api.example.com');
  });

  it('names every variable that holds the value, and "a secret" when none is known', () => {
    const both = createHostDescriber([{ names: ['A_URL', 'B_URL'], value: STAGING_URL }]);
    expect(both(STAGING_URL)).toBe('the host read from ${A_URL} and ${B_URL}');
    const unnamed = createHostDescriber([{ names: [], value: STAGING_URL }]);
    expect(unnamed(STAGING_URL)).toBe('the host read from a secret');
  });

  it('returns a text without a host whole: the redactor masks the secret in it', () => {
    expect(describeHost('not a url')).toBe('not a url');
  });

  it('quotes no five characters of the secret host in any description', () => {
    const host = 'staging.internal.example:8443';
    for (const url of [STAGING_URL, 'https://staging.internal.example:1/', 'http://Internal.Example/']) {
      // The variable's name is the contract's own text, not the value: left out of the search.
      const description = describeHost(url).replace('${STAGING_URL}', '').toLowerCase();
      expect(description).not.toBe(new URL(url).host);
      for (const window of windowsOf(host, 5)) expect(description).not.toContain(window);
    }
  });

  it('is the written host when no secret is known', () => {
    expect(createHostDescriber([])('https://A.example:1/x')).toBe('A.example:1');
    expect(describeWrittenHost('https://user:pw@A.example/')).toBe('A.example');
  });
});

describe('hideHostSpellings', () => {
  it('replaces each spelling of the host in an error text, port and all', () => {
    const detail =
      "Hostname/IP does not match certificate's altnames: Host: staging.internal.example. is not in the cert's " +
      'altnames; connecting to Staging.Internal.Example:8443';
    const hidden = hideHostSpellings(detail, STAGING_URL, 'the host read from ${STAGING_URL}');
    expect(hidden).toBe(
      "Hostname/IP does not match certificate's altnames: Host: the host read from ${STAGING_URL}. is not in the " +
        "cert's altnames; connecting to the host read from ${STAGING_URL}",
    );
  });
});

describe('checkHostPolicy with a describer', () => {
  it('refuses a secret URL without naming its host or port', () => {
    const reason = checkHostPolicy(STAGING_URL, {
      carriesSecret: true,
      allowedHosts: ['api.example.com'],
      describeHost,
    });
    expect(reason).toBe(
      'the request carries a secret and the host read from ${STAGING_URL} is not in allowed-hosts (api.example.com)',
    );
  });

  it('refuses a metadata address read from a secret without naming it', () => {
    const meta = createHostDescriber([{ names: ['META'], value: 'http://169.254.169.254/latest' }]);
    const reason = checkHostPolicy('http://169.254.169.254/latest/meta-data', {
      carriesSecret: true,
      allowedHosts: 'any',
      describeHost: meta,
    });
    expect(reason).toBe(
      'the host read from ${META} is a link-local or cloud metadata address, which is never called',
    );
  });
});
