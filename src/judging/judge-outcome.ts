/**
 * Judges what the HTTP adapter observed for one check (SPEC sections 1 and 3): Marketo's code, the status
 * expectation, the body (check-body), the latency budget.
 *
 * Decisions:
 * - Code 1001 (`empty-body`) applies to a 2xx or an expected status whose body is empty or whitespace only,
 *   as Marketo reports it for any empty answer; no field is written.
 * - Only a 2xx is parsed and mapped, whether or not it is the expected status: that is what Marketo does.
 * - `too-large` keeps its status (and a `status` failure when the status is unexpected); code stays null since
 *   we never saw the whole body.
 * - Only a failing check keeps a response snippet: reports show the response of failures only.
 * - A 2xx whose body could not be decoded (its Content-Encoding) is `unparseable`: Marketo could not read it either.
 */
import type { CallOutcome } from './call-outcome.js';
import type { CheckResult, Failure, MappedValue } from './check-result.js';
import type { Webhook } from '../contracts/contract.js';
import {
  buildCheckResult,
  CODE_BATCH_CAMPAIGN,
  CODE_EMPTY_BODY,
  reasonPhrase,
} from './build-check-result.js';
import type { Shared } from './build-check-result.js';
import { checkBody } from './check-body.js';
import type { BodyContext } from './check-body.js';
import { makeResponseSnippet } from './response-snippet.js';
import { describeStatusPatterns, isSuccessStatus, matchesStatus } from './status-expectation.js';

export interface JudgeContext extends BodyContext {
  readonly shared: Shared;
}

/** A webhook in a batch campaign: Marketo reports 1000 and calls nothing. */
export function judgeBatch(shared: Shared, warnings: readonly string[]): CheckResult {
  return buildCheckResult(shared, {
    code: CODE_BATCH_CAMPAIGN,
    status: null,
    errorType: null,
    latencyMs: null,
    attempts: 0,
    failures: [
      {
        kind: 'batch-campaign',
        message: 'webhooks fire only from trigger campaigns; Marketo reports 1000 and calls nothing',
        expected: 'trigger',
        actual: 'batch',
      },
    ],
    warnings,
    mapped: {},
  });
}

export function judgeOutcome(context: JudgeContext, outcome: CallOutcome): CheckResult {
  const { shared, warnings, webhook } = context;
  const noResponse = { code: null, status: null, errorType: null, warnings, mapped: {} };
  switch (outcome.kind) {
    case 'blocked':
      return buildCheckResult(shared, {
        ...noResponse,
        latencyMs: null,
        attempts: 0,
        failures: [{ kind: 'blocked', message: outcome.message }],
      });
    case 'timeout':
      return buildCheckResult(shared, {
        ...noResponse,
        latencyMs: outcome.latencyMs,
        attempts: outcome.attempts,
        failures: [
          {
            kind: 'timeout',
            message: `no complete response within ${outcome.timeoutMs} ms`,
            expected: `a response within ${outcome.timeoutMs} ms`,
            actual: 'no complete response',
          },
        ],
      });
    case 'network':
      return buildCheckResult(shared, {
        ...noResponse,
        errorType: outcome.code,
        latencyMs: outcome.latencyMs,
        attempts: outcome.attempts,
        failures: [{ kind: 'network', message: `${outcome.code}: ${outcome.message}`, actual: outcome.code }],
      });
    case 'too-large': {
      const failures: Failure[] = [];
      const statusFailure = checkStatus(webhook, outcome.status, outcome.statusText, undefined);
      if (statusFailure !== undefined) failures.push(statusFailure);
      failures.push({
        kind: 'too-large',
        message: `the response body is over the ${outcome.limitBytes}-byte cap; nothing was parsed`,
        expected: `at most ${outcome.limitBytes} bytes`,
        actual: `more than ${outcome.limitBytes} bytes`,
      });
      return buildCheckResult(shared, {
        ...noResponse,
        status: outcome.status,
        errorType: reasonPhrase(outcome.statusText),
        latencyMs: outcome.latencyMs,
        attempts: outcome.attempts,
        failures,
      });
    }
    case 'response':
      return judgeResponse(context, outcome);
  }
}

function judgeResponse(
  context: JudgeContext,
  outcome: Extract<CallOutcome, { kind: 'response' }>,
): CheckResult {
  const { shared, warnings, webhook } = context;
  const { status, statusText, body, bodyError } = outcome;
  const failures: Failure[] = [];
  let mapped: Record<string, MappedValue> = {};

  const statusFailure = checkStatus(webhook, status, statusText, outcome.headers['location']);
  if (statusFailure !== undefined) failures.push(statusFailure);

  const empty = bodyError === undefined && isBlank(body);
  const emptyCounts = empty && (isSuccessStatus(status) || statusFailure === undefined);
  if (emptyCounts) {
    failures.push({
      kind: 'empty-body',
      message: 'the response body is empty: Marketo reports 1001 and writes no field',
      expected: 'a response body',
      actual: body.length === 0 ? '0 bytes' : 'whitespace only',
    });
  } else if (isSuccessStatus(status)) {
    if (bodyError === undefined) mapped = checkBody(context, body, failures);
    else failures.push({ kind: 'unparseable', message: `${bodyError}; Marketo writes no field` });
  }

  const { maxLatencyMs } = webhook.expect;
  if (maxLatencyMs !== undefined && outcome.latencyMs > maxLatencyMs) {
    failures.push({
      kind: 'latency',
      message: `took ${outcome.latencyMs} ms, over the ${maxLatencyMs} ms budget`,
      expected: `at most ${maxLatencyMs} ms`,
      actual: `${outcome.latencyMs} ms`,
    });
  }

  return buildCheckResult(
    shared,
    {
      code: emptyCounts ? CODE_EMPTY_BODY : status,
      status,
      errorType: reasonPhrase(statusText),
      latencyMs: outcome.latencyMs,
      attempts: outcome.attempts,
      failures,
      warnings,
      mapped,
    },
    // Only a failing check shows its response: a passing one keeps no part of its body (memory per check).
    failures.length === 0 ? undefined : makeResponseSnippet(body, { redact: context.redact }),
    // Where a redirect points can echo the request URL and its secrets; the report is redacted again after.
    status >= 300 && status <= 399 && outcome.headers['location'] !== undefined
      ? context.redact(outcome.headers['location'])
      : undefined,
  );
}

function checkStatus(
  webhook: Webhook,
  status: number,
  statusText: string,
  location: string | undefined,
): Failure | undefined {
  const patterns = webhook.expect.status;
  if (matchesStatus(status, patterns)) return undefined;
  const expected = describeStatusPatterns(patterns);
  const actual = statusText.length > 0 ? `${status} ${statusText}` : String(status);
  let message = `got ${actual}, expected ${expected}`;
  if (status >= 300 && status <= 399) {
    message +=
      location === undefined
        ? ': redirects are not followed'
        : `: redirects are not followed (Location: ${location})`;
  }
  return { kind: 'status', message, expected, actual };
}

function isBlank(body: Uint8Array): boolean {
  for (const byte of body) {
    // JSON's whitespace: space, tab, line feed, carriage return.
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}
