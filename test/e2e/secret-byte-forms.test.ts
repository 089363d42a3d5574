/**
 * A staging server on 127.0.0.1 echoes the secret it was sent in every form of test/support/secret-byte-forms.ts
 * (base64 folded at any width, hex dumps, byte lists, byte escapes), in the body (whole, and pushed to the
 * snippet's 300-character cut), in `Location` and in the reason phrase when a header can carry the form. Through
 * the built CLI (console, JSON and JUnit reports) and the built action (log, job summary, the comment posted to the
 * GitHub API stand-in), no form appears anywhere, nor any 8 characters of the secret.
 */
import { describe, expect, it } from 'vitest';

import { setUpEchoFormsRun } from '../support/echo-forms-run.js';
import { SECRET_BYTE_FORMS } from '../support/secret-byte-forms.js';

const TOKEN = 'ghs_secretByteFormsToken0123456789';
/** Sent as a header value, so ASCII; it has characters that every encoding treats differently. */
const API_KEY = 'Hx9_live/7f+3a=9cK41"d2%zz~';
/** As long as API_KEY, with none of its characters: what a form shares with this one's is no part of the secret. */
const OTHER = 'QQQQQQQQQQQQQQQQQQQQQQQQQQQ';
const FORMS = Object.entries(SECRET_BYTE_FORMS);

const { runCli, runAction } = setUpEchoFormsRun({
  prefix: 'wc-secret-byte-forms-',
  token: TOKEN,
  apiKey: API_KEY,
  forms: FORMS,
});

/** `form` without the start and end it shares with `other`: the part that depends on the secret. */
function coreOf(form: string, other: string): string {
  let start = 0;
  while (start < form.length && form[start] === other[start]) start += 1;
  let end = 0;
  while (end < form.length - start && form[form.length - 1 - end] === other[other.length - 1 - end]) end += 1;
  return form.slice(start, form.length - end);
}

/** No half of any form's secret part, and no 8 characters of the secret as they are. */
function expectNoSecret(where: string, text: string): void {
  for (const [name, encode] of FORMS) {
    const core = coreOf(encode(API_KEY), encode(OTHER));
    const half = Math.max(8, Math.ceil(core.length / 2));
    for (let at = 0; at + half <= core.length; at += 1)
      expect(text.includes(core.slice(at, at + half)), `${where} holds part of the ${name} form`).toBe(false);
  }
  const lower = text.toLowerCase();
  for (let at = 0; at + 8 <= API_KEY.length; at += 1) {
    const window = API_KEY.slice(at, at + 8).toLowerCase();
    expect(lower.includes(window), `${where} holds ${window}`).toBe(false);
  }
}

describe('a server echoing the secret in every byte form, through the built CLI', () => {
  it('shows no form on the console or in the JSON and JUnit reports', async () => {
    for (const [where, text] of Object.entries(await runCli())) expectNoSecret(where, text);
  });
});

describe('a server echoing the secret in every byte form, through the built action', () => {
  it('shows no form in the log, the job summary or the comment', async () => {
    for (const [where, text] of Object.entries(await runAction())) expectNoSecret(where, text);
  });
});
