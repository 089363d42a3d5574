/**
 * A run with failures in which every untrusted field carries hostile text: the report that
 * test/unit/reports/gfm-render.test.ts renders through GitHub's Markdown rules and that
 * scripts/preview-reports.mjs shows beside the demo's.
 */
import type { CheckResult, RunReport } from '../../src/judging/check-result.js';
import { HOSTILE_TEXTS } from './hostile-text.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from './make-check-result.js';

/** A workflow run's page, as the action links it under the totals. */
export const RUN_URL = 'https://github.com/acme/marketo-webhooks/actions/runs/4242424242';
/** Where the rest is: the job summary (from the comment) or the JSON report's artifact (from the summary). */
export const DETAILS_URL = `${RUN_URL}/artifacts/17`;
/** The job key of the sticky-comment marker. */
export const MARKER_JOB = 'ci/contracts';

/** Samples of `Score lead` that fail in the same way: one grouped row in the comment, three in the summary. */
export const GROUPED_SAMPLES = ['lead-1', 'lead-2', 'lead-10'] as const;

/** The hostile check for `text`: every untrusted field is `text` (its line keeps the rows in this order). */
export function makeHostileFailure(text: string, index: number): CheckResult {
  return makeFailedCheckResult({
    webhook: text,
    sample: text,
    line: 100 + index,
    code: 502,
    status: 502,
    errorType: text,
    failures: [{ kind: 'status', message: text, expected: '2xx', actual: '502' }],
    responseSnippet: text,
    warnings: [text],
  });
}

/** A passing check whose mapped value, name and warning are `text` (the summary's collapsed table). */
export function makeHostilePass(text: string, index: number): CheckResult {
  return makeCheckResult({
    webhook: text,
    sample: text,
    line: 100 + index,
    mapped: { leadScore: text },
  });
}

/**
 * The run: `Score lead` failing three samples identically and passing one, then for each of HOSTILE_TEXTS (or
 * `texts`) one failing and one passing check whose every untrusted field is that text.
 */
export function makeHostileRun(texts: readonly string[] = HOSTILE_TEXTS): RunReport {
  const grouped = GROUPED_SAMPLES.map((sample) => makeFailedCheckResult({ sample }));
  return makeReport([
    ...grouped,
    makeCheckResult({ sample: 'lead-3' }),
    ...texts.map(makeHostileFailure),
    ...texts.map(makeHostilePass),
  ]);
}
