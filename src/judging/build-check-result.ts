/** Builds a check's result from what judging found, and the small text helpers its failures share. */
import type { CheckResult } from './check-result.js';
import type { RedactText } from './redact-then-cut.js';
import { redactThenCut } from './redact-then-cut.js';

/** Marketo's code for a webhook in a batch campaign: nothing is called. */
export const CODE_BATCH_CAMPAIGN = 1000;
/** Marketo's code for an empty response body. */
export const CODE_EMPTY_BODY = 1001;

/** What every result of one webhook and sample shares. */
export type Shared = Pick<CheckResult, 'webhook' | 'sample' | 'file' | 'line' | 'timeoutMs'>;

const PREVIEW_CHARS = 80;
const NONE: readonly never[] = Object.freeze([]);

/** The result: passed when nothing failed; duplicate warnings dropped. */
export function buildCheckResult(
  shared: Shared,
  result: Omit<CheckResult, keyof Shared | 'passed'>,
  snippet?: string,
  /** A 3xx response's Location header. */
  location?: string,
): CheckResult {
  // Spelled out rather than spread: one object of one shape per check, built without copying property by property
  // (10,000 checks made spreading here the hottest line of a run).
  const built: { -readonly [K in keyof CheckResult]: CheckResult[K] } = {
    webhook: shared.webhook,
    sample: shared.sample,
    file: shared.file,
    line: shared.line,
    code: result.code,
    status: result.status,
    errorType: result.errorType,
    latencyMs: result.latencyMs,
    attempts: result.attempts,
    // A passing check without warnings (the usual one) shares the empty lists: 10,000 results hold no 20,000 arrays.
    failures: result.failures.length === 0 ? NONE : result.failures,
    warnings:
      result.warnings.length === 0
        ? NONE
        : result.warnings.length === 1
          ? result.warnings
          : [...new Set(result.warnings)],
    mapped: result.mapped,
    passed: result.failures.length === 0,
  };
  if (snippet !== undefined) built.responseSnippet = snippet;
  if (location !== undefined) built.location = location;
  if (shared.timeoutMs !== undefined) built.timeoutMs = shared.timeoutMs;
  return built;
}

/** The reason phrase as Marketo's Error Type, null when the server sent none. */
export function reasonPhrase(statusText: string): string | null {
  return statusText.length > 0 ? statusText : null;
}

/** A short JSON preview of a value from a parsed body, for failure messages; secrets masked before the cut. */
export function previewValue(value: unknown, redact: RedactText): string {
  // Values come from parsed bodies, so JSON.stringify only returns undefined for undefined itself. The body's
  // nesting is bounded before parsing (measure-nesting), so stringify cannot overflow the stack.
  return truncatePreview(JSON.stringify(value) ?? 'undefined', redact);
}

/** Cuts untrusted text to the preview length, in code points, with an ellipsis, after masking secrets. */
export function truncatePreview(text: string, redact: RedactText): string {
  return redactThenCut(text, PREVIEW_CHARS, redact);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
