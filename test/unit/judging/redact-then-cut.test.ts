/** Text shown cut is redacted first: a cut made before redaction could leave the start of a secret. */
import { describe, expect, it } from 'vitest';

import { cutToChars, redactThenCut } from '../../../src/judging/redact-then-cut.js';
import { makeResponseSnippet } from '../../../src/judging/response-snippet.js';
import { createRedactor } from '../../../src/reports/redaction/redact-secrets.js';

const SECRET = 'sEcR3t&Key/9x-0123';
const redact = createRedactor([SECRET]);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('redactThenCut', () => {
  it('masks a secret that the cut falls inside, so no start of it shows (the issue: `sEcR3t&Ke…`)', () => {
    for (let at = 0; at < 20; at += 1) {
      const text = `${'x'.repeat(290 + at)}${SECRET}${SECRET}`;
      const cut = redactThenCut(text, 300, redact);
      expect([...cut].length).toBeLessThanOrEqual(300);
      // Cut only when what is left after masking is still too long.
      expect(cut).toBe(cutToChars(`${'x'.repeat(290 + at)}***`, 300));
      expect(cut, String(at)).not.toMatch(/sE/);
    }
  });

  it('masks an encoded secret across the cut, and one that runs past the window read', () => {
    const encoded = encodeURIComponent(encodeURIComponent(SECRET));
    expect(redactThenCut(`${'x'.repeat(295)}${encoded}`, 300, redact)).toBe(`${'x'.repeat(295)}***`);
    expect(redactThenCut(`${'x'.repeat(298)}${encoded}`, 300, redact)).toBe(`${'x'.repeat(298)}*…`);
    // A secret written with references so long that it runs past the 600-unit window still masks from its start.
    const long = [...SECRET].map((char) => `&#${'0'.repeat(40)}${char.charCodeAt(0)};`).join('');
    expect(redactThenCut(`${'x'.repeat(200)}${long}`, 300, redact)).toBe(`${'x'.repeat(200)}***…`);
  });

  it('keeps a short text whole and cuts by code points', () => {
    expect(redactThenCut('short', 300, redact)).toBe('short');
    expect(redactThenCut(`${'😀'.repeat(10)}`, 5, redact)).toBe('😀😀😀😀…');
    expect(cutToChars('abc', 3)).toBe('abc');
    expect(cutToChars('abc', 3, true)).toBe('ab…');
  });
});

describe('makeResponseSnippet with the redactor', () => {
  it('redacts the body before cutting it, in every form, and says when it was cut', () => {
    const body = `${'y'.repeat(280)}${Buffer.from(SECRET).toString('base64')} and more`;
    const snippet = makeResponseSnippet(utf8(body), { redact }) ?? '';
    expect(snippet).toBe(`${'y'.repeat(280)}*** and more`);
    const cut = makeResponseSnippet(utf8(`${'y'.repeat(296)}${SECRET.toUpperCase()}`), { redact }) ?? '';
    expect(cut).toBe(`${'y'.repeat(296)}***`);
  });

  it('masks a secret that starts before the bytes it decodes end', () => {
    const body = new Uint8Array([...utf8(`${'z'.repeat(1795)}`), ...utf8(SECRET), ...utf8('tail')]);
    const snippet = makeResponseSnippet(body, { redact }) ?? '';
    expect(snippet).toBe(`${'z'.repeat(299)}…`);
    expect(makeResponseSnippet(body, { redact, maxChars: 2000 })).not.toContain('sEcR');
  });
});
