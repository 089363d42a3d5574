/** Small typed factories for what the HTTP adapter observes (src/core/call-outcome.ts), for the unit tests. */
import type { CallOutcome } from '../../src/judging/call-outcome.js';

type ResponseOutcome = Extract<CallOutcome, { kind: 'response' }>;

/** Overrides for {@link makeResponse}; `body` may be given as text (encoded as UTF-8). */
export type ResponseOverrides = Partial<Omit<ResponseOutcome, 'kind' | 'body'>> & {
  body?: string | Uint8Array;
};

/** A `200 OK` JSON response `{"data":{"score":87}}` that took 42 ms, with any field overridden. */
export function makeResponse(overrides: ResponseOverrides = {}): ResponseOutcome {
  const { body = '{"data":{"score":87}}', ...rest } = overrides;
  return {
    kind: 'response',
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    latencyMs: 42,
    attempts: 1,
    ...rest,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  };
}

/** A call cut off at 30 s. */
export function makeTimeout(overrides: Partial<Extract<CallOutcome, { kind: 'timeout' }>> = {}): CallOutcome {
  return { kind: 'timeout', timeoutMs: 30_000, latencyMs: 30_000, attempts: 1, ...overrides };
}

/** A refused connection. */
export function makeNetworkError(
  overrides: Partial<Extract<CallOutcome, { kind: 'network' }>> = {},
): CallOutcome {
  return {
    kind: 'network',
    code: 'ECONNREFUSED',
    message: 'connect ECONNREFUSED 127.0.0.1:9',
    latencyMs: 3,
    attempts: 1,
    ...overrides,
  };
}

/** A request refused by the host policy. */
export function makeBlocked(message = 'evil.example.com is not in allowed-hosts'): CallOutcome {
  return { kind: 'blocked', message };
}

/** A `200 OK` whose body went over the 1 MiB cap. */
export function makeTooLarge(
  overrides: Partial<Extract<CallOutcome, { kind: 'too-large' }>> = {},
): CallOutcome {
  return {
    kind: 'too-large',
    status: 200,
    statusText: 'OK',
    limitBytes: 1_048_576,
    latencyMs: 50,
    attempts: 1,
    ...overrides,
  };
}
