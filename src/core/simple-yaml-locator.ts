/**
 * The {@link YamlLocator} of a document read by the fast path (parse-simple-yaml.ts): the same answers
 * createYamlLocator gives for the same text parsed by the `yaml` package.
 */
import type { SourceLocation } from './contract.js';
import { createLinePositions } from './parse-simple-yaml.js';
import type { SimpleDocument, SimpleMap, SimpleNode, SimpleScalar } from './parse-simple-yaml.js';
import type { ValuePath } from './value-path.js';
import type { YamlLocator } from './yaml-locator.js';

/** Builds a locator over `document`, read by parseSimpleYaml from `text`. */
export function createSimpleYamlLocator(file: string, text: string, document: SimpleDocument): YamlLocator {
  const linePosition = createLinePositions(text);
  const at = (offset: number): SourceLocation => {
    const { line, col } = linePosition(offset);
    return { file, line, column: col };
  };

  // Keys are found by a scan, through an index for the maps that are looked into (built on first use).
  const indexes = new WeakMap<SimpleMap, ReadonlyMap<string, number>>();
  const indexOf = (map: SimpleMap, key: string): number | undefined => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map(map.keys.map((scalar, position) => [String(scalar.value), position]));
      indexes.set(map, index);
    }
    return index.get(key);
  };

  const find = (
    path: ValuePath,
  ): { node: SimpleNode | undefined; start: number; key: SimpleScalar | null } => {
    const [first, ...rest] = path;
    // The root map's entries are read on demand (see SimpleDocument); the root itself only has a start.
    const entry = first === undefined ? undefined : document.readRootEntry(String(first));
    if (entry === undefined) return { node: undefined, start: document.rootStart, key: null };
    let node: SimpleNode = entry.value;
    let key: SimpleScalar | null = entry.key;
    for (const segment of rest) {
      if (node.kind === 'seq' && typeof segment === 'number') {
        const item: SimpleNode | undefined = node.items[segment];
        if (item === undefined) break;
        node = item;
        key = null;
      } else if (node.kind === 'map') {
        const position = indexOf(node, String(segment));
        if (position === undefined) break;
        const value: SimpleNode | undefined = node.values[position];
        const written: SimpleScalar | undefined = node.keys[position];
        if (value === undefined || written === undefined) break;
        node = value;
        key = written;
      } else {
        break;
      }
    }
    return { node, start: node.start, key };
  };

  const locate = (path: ValuePath, target: 'value' | 'key' = 'value'): SourceLocation => {
    const { node, start, key } = find(path);
    const keyStart = key?.start;
    if (target === 'key') return at(keyStart ?? start);
    // An empty value (`url:`) starts where the line ends: the key is the better place to point at.
    const empty = node?.kind === 'scalar' && node.value === null && keyStart !== undefined;
    return at(empty ? keyStart : start);
  };

  const locateOffset = (path: ValuePath, offset: number): SourceLocation => {
    const { node } = find(path);
    if (node?.kind !== 'scalar' || typeof node.value !== 'string') return locate(path);
    // Every scalar of the fast path is on one line; quoted ones with `''` are not exact, as with yaml.
    const source = text.slice(node.start, node.end);
    const inner = node.quoted ? source.slice(1, -1) : source;
    const exact = inner === node.value && offset >= 0 && offset <= inner.length;
    return at(exact ? node.start + (node.quoted ? 1 : 0) + offset : node.start);
  };

  return { locate, locateOffset };
}
