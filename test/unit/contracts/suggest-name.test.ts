import { describe, expect, it } from 'vitest';
import { suggestName } from '../../../src/contracts/suggest-name.js';

const KEYS = ['name', 'url', 'method', 'template', 'responseType', 'mappings'];

describe('suggestName', () => {
  it.each([
    ['metod', 'method'],
    ['mehtod', 'method'],
    ['responsetype', 'responseType'],
    ['RESPONSETYPE', 'responseType'],
    ['templte', 'template'],
    ['ulr', 'url'],
    ['mapping', 'mappings'],
  ])('suggests %j for %j', (input, expected) => {
    expect(suggestName(input, KEYS)).toBe(expected);
  });

  it.each(['zzz', 'headerz-and-more', 'x', ''])('suggests nothing for %j', (input) => {
    expect(suggestName(input, KEYS)).toBeUndefined();
  });

  it('suggests nothing from no candidates', () => {
    expect(suggestName('method', [])).toBeUndefined();
  });
});
