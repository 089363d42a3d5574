/** Small numeric and formatting helpers for the report. */

/**
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? /** @type {number} */ (sorted[middle])
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * `PASS` when `value` is at most `limit`, `MISS` otherwise, `n/a` when there is no value.
 * @param {number | undefined} value
 * @param {number} limit
 * @returns {'PASS' | 'MISS' | 'n/a'}
 */
export function judge(value, limit) {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value <= limit ? 'PASS' : 'MISS';
}

/**
 * @param {number | undefined} ms
 * @returns {string}
 */
export function formatMs(ms) {
  return ms === undefined || !Number.isFinite(ms) ? '-' : Math.round(ms).toLocaleString('en-US');
}

/**
 * @param {number | undefined} ratio
 * @returns {string}
 */
export function formatRatio(ratio) {
  return ratio === undefined || !Number.isFinite(ratio) ? '-' : `${ratio.toFixed(2)}x`;
}

/**
 * A plain-text table with a header rule; numbers right-aligned.
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 * @returns {string}
 */
export function renderTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const isNumeric = (/** @type {string} */ cell) => /^[\d,.x-]+$|^-$/.test(cell);
  const line = (/** @type {readonly string[]} */ cells) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return isNumeric(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths
      .map((width) => '-'.repeat(width))
      .join('  ')
      .trimEnd(),
    ...rows.map(line),
  ].join('\n');
}

/**
 * @param {unknown} error
 * @returns {string}
 */
export function describeError(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Rejects when `promise` has not settled within `ms`: every measurement is bounded, even a hung one.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} label
 * @returns {Promise<T>}
 */
export async function withTimeout(promise, ms, label) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label} took over ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
