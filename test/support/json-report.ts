/** The JSON report a built run writes (schema/report.schema.json), typed for the tests that read it back. */

export interface JsonFailure {
  readonly kind: string;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

export interface JsonCheck {
  readonly webhook: string;
  readonly sample: string;
  readonly file: string;
  readonly line: number;
  readonly passed: boolean;
  readonly code: number | null;
  readonly status: number | null;
  readonly errorType: string | null;
  readonly latencyMs: number | null;
  readonly attempts: number;
  readonly failures: readonly JsonFailure[];
  readonly warnings: readonly string[];
  readonly mapped: Readonly<Record<string, unknown>>;
  readonly responseSnippet?: string;
  readonly location?: string;
}

export interface JsonReport {
  readonly version: number;
  readonly summary: { readonly total: number; readonly passed: number; readonly failed: number };
  readonly checks: readonly JsonCheck[];
}

/** The report in `text`, as the schema says it is (the schema itself is tested in test/unit/reports). */
export function parseJsonReport(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}
