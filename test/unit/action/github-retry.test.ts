import { describe, expect, it } from 'vitest';

import { computeRetryDelay, isRateLimited, isServerError } from '../../../src/action/github-retry.js';

const OPTIONS = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** An error shaped like Octokit's RequestError. */
function makeHttpError(status: number, message = 'error', headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe('isRateLimited', () => {
  it('is true for 429 and for a 403 that says rate limit or carries retry-after or an exhausted quota', () => {
    expect(isRateLimited(makeHttpError(429))).toBe(true);
    expect(isRateLimited(makeHttpError(403, 'You have exceeded a secondary rate limit'))).toBe(true);
    expect(isRateLimited(makeHttpError(403, 'Forbidden', { 'retry-after': '5' }))).toBe(true);
    expect(isRateLimited(makeHttpError(403, 'Forbidden', { 'x-ratelimit-remaining': '0' }))).toBe(true);
  });

  it("is false for a fork's plain 403 and for anything that is not an HTTP error", () => {
    expect(isRateLimited(makeHttpError(403, 'Resource not accessible by integration'))).toBe(false);
    expect(isRateLimited(makeHttpError(500))).toBe(false);
    expect(isRateLimited(new Error('socket hang up'))).toBe(false);
    expect(isRateLimited('403')).toBe(false);
  });
});

describe('isServerError', () => {
  it('is true for 5xx only', () => {
    expect(isServerError(makeHttpError(502))).toBe(true);
    expect(isServerError(makeHttpError(499))).toBe(false);
    expect(isServerError({ status: 500 })).toBe(false);
  });
});

describe('computeRetryDelay', () => {
  it('doubles the backoff on each retry and gives up after maxRetries', () => {
    const error = makeHttpError(502);
    expect([0, 1, 2, 3].map((attempt) => computeRetryDelay(error, attempt, OPTIONS))).toEqual([
      500,
      1000,
      2000,
      undefined,
    ]);
  });

  it('honours retry-after in seconds, including 0', () => {
    expect(computeRetryDelay(makeHttpError(403, 'x', { 'retry-after': '7' }), 0, OPTIONS)).toBe(7000);
    expect(computeRetryDelay(makeHttpError(429, 'x', { 'retry-after': '0' }), 2, OPTIONS)).toBe(0);
  });

  it('does not wait for a retry-after longer than maxDelayMs', () => {
    expect(computeRetryDelay(makeHttpError(403, 'x', { 'retry-after': '60' }), 0, OPTIONS)).toBeUndefined();
  });

  it('waits until x-ratelimit-reset when the quota is exhausted', () => {
    const error = makeHttpError(403, 'x', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1010' });
    expect(computeRetryDelay(error, 0, OPTIONS, 1_000_000)).toBe(10_000);
    expect(computeRetryDelay(error, 0, OPTIONS, 1_020_000)).toBe(0);
  });

  it('falls back to the backoff when retry-after is not a number', () => {
    expect(computeRetryDelay(makeHttpError(503, 'x', { 'retry-after': 'soon' }), 1, OPTIONS)).toBe(1000);
  });
});
