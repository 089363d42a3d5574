import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/contracts/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['.5s', 500],
    ['0s', 0],
    ['1m', 60_000],
    ['2 s', 2_000],
    [' 10ms ', 10],
    ['0.0004s', 0],
    ['1.0006s', 1_001],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [500, 500],
    [0, 0],
    [1.6, 2],
    [30_000, 30_000],
  ])('takes the number %d as milliseconds', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it.each(['', '30', 's', '30 seconds', '-1s', '1h', '1e3ms', '30S', '1.s', 'abc', '1s2', '∞s'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses the number %d', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});
