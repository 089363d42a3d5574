/** Factories for check results and run reports, shared by the unit tests. */
import type { CheckResult, RunReport } from '../../src/judging/check-result.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A passing check of `Score lead` for `alice`, with any field overridden. */
export function makeCheckResult(overrides: Partial<CheckResult> = {}): CheckResult {
  const base: Writable<CheckResult> = {
    webhook: 'Score lead',
    sample: 'alice',
    file: 'webhook-contracts.yml',
    line: 12,
    passed: true,
    code: 200,
    status: 200,
    errorType: 'OK',
    latencyMs: 42,
    attempts: 1,
    failures: [],
    warnings: [],
    mapped: { leadScore: 87 },
  };
  const merged = { ...base, ...overrides };
  // A check with failures never passes unless the caller insists on it.
  if (overrides.passed === undefined) merged.passed = merged.failures.length === 0;
  return merged;
}

/** A failing check (status 500), with any field overridden. */
export function makeFailedCheckResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return makeCheckResult({
    code: 500,
    status: 500,
    errorType: 'Internal Server Error',
    mapped: {},
    failures: [{ kind: 'status', message: 'status 500 is not 2xx', expected: '2xx', actual: '500' }],
    responseSnippet: '{"error":"boom"}',
    ...overrides,
  });
}

/** A version-1 report over `checks`, its summary counted from them. */
export function makeReport(checks: readonly CheckResult[] = [makeCheckResult()]): RunReport {
  const passed = checks.filter((check) => check.passed).length;
  return { version: 1, summary: { total: checks.length, passed, failed: checks.length - passed }, checks };
}
