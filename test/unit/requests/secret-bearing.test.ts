import { describe, expect, it } from 'vitest';

import { TEXT_ENCODERS } from '../../../src/requests/encode-token.js';
import type { RenderedRequest } from '../../../src/requests/rendered-request.js';
import { createSecretBearingTest, listSentForms } from '../../../src/requests/secret-bearing.js';

/** Characters every encoding escapes differently: space, quote, slash, ampersand, plus, non-ASCII, a newline. */
const SECRET = 'k y"/&+é\n9';

function request(overrides: Partial<RenderedRequest> = {}): RenderedRequest {
  return {
    method: 'POST',
    url: 'https://api.example/x',
    headers: {},
    body: '{}',
    warnings: [],
    ...overrides,
  };
}

describe('createSecretBearingTest', () => {
  const isSecretBearing = createSecretBearingTest([SECRET]);

  it('is false for a request that holds no secret', () => {
    expect(isSecretBearing(request({ headers: { 'X-Api-Key': 'other' } }))).toBe(false);
  });

  it.each(Object.entries(TEXT_ENCODERS))('finds the secret as the %s target writes it', (target, encode) => {
    const form = encode(`before ${SECRET} after`);
    expect(isSecretBearing(request({ url: `https://api.example/x?v=${form}` })), 'url').toBe(true);
    expect(isSecretBearing(request({ body: `{"v": "${form}"}` })), 'body').toBe(true);
    expect(isSecretBearing(request({ headers: { 'X-Value': form } })), 'header').toBe(true);
    expect(target).not.toBe('');
  });

  it('finds the secret in a header name and in a body without any encoding', () => {
    expect(isSecretBearing(request({ headers: { [`X-${SECRET}`]: 'v' } }))).toBe(true);
    expect(isSecretBearing(request({ body: `raw ${SECRET} raw` }))).toBe(true);
  });

  it('finds a secret read with surrounding spaces when only its trimmed core is sent', () => {
    const padded = createSecretBearingTest(['  sk-padded-77  ']);
    expect(padded(request({ headers: { 'X-Api-Key': 'sk-padded-77' } }))).toBe(true);
    // Its empty trimmed form is not a form: it would match every request.
    expect(createSecretBearingTest(['   '])(request({ body: 'plain' }))).toBe(false);
  });

  it('is false for everything when there are no secrets, and ignores an empty one', () => {
    const none = createSecretBearingTest(['']);
    expect(none(request({ body: 'anything' }))).toBe(false);
  });

  it('answers per headers object, whatever the order of calls', () => {
    const shared = { 'X-Api-Key': SECRET };
    expect(isSecretBearing(request({ headers: shared }))).toBe(true);
    expect(isSecretBearing(request({ headers: shared, body: 'plain' }))).toBe(true);
    expect(isSecretBearing(request({ headers: { 'X-Api-Key': 'plain' } }))).toBe(false);
  });
});

describe('listSentForms', () => {
  it('lists the secret as written and as each encoding writes it, once each', () => {
    expect(listSentForms(['a b', 'a b'])).toEqual(['a b', 'a%20b', 'a+b']);
    expect(listSentForms(['x"y'])).toEqual(['x"y', 'x%22y', 'x\\"y']);
  });
});
