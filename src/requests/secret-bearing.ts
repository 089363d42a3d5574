/**
 * Whether a rendered request carries a secret (SPEC section 2): any value read from the environment that reaches
 * its URL, headers or body, wherever it entered the contract (samples, defaults, headers, template, URL).
 *
 * The decision is made on the request's final text, not on where `${NAME}` was written: a value that travels
 * through a sample into a `{{token}}`, or through any field added later, is caught the same way. A token value is
 * written in its target's encoding (percent, form or JSON escaping), so each secret is looked for in every form
 * {@link TEXT_ENCODERS} can give it.
 */
import { TEXT_ENCODERS } from './encode-token.js';
import type { RenderedRequest } from './rendered-request.js';

/** A test for one run's secrets: true when `request` holds any of them, in any encoded form. */
export type SecretBearingTest = (request: RenderedRequest) => boolean;

/** Builds the test for `secrets` (the values read from the environment); empty values are ignored. */
export function createSecretBearingTest(secrets: Iterable<string>): SecretBearingTest {
  const forms = listSentForms(secrets);
  if (forms.length === 0) return () => false;
  const holdsSecret = (text: string): boolean => forms.some((form) => text.includes(form));
  // Most webhooks share one headers object across their samples: check each object once.
  const checkedHeaders = new WeakMap<object, boolean>();
  return (request) => {
    if (holdsSecret(request.url) || (request.body !== undefined && holdsSecret(request.body))) return true;
    let bearing = checkedHeaders.get(request.headers);
    if (bearing === undefined) {
      bearing = Object.entries(request.headers).some(
        ([name, value]) => holdsSecret(name) || holdsSecret(value),
      );
      checkedHeaders.set(request.headers, bearing);
    }
    return bearing;
  };
}

/** Every form a secret takes in a request, deduplicated: as read, trimmed, and as each token target encodes them. */
export function listSentForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // Trimmed too: a reader that trims what it read (a CSV cell, a header value) still sends the secret's core.
    for (const text of new Set([secret, secret.trim()])) {
      if (text === '') continue;
      forms.add(text);
      for (const encode of Object.values(TEXT_ENCODERS)) forms.add(encode(text));
    }
  }
  return [...forms];
}
