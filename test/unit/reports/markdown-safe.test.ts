import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  collapseControlCharacters,
  escapeMarkdownText,
  formatCodeSpan,
  sanitizeLinkUrl,
  truncateText,
} from '../../../src/reports/markdown-safe.js';
import { HOSTILE_TEXTS, hostileText } from '../../support/hostile-text.js';
import { findLiveMarkup, removeCodeSpans, splitTableRow } from '../../support/markdown-table.js';

/** Puts a cell in a one-row table and reads it back. */
function readCell(cell: string): string[] {
  return splitTableRow(`| a | ${cell} | b |`);
}

describe('escapeMarkdownText', () => {
  it.each(HOSTILE_TEXTS)('keeps %j inert and in one table cell', (text) => {
    const escaped = escapeMarkdownText(text);
    expect(readCell(escaped)).toHaveLength(3);
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(escaped).not.toMatch(/[\n\r\u2028\u2029\u001b\u202e]/);
    expect(findLiveMarkup(escaped)).toEqual([]);
  });

  it('defuses mentions and references with an invisible joiner, keeping the text readable', () => {
    expect(escapeMarkdownText('@octocat')).toBe('@\u200doctocat');
    expect(escapeMarkdownText('#1')).toBe('\\#\u200d1');
    expect(escapeMarkdownText('GH-12')).toBe('GH\u200d-12');
    expect(escapeMarkdownText('https://x.example')).toBe('https:\u200d//x.example');
    expect(escapeMarkdownText('www.x.example')).toBe('www\u200d.x.example');
  });

  it('escapes Markdown punctuation with backslashes and leaves plain text alone', () => {
    expect(escapeMarkdownText('Score lead 42')).toBe('Score lead 42');
    expect(escapeMarkdownText('<b>|[x]!')).toBe('\\<b\\>\\|\\[x\\]\\!');
    expect(escapeMarkdownText('a\\|b')).toBe('a\\\\\\|b');
  });

  it('collapses newlines into single spaces and shows other control characters as escapes', () => {
    expect(escapeMarkdownText('a\n\n\tb\u0000c')).toBe('a b\\\\u0000c');
  });

  it('cuts long text (10 kB line) to the given length with an ellipsis', () => {
    const escaped = escapeMarkdownText('x'.repeat(10_000), 100);
    expect(escaped).toBe('x'.repeat(99) + '…');
  });

  it('keeps any string inert (property)', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        const escaped = escapeMarkdownText(text);
        expect(readCell(escaped)).toHaveLength(3);
        expect(findLiveMarkup(escaped)).toEqual([]);
      }),
    );
  });
});

describe('formatCodeSpan', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(formatCodeSpan('a ``` b')).toBe('```` a ``` b ````');
    expect(formatCodeSpan('plain')).toBe('` plain `');
    expect(formatCodeSpan('`starts and ends`')).toBe('`` `starts and ends` ``');
  });

  it('returns an empty string for empty text', () => {
    expect(formatCodeSpan('')).toBe('');
  });

  it('escapes pipes so the row keeps its cells, with either parity of backslashes before them', () => {
    for (const text of ['a|b', 'a\\|b', 'a\\\\|b', '|||', '\\|\\|']) {
      const span = formatCodeSpan(text);
      expect(readCell(span), text).toHaveLength(3);
    }
    expect(formatCodeSpan('a|b')).toBe('` a\\|b `');
    // GitHub removes one backslash before each pipe: an even run shows as written.
    expect(formatCodeSpan('a\\\\|b')).toBe('` a\\\\\\|b `');
  });

  it('cuts snippets to 80 characters with an ellipsis, never splitting a surrogate pair', () => {
    const span = formatCodeSpan('😀'.repeat(200));
    const inner = span.slice(2, -2);
    expect(Array.from(inner)).toHaveLength(80);
    expect(inner.endsWith('…')).toBe(true);
    expect(inner).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it.each(HOSTILE_TEXTS)('keeps %j in one cell and inside one code span', (text) => {
    const span = formatCodeSpan(text);
    expect(readCell(span)).toHaveLength(3);
    expect(removeCodeSpans(span).trim()).toBe('');
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(span).not.toMatch(/[\n\r\u2028\u001b]/);
  });

  it('keeps any string in one code span and one cell (property)', () => {
    fc.assert(
      fc.property(hostileText(200), (text) => {
        const span = formatCodeSpan(text);
        expect(readCell(span)).toHaveLength(3);
        expect(removeCodeSpans(span).trim()).toBe('');
      }),
    );
  });
});

describe('truncateText and collapseControlCharacters', () => {
  it('leaves short text as it is and cuts long text to exactly the limit', () => {
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('abcd', 3)).toBe('ab…');
    expect(truncateText('abcd', 0)).toBe('…');
  });

  it('turns line breaks into spaces and shows bidi, zero-width and tag characters as escapes', () => {
    expect(collapseControlCharacters('a\u202eb\u0085c\u2066d\r\n\te')).toBe('a\\u202eb c\\u2066d e');
    expect(collapseControlCharacters('x\u200by\u{e0041}\u061c\ufe0f')).toBe(
      'x\\u200by\\u{e0041}\\u061c\\ufe0f',
    );
  });

  it('shows invisible characters in a code span and in escaped text as visible escapes', () => {
    expect(formatCodeSpan('rev\u202eersed')).toBe('` rev\\u202eersed `');
    // The backslash is Markdown punctuation: escaped, so GitHub shows `\u200b` itself.
    expect(escapeMarkdownText('zero\u200bwidth')).toBe('zero\\\\u200bwidth');
    expect(escapeMarkdownText('⚠️ 👩‍💻')).toBe('⚠️ 👩‍💻');
  });
});

describe('sanitizeLinkUrl', () => {
  it('keeps http(s) URLs and encodes characters that could end the link', () => {
    expect(sanitizeLinkUrl('https://github.com/o/r/actions/runs/1')).toBe(
      'https://github.com/o/r/actions/runs/1',
    );
    expect(sanitizeLinkUrl('https://x.example/a)b<c')).toBe('https://x.example/a%29b%3Cc');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'https://x.example/a b', '/relative', ''])(
    'refuses %j',
    (url) => {
      expect(sanitizeLinkUrl(url)).toBeUndefined();
    },
  );
});

describe('the test checkers themselves', () => {
  it('catch raw markup, live mentions and broken rows, so the tests above can fail', () => {
    expect(findLiveMarkup('<img src=x>')).not.toEqual([]);
    expect(findLiveMarkup('hi @octocat')).not.toEqual([]);
    expect(findLiveMarkup('see #12')).not.toEqual([]);
    expect(findLiveMarkup('![x](y)')).not.toEqual([]);
    expect(findLiveMarkup('`unclosed')).not.toEqual([]);
    expect(findLiveMarkup('` @octocat <b> `')).toEqual([]);
    expect(readCell('a | b')).toHaveLength(4);
    expect(readCell('a \\\\| b')).toHaveLength(4);
    expect(readCell('a \\| b')).toHaveLength(3);
  });
});
