import type { CheckResult, RunReport } from '../judging/check-result.js';
import { ReportFileError } from '../contracts/errors.js';
import { findReportSchemaError } from './report-schema.js';

/**
 * Checks that `json` (a parsed JSON report read from `file`) is one of ours and returns it as a RunReport.
 * Beyond the schema, the summary must agree with the checks and a check passes exactly when it has no
 * failures: a hand-edited or truncated report must not turn a red run green when shards are merged.
 *
 * @throws ReportFileError naming the file and the JSON path of the first problem.
 */
export function readReport(file: string, json: unknown): RunReport {
  const error = findReportSchemaError(json);
  if (error !== undefined) {
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    const detail =
      error.keyword === 'additionalProperties'
        ? `has unknown property "${String((error.params as { additionalProperty?: unknown }).additionalProperty)}"`
        : error.keyword === 'const' && error.instancePath === '/version'
          ? 'is an unsupported report version (expected 1)'
          : (error.message ?? 'is invalid');
    throw new ReportFileError(file, `not a webhook-contracts report: ${where} ${detail}`);
  }
  // The schema guarantees the shape; the cast only names it.
  const report = json as RunReport;
  report.checks.forEach((check: CheckResult, index) => {
    if (check.passed !== (check.failures.length === 0)) {
      throw new ReportFileError(
        file,
        `/checks/${index}/passed is ${String(check.passed)} but the check has ${check.failures.length} failure(s)`,
      );
    }
  });
  const total = report.checks.length;
  const passed = report.checks.filter((check) => check.passed).length;
  const { summary } = report;
  if (summary.total !== total || summary.passed !== passed || summary.failed !== total - passed) {
    throw new ReportFileError(
      file,
      `/summary says ${summary.total} total, ${summary.passed} passed, ${summary.failed} failed ` +
        `but the checks count ${total} total, ${passed} passed, ${total - passed} failed`,
    );
  }
  return report;
}
