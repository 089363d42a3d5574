/**
 * The order people expect for names with numbers in them: `lead-2` before `lead-10`. Used wherever a report
 * lists samples or webhooks for a reader; the JSON report keeps its locale-free code-unit order (merge-reports).
 */
import type { CheckResult } from '../judging/check-result.js';

// Fixed locale: the same report reads the same on every machine. `numeric` compares digit runs as numbers.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Compares two names in natural order; ties (names the collator sees as equal) fall back to code units. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The order a reader scans checks in: by file and line (the contract's own order), then webhook and sample in
 * natural order.
 */
export function compareChecksForReading(a: CheckResult, b: CheckResult): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    compareNatural(a.webhook, b.webhook) ||
    compareNatural(a.sample, b.sample)
  );
}
