/**
 * Finds where a value of a parsed YAML document was written, so that a problem found on the plain JavaScript
 * value (by ajv or by the contract rules) can be reported as `file:line:column`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { SourceLocation } from './contract.js';
import type { ValuePath } from './value-path.js';

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

/** Where a string scalar starts, and where its value starts when the source spells it character for character. */
interface ScalarSpan {
  readonly begin: number;
  readonly exact?: { readonly start: number; readonly length: number };
}

interface Found {
  readonly node: Node | null;
  readonly pair: Pair | null;
}

/** Builds a locator over a document parsed with `lineCounter` from `text`. */
export function createYamlLocator(
  file: string,
  text: string,
  document: Document,
  lineCounter: LineCounter,
): YamlLocator {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const start = (node: Node | null | undefined): number | undefined => node?.range?.[0];

  const find = (path: ValuePath): Found => {
    let node = resolve(document, document.contents);
    let pair: Pair | null = null;
    for (const segment of path) {
      const next = child(document, node, segment);
      if (next === undefined) break;
      ({ node, pair } = next);
    }
    return { node, pair };
  };

  const locate = (path: ValuePath, target: 'value' | 'key' = 'value'): SourceLocation => {
    const { node, pair } = find(path);
    const keyNode = pair !== null && isScalarOrNode(pair.key) ? pair.key : null;
    const valueStart = start(node);
    const offset =
      target === 'key'
        ? (start(keyNode) ?? valueStart)
        : // An empty value (`url:`) starts where the line ends: the key is the better place to point at.
          node !== null && isScalar(node) && node.value === null && keyNode !== null
          ? start(keyNode)
          : valueStart;
    return at(offset ?? 0);
  };

  // Measured once per scalar: a hostile template can hold a problem every few characters, and re-reading a
  // megabyte-long scalar for each of them would make loading quadratic.
  const spans = new WeakMap<Scalar, ScalarSpan>();
  const spanOf = (node: Scalar, [begin, end]: readonly [number, number, number]): ScalarSpan => {
    let span = spans.get(node);
    if (span === undefined) {
      const source = text.slice(begin, end);
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      const inner = quoted ? source.slice(1, -1) : source;
      const exact = (quoted || node.type === Scalar.PLAIN) && !source.includes('\n') && inner === node.value;
      span = { begin, ...(exact && { exact: { start: begin + (quoted ? 1 : 0), length: inner.length } }) };
      spans.set(node, span);
    }
    return span;
  };

  const locateOffset = (path: ValuePath, offset: number): SourceLocation => {
    const { node } = find(path);
    if (node === null || !isScalar(node) || typeof node.value !== 'string' || !node.range) {
      return locate(path);
    }
    const { begin, exact } = spanOf(node, node.range);
    const inside = exact !== undefined && offset >= 0 && offset <= exact.length;
    return at(inside ? exact.start + offset : begin);
  };

  return { locate, locateOffset };
}

function isScalarOrNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

/** Follows an alias to its anchor, so paths walk through `*ref` as the JavaScript value does. */
function resolve(document: Document, value: unknown): Node | null {
  if (isAlias(value)) return (value.resolve(document) as Node | undefined) ?? null;
  return isScalarOrNode(value) ? value : null;
}

function child(document: Document, node: Node | null, segment: string | number): Found | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = resolve(document, node.items[segment]);
    return item === null ? undefined : { node: item, pair: null };
  }
  if (isMap(node)) return findKey(document, node.items, String(segment), 0);
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  // With `merge: true` the parser gives `<<` a symbol value; without it, it is the plain string.
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.source === '<<'));
}

/** A key as the JavaScript value has it; collection keys (`? [a, b]`) are never in a path we look up. */
function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (value === null) return '';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

/** Own keys win over merged ones, and earlier merge sources over later ones, as the YAML merge key defines. */
function findKey(
  document: Document,
  items: readonly unknown[],
  key: string,
  depth: number,
): Found | undefined {
  for (const item of items) {
    if (isPair(item) && !isMergeKey(item.key) && keyText(item.key) === key) {
      return { node: resolve(document, item.value), pair: item };
    }
  }
  // Merge chains are short; the depth cap only guards against a cycle.
  if (depth > 20) return undefined;
  for (const item of items) {
    if (!isPair(item) || !isMergeKey(item.key)) continue;
    const source = resolve(document, item.value);
    const sources = isSeq(source) ? source.items.map((entry) => resolve(document, entry)) : [source];
    for (const merged of sources) {
      if (!isMap(merged)) continue;
      const found = findKey(document, merged.items, key, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
