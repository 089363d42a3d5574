/** `420 ms`, `3.5 s`, `28 s`, `3.5 min`, `2.1 h`: a duration as a reader wants it, rounded. */
export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${formatOneDecimal(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${formatOneDecimal(ms / 60_000)} min`;
  return `${formatOneDecimal(ms / 3_600_000)} h`;
}

function formatOneDecimal(value: number): string {
  // One decimal below 10 (3.5 s), whole numbers above (28 s): precision a projection can honestly claim.
  return value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}
