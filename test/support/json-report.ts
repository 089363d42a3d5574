/** The JSON report a built run writes (schema/report.schema.json), typed for the tests that read it back. */
import type { CheckResult, Failure, RunSummary } from '../../src/judging/check-result.js';

/** A failure as the file holds it: its kind as written, so a test may look for any. */
export type JsonFailure = Omit<Failure, 'kind'> & { readonly kind: string };

/** A check as the file holds it: mapped values as JSON gives them back (an exact 64-bit integer is not a bigint). */
export type JsonCheck = Omit<CheckResult, 'failures' | 'mapped'> & {
  readonly failures: readonly JsonFailure[];
  readonly mapped: Readonly<Record<string, unknown>>;
};

export interface JsonReport {
  readonly version: number;
  readonly summary: RunSummary;
  readonly checks: readonly JsonCheck[];
}

/** The report in `text`, as the schema says it is (the schema itself is tested in test/unit/reports). */
export function parseJsonReport(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}
