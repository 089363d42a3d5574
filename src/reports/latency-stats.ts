/** Latency percentiles over a set of measured calls. */

export interface LatencyStats {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/**
 * p50, p95 (nearest rank: the smallest measured value with at least that share of the calls at or below it)
 * and the maximum, or undefined when nothing was measured. Non-finite values are left out.
 */
export function computeLatencyStats(latencies: readonly number[]): LatencyStats | undefined {
  const sorted = Float64Array.from(latencies.filter((value) => Number.isFinite(value))).sort();
  if (sorted.length === 0) return undefined;
  return {
    count: sorted.length,
    p50: pickRank(sorted, 0.5),
    p95: pickRank(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

function pickRank(sorted: Float64Array, share: number): number {
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[rank - 1] ?? 0;
}
