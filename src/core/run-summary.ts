import type { CheckResult, RunReport } from './check-result.js';

/** Builds the run's report (the JSON report's content) from its checks, kept in the order given. */
export function buildRunReport(checks: readonly CheckResult[]): RunReport {
  const passed = checks.filter((check) => check.passed).length;
  return {
    version: 1,
    summary: { total: checks.length, passed, failed: checks.length - passed },
    checks,
  };
}
