/**
 * Duplicate map keys in a parsed YAML document, found in one pass.
 *
 * The `yaml` package can refuse them itself (`uniqueKeys: true`), but it compares each new key with every earlier
 * key of its map, which is quadratic: a contract with 10,000 samples took three times as long to parse. This
 * walks every map once with a Set and reports what `uniqueKeys: true` reported, at the same place.
 */
import { isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';

/** The message `yaml` gives a duplicate key (its `DUPLICATE_KEY` error), kept so reports read the same. */
export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/**
 * The source offset of every key that repeats an earlier key of the same map (in no particular order).
 *
 * Equality is yaml's own: two scalar keys with the same parsed value (`===`, so `1` and `"1"` differ); keys that
 * are collections or aliases never count as equal, and neither do merge keys (`<<`, a fresh symbol each) or NaN.
 */
export function findDuplicateKeys(document: Document): number[] {
  const offsets: number[] = [];
  // An explicit stack rather than recursion (or yaml's `visit`, which copies its path at every node). Only
  // collections are stacked: most nodes are scalars, which hold no keys.
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) if (isCollection(item) || isPair(item)) pending.push(item);
    } else if (isMap(node)) {
      const seen = node.items.length > 1 ? new Set<unknown>() : undefined;
      for (const pair of node.items) {
        if (isCollection(pair.value)) pending.push(pair.value);
        if (!isScalar(pair.key)) {
          if (isCollection(pair.key)) pending.push(pair.key);
          continue;
        }
        if (seen === undefined) continue;
        const value: unknown = pair.key.value;
        if (typeof value === 'symbol' || (typeof value === 'number' && Number.isNaN(value))) continue;
        if (seen.has(value)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(value);
      }
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return offsets;
}
