import { describe, expect, it } from 'vitest';

import type { CallOutcome } from '../../../src/judging/call-outcome.js';
import { computeRetryDelay, isRetryable, MAX_RETRY_DELAY_MS } from '../../../src/engine/retry-policy.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');

function response(status: number, headers: Record<string, string> = {}): CallOutcome {
  return {
    kind: 'response',
    status,
    statusText: '',
    headers,
    body: new Uint8Array(),
    latencyMs: 1,
    attempts: 1,
  };
}

describe('isRetryable', () => {
  it('retries network errors, timeouts, 429 and 503 only', () => {
    expect(
      isRetryable({ kind: 'network', code: 'ECONNRESET', message: 'reset', latencyMs: 1, attempts: 1 }),
    ).toBe(true);
    expect(isRetryable({ kind: 'timeout', timeoutMs: 30_000, latencyMs: 30_000, attempts: 1 })).toBe(true);
    expect(isRetryable(response(429))).toBe(true);
    expect(isRetryable(response(503))).toBe(true);
    for (const status of [200, 400, 404, 500, 502, 504]) expect(isRetryable(response(status))).toBe(false);
    expect(isRetryable({ kind: 'blocked', message: 'not allowed' })).toBe(false);
    expect(
      isRetryable({
        kind: 'too-large',
        status: 200,
        statusText: 'OK',
        limitBytes: 1,
        latencyMs: 1,
        attempts: 1,
      }),
    ).toBe(false);
  });
});

describe('computeRetryDelay', () => {
  it('backs off 0.5 s, 1 s, 2 s, … up to 10 s without Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => computeRetryDelay(response(503), attempt, NOW))).toEqual([
      500,
      1000,
      2000,
      4000,
      8000,
      MAX_RETRY_DELAY_MS,
    ]);
  });

  it('honours Retry-After in seconds, capped at 10 s', () => {
    expect(computeRetryDelay(response(429, { 'retry-after': '3' }), 1, NOW)).toBe(3000);
    expect(computeRetryDelay(response(429, { 'retry-after': ' 0 ' }), 4, NOW)).toBe(0);
    expect(computeRetryDelay(response(503, { 'retry-after': '120' }), 1, NOW)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('honours Retry-After as an HTTP date, never negative', () => {
    const inFourSeconds = new Date(NOW + 4000).toUTCString();
    expect(computeRetryDelay(response(503, { 'retry-after': inFourSeconds }), 1, NOW)).toBe(4000);
    const past = new Date(NOW - 60_000).toUTCString();
    expect(computeRetryDelay(response(503, { 'retry-after': past }), 1, NOW)).toBe(0);
  });

  it('falls back to the backoff when Retry-After is unreadable', () => {
    expect(computeRetryDelay(response(503, { 'retry-after': 'soon' }), 2, NOW)).toBe(1000);
    expect(computeRetryDelay(response(503, { 'retry-after': '-5' }), 1, NOW)).toBe(500);
  });
});
