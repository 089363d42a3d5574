import type { CheckResult } from '../judging/check-result.js';

/**
 * Orders checks by file, line, webhook, then sample (plain code-unit order, so the result does not depend on the
 * locale): the order every report lists them in, so that merged shards equal one job running every check.
 */
export function compareChecks(a: CheckResult, b: CheckResult): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    compareText(a.webhook, b.webhook) ||
    compareText(a.sample, b.sample)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
