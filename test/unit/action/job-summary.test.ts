import { describe, expect, it } from 'vitest';

import { fitToBytes, renderErrorSummary } from '../../../src/action/job-summary.js';

describe('fitToBytes', () => {
  it('keeps a rendering that already fits', () => {
    expect(fitToBytes((maxChars) => 'a'.repeat(Math.min(10, maxChars)), 100)).toBe('a'.repeat(10));
  });

  it('shrinks the character budget until multi-byte text fits in the byte limit', () => {
    const budgets: number[] = [];
    const text = fitToBytes((maxChars) => {
      budgets.push(maxChars);
      return 'é'.repeat(maxChars);
    }, 1_000);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(1_000);
    expect(text.length).toBeGreaterThan(400);
    expect(budgets[0]).toBe(1_000);
    expect(budgets.length).toBeGreaterThan(1);
  });

  it('cuts a renderer that ignores its budget on a character boundary', () => {
    const text = fitToBytes(() => '€'.repeat(1_000), 100);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(100);
    expect(text).toBe('€'.repeat(33));
  });
});

describe('renderErrorSummary', () => {
  it('puts the message in a fence it cannot close', () => {
    const summary = renderErrorSummary('Invalid', ['a.yml:1:1: bad ``` fence']);
    expect(summary).toBe('## Invalid\n\n````text\na.yml:1:1: bad ``` fence\n````\n');
  });

  it('uses a three-backtick fence for a plain message', () => {
    expect(renderErrorSummary('T', ['m'])).toBe('## T\n\n```text\nm\n```\n');
  });

  it('keeps the lines it is given and shows line breaks and bidi controls inside a line as escapes', () => {
    expect(renderErrorSummary('T', ['a\u202eb', 'c\nd'])).toBe('## T\n\n```text\na\\u202eb\nc\\nd\n```\n');
  });
});
