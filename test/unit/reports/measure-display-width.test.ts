import { describe, expect, it } from 'vitest';
import {
  measureDisplayWidth,
  padToDisplayWidth,
  truncateToDisplayWidth,
} from '../../../src/reports/measure-display-width.js';

describe('measureDisplayWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['字字', 4],
    ['한글', 4],
    ['ｆｕｌｌ', 8],
    ['😀', 2],
    ['✅', 2],
    ['✓', 1],
    ['é', 1],
    ['e\u0301', 1],
    ['a\u200db', 2],
    ['❤\ufe0f', 1],
  ])('%j takes %d columns', (text, width) => {
    expect(measureDisplayWidth(text)).toBe(width);
  });
});

describe('truncateToDisplayWidth', () => {
  it('keeps text that fits and cuts the rest with an ellipsis, never over the width', () => {
    expect(truncateToDisplayWidth('abc', 3)).toBe('abc');
    expect(truncateToDisplayWidth('abcd', 3)).toBe('ab…');
    expect(truncateToDisplayWidth('字字字', 4)).toBe('字…');
    expect(measureDisplayWidth(truncateToDisplayWidth('字字字', 4))).toBeLessThanOrEqual(4);
    expect(truncateToDisplayWidth('abc', 0)).toBe('');
  });
});

describe('padToDisplayWidth', () => {
  it('pads by columns, on either side', () => {
    expect(padToDisplayWidth('字', 4)).toBe('字  ');
    expect(padToDisplayWidth('7', 3, 'end')).toBe('  7');
    expect(padToDisplayWidth('toolong', 3)).toBe('toolong');
  });
});
