import { describe, expect, it } from 'vitest';
import {
  describeStatusPatterns,
  isSuccessStatus,
  matchesStatus,
} from '../../../src/judging/status-expectation.js';
import type { StatusPattern } from '../../../src/contracts/contract.js';

describe('matchesStatus', () => {
  it.each([
    [200, ['2xx'], true],
    [299, ['2xx'], true],
    [199, ['2xx'], false],
    [300, ['2xx'], false],
    [100, ['1xx'], true],
    [302, ['3xx'], true],
    [404, ['4xx'], true],
    [503, ['5xx'], true],
    [500, ['4xx'], false],
    [201, [200], false],
    [201, [200, 201], true],
    [404, ['2xx', 404], true],
    [405, ['2xx', 404], false],
  ] as [number, StatusPattern[], boolean][])('%i against %j is %s', (status, patterns, expected) => {
    expect(matchesStatus(status, patterns)).toBe(expected);
  });

  it('treats an empty list as the default 2xx', () => {
    expect(matchesStatus(204, [])).toBe(true);
    expect(matchesStatus(404, [])).toBe(false);
  });
});

describe('describeStatusPatterns', () => {
  it.each([
    [['2xx'], '2xx'],
    [[200, 201], '200 or 201'],
    [[200, 201, '4xx'], '200, 201 or 4xx'],
    [[], '2xx'],
  ] as [StatusPattern[], string][])('%j reads %s', (patterns, text) => {
    expect(describeStatusPatterns(patterns)).toBe(text);
  });
});

describe('isSuccessStatus', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [199, false],
    [300, false],
    [404, false],
  ])('%i is %s', (status, expected) => {
    expect(isSuccessStatus(status)).toBe(expected);
  });
});
