/** Durations as contracts write them: `30s`, `500ms`, `1.5s`, `1m`, or a bare number of milliseconds. */

const DURATION_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m)$/;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000 } as const;

/**
 * Parses a contract duration into whole milliseconds.
 *
 * A number is already milliseconds (YAML `timeout: 500`). A string needs a unit: a bare `"500"` is refused
 * because a reader cannot tell whether it means seconds or milliseconds.
 *
 * @returns the duration in milliseconds (rounded), or undefined when `value` is not a finite, non-negative duration.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  }
  const match = DURATION_PATTERN.exec(value.trim());
  if (match === null) return undefined;
  const [, amount = '', unit = 'ms'] = match;
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}
