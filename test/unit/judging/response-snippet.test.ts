import { describe, expect, it } from 'vitest';
import { makeResponseSnippet, MAX_SNIPPET_CHARS } from '../../../src/judging/response-snippet.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('makeResponseSnippet', () => {
  it('returns undefined for an empty body', () => {
    expect(makeResponseSnippet(new Uint8Array())).toBeUndefined();
  });
  it('returns a short body whole', () => {
    expect(makeResponseSnippet(utf8('{"error":"boom"}'))).toBe('{"error":"boom"}');
  });
  it('keeps exactly 300 characters whole', () => {
    expect(makeResponseSnippet(utf8('x'.repeat(MAX_SNIPPET_CHARS)))).toBe('x'.repeat(300));
  });
  it('cuts a longer body to 300 characters ending in an ellipsis', () => {
    const snippet = makeResponseSnippet(utf8('x'.repeat(5000)));
    expect(snippet).toBe(`${'x'.repeat(299)}…`);
  });
  it('never splits a four-byte character, even at the decode window edge', () => {
    const snippet = makeResponseSnippet(utf8('😀'.repeat(400))) ?? '';
    expect([...snippet]).toHaveLength(300);
    expect(snippet).toBe(`${'😀'.repeat(299)}…`);
    expect(snippet).not.toContain('\uFFFD');
  });
  it('cuts a body of exactly 300 four-byte characters plus one more byte', () => {
    const snippet = makeResponseSnippet(new Uint8Array([...utf8('😀'.repeat(300)), 0x61])) ?? '';
    expect(snippet.endsWith('…')).toBe(true);
  });
  it('shows invalid UTF-8 as U+FFFD', () => {
    expect(makeResponseSnippet(new Uint8Array([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
  });
  it('honours a smaller limit', () => {
    expect(makeResponseSnippet(utf8('abcdef'), { maxChars: 4 })).toBe('abc…');
  });
});
