/**
 * Finds where a value of a YAML file was written, so that a problem found on the plain JavaScript value (by ajv
 * or by the contract rules) can be reported as `file:line:column`.
 *
 * Built over js-yaml's event stream. Each mapping's keys are indexed the first time a path goes through it, and
 * each sequence's items likewise, so a lookup costs the path's length: 20,000 mappings are located in linear
 * time, not by scanning every key for each one.
 */
import { EVENT_ID, SCALAR_STYLE } from 'js-yaml';
import type { Schema } from 'js-yaml';
import type { SourceLocation } from './contract.js';
import type { LineColumn } from './line-index.js';
import type { ValuePath } from './value-path.js';
import type { YamlEventTree } from './yaml-event-tree.js';
import { isMergeKey, readKeyText } from './yaml-keys.js';

export interface YamlLocator {
  /**
   * Where the value at `path` starts, or, with `key`, where its key is written. A path that does not exist
   * (a missing key) resolves to the deepest part of it that does.
   */
  locate(path: ValuePath, target?: 'value' | 'key'): SourceLocation;
  /**
   * Where character `offset` of the string at `path` is written. Exact for a single-line plain or quoted scalar
   * whose source holds no escapes; otherwise the scalar's start (block and folded scalars, escapes).
   */
  locateOffset(path: ValuePath, offset: number): SourceLocation;
}

export interface YamlLocatorOptions {
  readonly file: string;
  readonly source: string;
  readonly tree: YamlEventTree;
  readonly schema: Schema;
  readonly lineColumn: (offset: number) => LineColumn;
  /** How a key of the JavaScript value is spelled in `source` (see mask-control-characters.ts). */
  readonly toSourceKey?: (key: string) => string;
}

interface MappingIndex {
  /** Key text -> index of the key event; the first wins (a repeated key is a YAML error of its own). */
  readonly keys: Map<string, number>;
  /** Index of each `<<` value. */
  readonly merges: number[];
}

interface Found {
  /** The value's event, or -1. */
  readonly node: number;
  /** The key's event when the value is a mapping entry, or -1. */
  readonly key: number;
}

/** Merge chains are short; the depth cap only guards against a cycle. */
const MAX_MERGE_DEPTH = 20;

/** Builds a locator over an indexed event stream of `source`. */
export function createYamlLocator(options: YamlLocatorOptions): YamlLocator {
  const { file, source, tree, schema, lineColumn } = options;
  const { events, ends, aliasTargets } = tree;
  const toSourceKey = options.toSourceKey ?? ((key: string) => key);
  const mappings = new Map<number, MappingIndex>();
  const sequences = new Map<number, Int32Array>();

  const at = (offset: number): SourceLocation => ({ file, ...lineColumn(offset) });
  const resolve = (index: number): number =>
    events[index]?.type === EVENT_ID.ALIAS ? (aliasTargets[index] ?? -1) : index;

  const indexMapping = (index: number): MappingIndex => {
    let found = mappings.get(index);
    if (found !== undefined) return found;
    found = { keys: new Map(), merges: [] };
    for (let key = index + 1; events[key] !== undefined && events[key]?.type !== EVENT_ID.POP;) {
      const value = ends[key] ?? key + 1;
      if (isMergeKey(tree, key, source)) found.merges.push(value);
      else {
        const text = readKeyText(tree, key, source, schema);
        if (text !== undefined && !found.keys.has(text)) found.keys.set(text, key);
      }
      key = ends[value] ?? value + 1;
    }
    mappings.set(index, found);
    return found;
  };

  const indexSequence = (index: number): Int32Array => {
    let items = sequences.get(index);
    if (items !== undefined) return items;
    const starts: number[] = [];
    for (let item = index + 1; events[item] !== undefined && events[item]?.type !== EVENT_ID.POP;) {
      starts.push(item);
      item = ends[item] ?? item + 1;
    }
    items = Int32Array.from(starts);
    sequences.set(index, items);
    return items;
  };

  const findKey = (mapping: number, key: string, depth: number): Found | undefined => {
    const { keys, merges } = indexMapping(mapping);
    const own = keys.get(key);
    if (own !== undefined) return { node: resolve(ends[own] ?? -1), key: own };
    if (depth > MAX_MERGE_DEPTH) return undefined;
    // Own keys win over merged ones, and earlier merge sources over later ones, as the merge key defines.
    for (const merge of merges) {
      const merged = resolve(merge);
      const sources =
        events[merged]?.type === EVENT_ID.SEQUENCE ? [...indexSequence(merged)].map(resolve) : [merged];
      for (const candidate of sources) {
        if (events[candidate]?.type !== EVENT_ID.MAPPING) continue;
        const found = findKey(candidate, key, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };

  const child = (node: number, segment: string | number): Found | undefined => {
    const event = events[node];
    if (event?.type === EVENT_ID.SEQUENCE && typeof segment === 'number') {
      const item = indexSequence(node)[segment];
      return item === undefined ? undefined : { node: resolve(item), key: -1 };
    }
    if (event?.type === EVENT_ID.MAPPING) return findKey(node, toSourceKey(String(segment)), 0);
    return undefined;
  };

  const find = (path: ValuePath): Found => {
    let found: Found = { node: events[1]?.type === EVENT_ID.POP ? -1 : resolve(1), key: -1 };
    for (const segment of path) {
      if (found.node === -1) break;
      const next = child(found.node, segment);
      if (next === undefined) break;
      found = next;
    }
    return found;
  };

  const startOf = (index: number): number | undefined => findEventStart(tree, source, index);

  const locate = (path: ValuePath, target: 'value' | 'key' = 'value'): SourceLocation => {
    const { node, key } = find(path);
    const keyStart = key === -1 ? undefined : startOf(key);
    const valueStart = node === -1 ? undefined : startOf(node);
    // An empty value (`url:`) has no place of its own: the key is the place to point at.
    const offset = target === 'key' ? (keyStart ?? valueStart) : (valueStart ?? keyStart);
    return at(offset ?? 0);
  };

  const locateOffset = (path: ValuePath, offset: number): SourceLocation => {
    const { node } = find(path);
    const event = events[node];
    if (event?.type !== EVENT_ID.SCALAR || event.valueStart === -1) return locate(path);
    // `fast`: a single-line scalar whose source is its value, character for character.
    const exact =
      event.fast &&
      (event.style === SCALAR_STYLE.PLAIN ||
        event.style === SCALAR_STYLE.SINGLE_QUOTED ||
        event.style === SCALAR_STYLE.DOUBLE_QUOTED);
    const inside = exact && offset >= 0 && offset <= event.valueEnd - event.valueStart;
    return at(inside ? event.valueStart + offset : (startOf(node) ?? event.valueStart));
  };

  return { locate, locateOffset };
}

/** Where the node at `index` is written: a quoted scalar at its quote, a block scalar at its `|` or `>`. */
export function findEventStart(tree: YamlEventTree, source: string, index: number): number | undefined {
  const event = tree.events[index];
  if (event === undefined) return undefined;
  switch (event.type) {
    case EVENT_ID.SEQUENCE:
    case EVENT_ID.MAPPING:
      return event.start;
    case EVENT_ID.ALIAS:
      return event.anchorStart - 1;
    case EVENT_ID.SCALAR:
      if (event.valueStart === -1) return undefined;
      if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED)
        return event.valueStart - 1;
      if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) {
        const indicator = Math.max(
          source.lastIndexOf('|', event.valueStart),
          source.lastIndexOf('>', event.valueStart),
        );
        return indicator === -1 ? event.valueStart : indicator;
      }
      return event.valueStart;
    default:
      return undefined;
  }
}
