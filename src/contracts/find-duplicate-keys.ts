/**
 * Duplicate map keys in a YAML event stream, every one of them, in one pass.
 *
 * js-yaml refuses a repeated key itself, but stops at the first; this lists them all (SPEC: every problem at
 * once). Keys are compared as the JavaScript value has them, so `1:` and `"1":`, or `true:` and `"true":`,
 * which would silently become one key, are duplicates too.
 */
import { EVENT_ID } from 'js-yaml';
import type { Schema } from 'js-yaml';
import type { YamlEventTree } from './yaml-event-tree.js';
import { isMergeKey, readKeyText } from './yaml-keys.js';

/** What the loader says about a repeated key. */
export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/** The event index of every key that repeats an earlier key of the same mapping, in source order. */
export function findDuplicateKeys(tree: YamlEventTree, source: string, schema: Schema): number[] {
  const { events, ends } = tree;
  const duplicates: number[] = [];
  for (let index = 0; index < events.length; index += 1) {
    if (events[index]?.type !== EVENT_ID.MAPPING) continue;
    const seen = new Set<string>();
    for (let key = index + 1; events[key] !== undefined && events[key]?.type !== EVENT_ID.POP;) {
      const value = ends[key] ?? key + 1;
      // Merge keys (`<<`) may repeat, and own keys override merged ones: neither is a duplicate.
      if (!isMergeKey(tree, key, source)) {
        const text = readKeyText(tree, key, source, schema);
        if (text !== undefined) {
          if (seen.has(text)) duplicates.push(key);
          else seen.add(text);
        }
      }
      key = ends[value] ?? value + 1;
    }
  }
  return duplicates;
}
