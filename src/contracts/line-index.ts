/** Source offsets to 1-based line and column, for any text a problem is located in (YAML, CSV, JSON). */

export interface LineColumn {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 units from the start of the line. */
  readonly column: number;
}

/**
 * Indexes where each line of `text` starts, once, so every lookup is a binary search: a file with a hundred
 * thousand problems is located in n log n, not by rescanning the text for each one.
 */
export function createLineIndex(text: string): (offset: number) => LineColumn {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: at - (starts[low] ?? 0) + 1 };
  };
}
