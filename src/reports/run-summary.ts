import type { CheckResult, RunReport } from '../judging/check-result.js';
import { compareChecks } from './compare-checks.js';

/**
 * Builds the run's report (the JSON report's content) from its checks. Checks are listed by file, line,
 * webhook and sample, the order `mergeReports` uses, so the shards of a matrix merged together give exactly the
 * report one job running every check would have given.
 */
export function buildRunReport(checks: readonly CheckResult[]): RunReport {
  const ordered = [...checks].sort(compareChecks);
  const passed = ordered.filter((check) => check.passed).length;
  return {
    version: 1,
    summary: { total: ordered.length, passed, failed: ordered.length - passed },
    checks: ordered,
  };
}
