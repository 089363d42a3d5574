/**
 * When a failed call is worth another attempt (the opt-in `retries` setting), and how long to wait first.
 * Only "try again later" answers are retried: network errors, timeouts, 429 and 503. A wrong answer never is.
 */
import type { CallOutcome } from '../judging/call-outcome.js';

/** First retry waits this long; each further one waits twice as long. */
export const RETRY_BASE_DELAY_MS = 500;
/** No wait between attempts is longer than this, whatever `Retry-After` asks for. */
export const MAX_RETRY_DELAY_MS = 10_000;
/** Statuses that say "try again later" rather than "your request is wrong". */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** True for network errors, timeouts, 429 and 503. */
export function isRetryable(outcome: CallOutcome): boolean {
  if (outcome.kind === 'network' || outcome.kind === 'timeout') return true;
  return outcome.kind === 'response' && RETRYABLE_STATUSES.has(outcome.status);
}

/**
 * The wait before attempt `attempt + 1`: the server's `Retry-After` (seconds or an HTTP date) when it sent one,
 * else 0.5 s, 1 s, 2 s, …; never below 0 nor above 10 s.
 *
 * @param nowMs the wall clock (ms since the epoch), for a `Retry-After` date.
 */
export function computeRetryDelay(outcome: CallOutcome, attempt: number, nowMs: number): number {
  const retryAfter =
    outcome.kind === 'response' ? parseRetryAfter(outcome.headers['retry-after'], nowMs) : undefined;
  const delayMs = retryAfter ?? RETRY_BASE_DELAY_MS * 2 ** (attempt - 1);
  return Math.min(Math.max(delayMs, 0), MAX_RETRY_DELAY_MS);
}

function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would read "-5" as the year -5.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : date - nowMs;
}
