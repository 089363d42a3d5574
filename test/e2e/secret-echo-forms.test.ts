/**
 * A staging server on 127.0.0.1 echoes the secret it was sent in every form of test/support/secret-encodings.ts,
 * in the body (whole, and pushed to the snippet's 300-character cut), in `Location` and in the reason phrase.
 * Through the built CLI (console, JSON and JUnit reports) and the built action (log, job summary, the comment
 * posted to the GitHub API stand-in), no form appears anywhere, nor the start of the secret.
 */
import { describe, expect, it } from 'vitest';

import { setUpEchoFormsRun } from '../support/echo-forms-run.js';
import { SECRET_ENCODINGS } from '../support/secret-encodings.js';

const TOKEN = 'ghs_secretEchoFormsToken0123456789';
/** Sent as a header value, so ASCII; it has characters that every encoding treats differently. */
const API_KEY = 'Sk live/7f+3a=9c&41"d2%zz~<q>';
const FORMS = Object.entries(SECRET_ENCODINGS);

const { runCli, runAction } = setUpEchoFormsRun({
  prefix: 'wc-secret-forms-',
  token: TOKEN,
  apiKey: API_KEY,
  forms: FORMS,
});

/** Every form of the secret, and its start as the issue saw it left by a cut. */
function expectNoSecret(where: string, text: string): void {
  for (const [name, encode] of FORMS) {
    const form = encode(API_KEY);
    expect(text.includes(form), `${where} holds the ${name} form`).toBe(false);
  }
  for (const start of [API_KEY.slice(0, 8), encodeURIComponent(API_KEY).slice(0, 10)]) {
    expect(text.toLowerCase().includes(start.toLowerCase()), `${where} holds the start ${start}`).toBe(false);
  }
}

describe('a server echoing the secret in every form, through the built CLI', () => {
  it('shows no form on the console or in the JSON and JUnit reports', async () => {
    for (const [where, text] of Object.entries(await runCli())) expectNoSecret(where, text);
  });
});

describe('a server echoing the secret in every form, through the built action', () => {
  it('shows no form in the log, the job summary or the comment', async () => {
    for (const [where, text] of Object.entries(await runAction())) expectNoSecret(where, text);
  });
});
