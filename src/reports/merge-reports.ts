import type { CheckResult, RunReport } from '../judging/check-result.js';
import { buildRunReport } from './run-summary.js';

/** A merged report, and how many checks were dropped because an earlier report already had them. */
export interface MergedReport extends RunReport {
  /** Checks (same file, line, webhook and sample) seen again after the first; only the first is kept. */
  readonly duplicates: number;
}

/**
 * Joins the JSON reports of a sharded run into one report, as if one job had run every check: checks are
 * ordered by file, line, webhook and sample (plain code-unit order, so the result does not depend on the
 * locale) and the summary is counted again from them.
 *
 * A check present in two reports (an overlapping shard configuration, or the same artifact downloaded twice)
 * is not an error: the first one in `reports` order is kept and the others are counted in `duplicates`, for
 * the caller to warn about. No reports give an empty report.
 */
export function mergeReports(reports: readonly RunReport[]): MergedReport {
  const byKey = new Map<string, CheckResult>();
  let duplicates = 0;
  for (const report of reports) {
    for (const check of report.checks) {
      const key = JSON.stringify([check.file, check.line, check.webhook, check.sample]);
      if (byKey.has(key)) duplicates += 1;
      else byKey.set(key, check);
    }
  }
  return { ...buildRunReport([...byKey.values()]), duplicates };
}
