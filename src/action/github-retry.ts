/**
 * Bounded retries for GitHub API calls: 5xx answers and rate limits are usually gone a moment later, and a
 * sticky comment is worth a few seconds, not minutes, of a CI job.
 */
import type { getOctokit } from '@actions/github';

/** The Octokit that `@actions/github` builds. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubRetryOptions {
  /** Extra attempts after the first. */
  readonly maxRetries: number;
  /** First backoff; doubled on each retry. */
  readonly baseDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the call fails at once. */
  readonly maxDelayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (message: string) => void;
}

export const DEFAULT_GITHUB_RETRY: GitHubRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/** What a failed Octokit request exposes; duck-typed so this file does not depend on a transitive package. */
interface HttpErrorLike {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

/** True when `error` is an HTTP error answered by the API (Octokit's RequestError). */
export function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && 'status' in error && typeof error.status === 'number';
}

/**
 * True when GitHub refused the request for its rate: it was not carried out, so sending it again is safe
 * whatever the method. GitHub answers a secondary rate limit with 403 (or 429), a `retry-after` header or an
 * exhausted `x-ratelimit-remaining`.
 */
export function isRateLimited(error: unknown): boolean {
  if (!isHttpError(error)) return false;
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  const headers = error.response?.headers ?? {};
  return (
    headers['retry-after'] !== undefined ||
    String(headers['x-ratelimit-remaining']) === '0' ||
    /rate limit/i.test(error.message)
  );
}

/** True for a 5xx: the server failed, and the request may or may not have been carried out. */
export function isServerError(error: unknown): boolean {
  return isHttpError(error) && error.status >= 500;
}

/**
 * Wraps every request of `client` in bounded retries. Rate-limited requests are retried whatever the method;
 * 5xx answers only for idempotent methods, because a POST that failed with 502 may still have created
 * something (the caller decides, e.g. by looking for the comment again before creating a second one).
 */
export function installGitHubRetries(
  client: GitHubClient,
  options: GitHubRetryOptions = DEFAULT_GITHUB_RETRY,
): void {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  client.hook.wrap('request', async (request, requestOptions) => {
    const method = String(requestOptions.method).toUpperCase();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const retryable = isRateLimited(error) || (isServerError(error) && method !== 'POST');
        const delay = retryable ? computeRetryDelay(error, attempt, options) : undefined;
        if (delay === undefined) throw error;
        options.log?.(
          `GitHub answered ${isHttpError(error) ? error.status : 'an error'} to ${method} ${String(requestOptions.url)}; ` +
            `retrying in ${delay} ms (${attempt + 1}/${options.maxRetries}).`,
        );
        await sleep(delay);
      }
    }
  });
}

/**
 * How long to wait before retry number `attempt + 1`, or undefined to give up.
 * Honours `retry-after` (seconds) and `x-ratelimit-reset` (epoch seconds) when present.
 */
export function computeRetryDelay(
  error: unknown,
  attempt: number,
  options: GitHubRetryOptions,
  nowMs: number = Date.now(),
): number | undefined {
  if (attempt >= options.maxRetries) return undefined;
  const headers = isHttpError(error) ? (error.response?.headers ?? {}) : {};
  let delay = options.baseDelayMs * 2 ** attempt;
  const retryAfter = Number(headers['retry-after']);
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
    delay = retryAfter * 1000;
  } else if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset)) {
    delay = Math.max(0, reset * 1000 - nowMs);
  }
  return delay > options.maxDelayMs ? undefined : Math.round(delay);
}
