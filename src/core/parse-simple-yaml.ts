/**
 * A fast path for the YAML that contract files are made of: block maps and sequences, one-line flow maps and
 * sequences, one-line plain and quoted scalars, comments. It gives the same value the `yaml` package gives (core
 * schema, YAML 1.2) and where each value is written, at a fraction of the time and memory: parsing a contract with
 * 10,000 samples went from about 500 ms and 90 MiB of garbage to a few tens of milliseconds.
 *
 * It never guesses. Anything outside that subset, and anything the `yaml` package would report as a problem or a
 * warning (duplicate keys, bad indentation, tabs, anchors, aliases, tags, merge keys, block scalars, multi-line
 * scalars, escapes, documents markers, unusual characters), returns undefined, and the loader parses the file with
 * the `yaml` package as before, with its messages. test/unit/parse-simple-yaml.test.ts holds it to `yaml`'s result
 * on every document it accepts.
 */

/** A scalar as written: where it starts and ends (quotes included) and its value. */
export interface SimpleScalar {
  readonly kind: 'scalar';
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
  readonly value: string | number | boolean | null;
}

export interface SimpleMap {
  readonly kind: 'map';
  readonly start: number;
  /** In the order written; every key is a string, and `values[i]` is the value of `keys[i]`. */
  readonly keys: readonly SimpleScalar[];
  readonly values: readonly SimpleNode[];
}

export interface SimpleSeq {
  readonly kind: 'seq';
  readonly start: number;
  readonly items: readonly SimpleNode[];
}

export type SimpleNode = SimpleScalar | SimpleMap | SimpleSeq;

/** One entry of the root map: its key, and its value with where each part of it is written. */
export interface SimpleRootEntry {
  readonly key: SimpleScalar;
  readonly value: SimpleNode;
}

export interface SimpleDocument {
  /** What `parseDocument(text).toJS()` gives. */
  readonly value: Record<string, unknown>;
  /** Where the root map starts (its first key). */
  readonly rootStart: number;
  /**
   * The root entry `key` with its positions, or undefined when there is no such key. Positions are read on demand,
   * one root entry at a time, and kept: a contract's thousands of samples are located only when a problem is there.
   */
  readRootEntry(key: string): SimpleRootEntry | undefined;
}

/** Thrown inside the parser to give up; never escapes it. */
class OutsideSubset extends Error {}

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** yaml rejects implicit keys of 1,024 characters or more; the fast path leaves long keys to it. */
const MAX_KEY_LENGTH = 1_000;

// The core schema's plain scalars, tested in yaml's order (yaml/dist/schema/core). Octal, hexadecimal, infinity and
// NaN are left to yaml.
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const LEFT_TO_YAML = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const INTEGER = /^[-+]?[0-9]+$/;
const FLOAT_EXPONENT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Characters the fast path refuses anywhere: tabs, carriage returns, other controls, BOM, line separators. */
const UNUSUAL_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Parses `text` if it lies within the fast path's subset of YAML; otherwise undefined. */
export function parseSimpleYaml(text: string): SimpleDocument | undefined {
  if (UNUSUAL_CHARACTERS.test(text)) return undefined;
  let root: RootIndex;
  let value: Record<string, unknown>;
  try {
    ({ root, value } = new SimpleYamlParser(text, false, text.length).parseDocument());
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
  const entries = new Map<string, SimpleRootEntry>();
  return {
    value,
    rootStart: root.start,
    readRootEntry(key) {
      const cached = entries.get(key);
      if (cached !== undefined) return cached;
      const index = root.names.indexOf(key);
      const from = root.lineStarts[index];
      if (index === -1 || from === undefined) return undefined;
      // The same parse, over the entry's lines only, keeping the positions this time. It cannot fail: the whole
      // document parsed.
      const parser = new SimpleYamlParser(text, true, root.lineStarts[index + 1] ?? text.length, from);
      const map = parser.parseRootRegion(root.indent);
      const [keyNode] = map.keys;
      const [valueNode] = map.values;
      if (keyNode === undefined || valueNode === undefined) return undefined;
      const entry = { key: keyNode, value: valueNode };
      entries.set(key, entry);
      return entry;
    },
  };
}

/** Where the root map's entries are: the first parse keeps only this, and the value. */
interface RootIndex {
  readonly start: number;
  readonly indent: number;
  readonly names: readonly string[];
  /** Where the line of each root key starts, in `names` order. */
  readonly lineStarts: readonly number[];
}

const NO_NODES: readonly never[] = Object.freeze([]);

function giveUp(): never {
  throw new OutsideSubset();
}

function resolvePlain(source: string): string | number | boolean | null {
  const first = source.charCodeAt(0);
  // Most plain scalars start with a letter other than those of null, true, false: skip the tests.
  const maybeSpecial =
    (first >= 0x30 && first <= 0x39) || first === 0x2b || first === DASH || first === 0x2e || first === 0x7e;
  if (!maybeSpecial && !/^[nNtTfF]/.test(source)) return source;
  if (NULL.test(source)) return null;
  if (BOOLEAN.test(source)) return source[0] === 't' || source[0] === 'T';
  if (LEFT_TO_YAML.test(source)) giveUp();
  if (INTEGER.test(source)) return Number.parseInt(source, 10);
  if (FLOAT_EXPONENT.test(source) || FLOAT.test(source)) return Number.parseFloat(source);
  return source;
}

/** `-5`, `-1.5`: a dash followed by a digit starts a plain scalar, not a sequence entry. */
function isNegativeNumberStart(text: string, at: number): boolean {
  const next = text.charCodeAt(at + 1);
  return text.charCodeAt(at) === DASH && next >= 0x30 && next <= 0x39;
}

/** A character that may not start a plain scalar here (YAML's indicators), or is best left to yaml. */
function isIndicator(code: number): boolean {
  switch (code) {
    case DASH:
    case 0x3f: // ?
    case COLON:
    case COMMA:
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case OPEN_BRACE:
    case CLOSE_BRACE:
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case SINGLE_QUOTE:
    case DOUBLE_QUOTE:
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
    default:
      return false;
  }
}

interface Line {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset of the newline (or the end of the text). */
  readonly end: number;
  /** Offset of the first non-space character. */
  readonly content: number;
}

class SimpleYamlParser {
  private readonly text: string;
  /** Whether collections keep their keys, values and items (for the locator), or only the value is built. */
  private readonly withNodes: boolean;
  /** Where reading stops: the end of the text, or of one root entry's lines. */
  private readonly limit: number;
  /** Offset where the next unread line starts. */
  private next: number;
  private peeked: Line | undefined;
  /** Filled by the root map's parse (when reading the whole document): each key and where its line starts. */
  private rootIndex: { names: string[]; lineStarts: number[] } | undefined;

  constructor(text: string, withNodes: boolean, limit: number, from = 0) {
    this.text = text;
    this.withNodes = withNodes;
    this.limit = limit;
    this.next = from;
  }

  /** The whole document: its value and where its root entries are. */
  parseDocument(): { value: Record<string, unknown>; root: RootIndex } {
    const first = this.peekLine();
    if (first === undefined) giveUp();
    const indent = first.content - first.start;
    if (this.startsSequence(first)) giveUp();
    const index: { names: string[]; lineStarts: number[] } = { names: [], lineStarts: [] };
    this.rootIndex = index;
    const { node, value } = this.parseBlockMap(indent);
    if (this.peekLine() !== undefined) giveUp();
    return { value, root: { start: node.start, indent, ...index } };
  }

  /** The lines of one root entry, as a map of that one entry, with positions. */
  parseRootRegion(indent: number): SimpleMap {
    return this.parseBlockMap(indent).node;
  }

  // --- lines ----------------------------------------------------------------------------------------------------

  /** The next line with content (blank and comment-only lines are skipped), without consuming it. */
  private peekLine(): Line | undefined {
    if (this.peeked !== undefined) return this.peeked;
    const { text } = this;
    while (this.next < this.limit) {
      const start = this.next;
      let end = text.indexOf('\n', start);
      if (end === -1 || end > this.limit) end = this.limit;
      this.next = end + 1;
      let content = start;
      while (content < end && text.charCodeAt(content) === SPACE) content += 1;
      if (content === end || text.charCodeAt(content) === HASH) continue;
      // Document markers and directives are yaml's business.
      if (content === start && (text.startsWith('---', start) || text.startsWith('...', start))) giveUp();
      if (content === start && text.charCodeAt(start) === 0x25) giveUp();
      this.peeked = { start, end, content };
      return this.peeked;
    }
    return undefined;
  }

  private takeLine(): Line {
    const line = this.peekLine();
    if (line === undefined) giveUp();
    this.peeked = undefined;
    return line;
  }

  private startsSequence(line: Line): boolean {
    if (this.text.charCodeAt(line.content) !== DASH) return false;
    const after = line.content + 1;
    return after === line.end || this.text.charCodeAt(after) === SPACE;
  }

  // --- block collections ------------------------------------------------------------------------------------------

  /** A block map whose keys are at column `indent`; the first key may sit at `firstKey` of an already taken line. */
  private parseBlockMap(
    indent: number,
    firstKey?: { line: Line; at: number },
  ): { node: SimpleMap; value: Record<string, unknown> } {
    const keys: SimpleScalar[] | undefined = this.withNodes ? [] : undefined;
    const values: SimpleNode[] | undefined = this.withNodes ? [] : undefined;
    const value: Record<string, unknown> = {};
    // Only the root map records where its entries' lines start: nested maps find it cleared.
    const rootIndex = this.rootIndex;
    this.rootIndex = undefined;
    let start = -1;
    let pending = firstKey;
    for (;;) {
      let line: Line;
      let at: number;
      if (pending !== undefined) {
        ({ line, at } = pending);
        pending = undefined;
      } else {
        const peeked = this.peekLine();
        if (peeked === undefined) break;
        const column = peeked.content - peeked.start;
        if (column < indent) break;
        if (column > indent || this.startsSequence(peeked)) giveUp();
        line = this.takeLine();
        at = line.content;
      }
      const key = this.parseKey(at, line.end);
      if (key === undefined) giveUp();
      if (start === -1) start = key.scalar.start;
      const name = key.scalar.value;
      if (typeof name !== 'string' || name === '__proto__' || name === '<<' || Object.hasOwn(value, name))
        giveUp();
      rootIndex?.names.push(name);
      rootIndex?.lineStarts.push(line.start);
      const entry = this.parseEntryValue(indent, line, key.after);
      keys?.push(key.scalar);
      values?.push(entry.node);
      value[name] = entry.value;
    }
    if (start === -1) giveUp();
    return { node: { kind: 'map', start, keys: keys ?? NO_NODES, values: values ?? NO_NODES }, value };
  }

  /** A block sequence whose dashes are at column `indent`. */
  private parseBlockSeq(indent: number): { node: SimpleSeq; value: unknown[] } {
    const items: SimpleNode[] | undefined = this.withNodes ? [] : undefined;
    const value: unknown[] = [];
    let start = -1;
    for (;;) {
      const peeked = this.peekLine();
      if (peeked === undefined) break;
      const column = peeked.content - peeked.start;
      if (column < indent) break;
      if (column > indent || !this.startsSequence(peeked)) {
        // A key at the dashes' column ends a sequence that is a map's value (`key:\n- a\nnext: b`).
        if (column === indent && !this.startsSequence(peeked)) break;
        giveUp();
      }
      const line = this.takeLine();
      if (start === -1) start = line.content;
      let at = line.content + 1;
      while (at < line.end && this.text.charCodeAt(at) === SPACE) at += 1;
      // `-` alone on its line, or followed by a comment: the item is on the next lines (or empty). Left to yaml.
      if (at === line.end || this.text.charCodeAt(at) === HASH) giveUp();
      const key = this.parseKey(at, line.end);
      if (key !== undefined) {
        // `- key: value`: a map whose keys are at this column.
        const map = this.parseBlockMap(at - line.start, { line, at });
        items?.push(map.node);
        value.push(map.value);
      } else {
        const inline = this.parseInlineValue(at, line.end);
        this.assertNothingDeeper(indent);
        items?.push(inline.node);
        value.push(inline.value);
      }
    }
    if (start === -1) giveUp();
    return { node: { kind: 'seq', start, items: items ?? NO_NODES }, value };
  }

  /**
   * What follows `key:` at `after` on `line`, in a map whose keys are at `indent`: a value on the same line, a
   * nested block on the next lines, or nothing (null).
   */
  private parseEntryValue(indent: number, line: Line, after: number): { node: SimpleNode; value: unknown } {
    let at = after;
    while (at < line.end && this.text.charCodeAt(at) === SPACE) at += 1;
    if (at < line.end && this.text.charCodeAt(at) !== HASH) {
      const inline = this.parseInlineValue(at, line.end);
      this.assertNothingDeeper(indent);
      return inline;
    }
    const next = this.peekLine();
    const column = next === undefined ? -1 : next.content - next.start;
    if (next !== undefined && column > indent) {
      if (this.startsSequence(next)) {
        const seq = this.parseBlockSeq(column);
        return seq;
      }
      const map = this.parseBlockMap(column);
      return map;
    }
    // A sequence may sit at its key's column (`key:\n- a`).
    if (next !== undefined && column === indent && this.startsSequence(next)) {
      const seq = this.parseBlockSeq(column);
      return seq;
    }
    // An empty value is null; the locator points at its key, so its own position never shows.
    const empty: SimpleScalar = { kind: 'scalar', start: at, end: at, quoted: false, value: null };
    return { node: empty, value: null };
  }

  /** After a value on its key's line, a deeper line would continue a multi-line scalar (or be an error). */
  private assertNothingDeeper(indent: number): void {
    const next = this.peekLine();
    if (next !== undefined && next.content - next.start > indent) giveUp();
  }

  // --- keys and inline values ---------------------------------------------------------------------------------------

  /** A block map key at `at` followed by `:` and a space (or the end of the line); undefined when there is none. */
  private parseKey(at: number, end: number): { scalar: SimpleScalar; after: number } | undefined {
    const { text } = this;
    const code = text.charCodeAt(at);
    if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
      const scalar = this.parseQuoted(at, end);
      let colon = scalar.end;
      while (colon < end && text.charCodeAt(colon) === SPACE) colon += 1;
      if (colon >= end || text.charCodeAt(colon) !== COLON) return undefined;
      if (colon !== scalar.end || !this.isSeparator(colon + 1, end)) giveUp();
      return { scalar, after: colon + 1 };
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) return undefined;
    // A plain key runs to the first `: ` (or `:` ending the line), and may not cross a comment.
    let colon = this.indexIn(COLON, at, end);
    while (colon !== -1 && !this.isSeparator(colon + 1, end)) colon = this.indexIn(COLON, colon + 1, end);
    if (colon === -1) return undefined;
    const comment = this.indexOfComment(at, colon);
    if (comment !== -1) return undefined;
    let keyEnd = colon;
    while (keyEnd > at && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd -= 1;
    if (keyEnd === at || keyEnd - at >= MAX_KEY_LENGTH || isIndicator(code)) giveUp();
    const source = text.slice(at, keyEnd);
    return {
      scalar: { kind: 'scalar', start: at, end: keyEnd, quoted: false, value: resolvePlain(source) },
      after: colon + 1,
    };
  }

  /** True when `at` ends a `:` indicator: a space or the end of the line. */
  private isSeparator(at: number, end: number): boolean {
    return at >= end || this.text.charCodeAt(at) === SPACE;
  }

  /** A value that starts at `at` and ends on this line (a comment may follow). */
  private parseInlineValue(at: number, end: number): { node: SimpleNode; value: unknown } {
    const { text } = this;
    const code = text.charCodeAt(at);
    let parsed: { node: SimpleNode; value: unknown; end: number };
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      parsed = this.parseFlow(at, end);
    } else if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
      const scalar = this.parseQuoted(at, end);
      parsed = { node: scalar, value: scalar.value, end: scalar.end };
    } else {
      if (isIndicator(code) && !isNegativeNumberStart(text, at)) giveUp();
      let stop = this.indexOfComment(at, end);
      if (stop === -1) stop = end;
      let last = stop;
      while (last > at && text.charCodeAt(last - 1) === SPACE) last -= 1;
      const source = text.slice(at, last);
      // `a: b: c` is an error in yaml, and a trailing `:` starts a key: neither is a plain value here.
      if (source.includes(': ') || source.endsWith(':')) giveUp();
      const scalar: SimpleScalar = {
        kind: 'scalar',
        start: at,
        end: last,
        quoted: false,
        value: resolvePlain(source),
      };
      return { node: scalar, value: scalar.value };
    }
    this.assertLineRest(parsed.end, end);
    return { node: parsed.node, value: parsed.value };
  }

  /** Only spaces, then maybe a comment, may follow a value on its line. */
  private assertLineRest(at: number, end: number): void {
    let rest = at;
    while (rest < end && this.text.charCodeAt(rest) === SPACE) rest += 1;
    if (rest === end) return;
    if (rest > at && this.text.charCodeAt(rest) === HASH) return;
    giveUp();
  }

  /** A quoted scalar that ends on this line: single quotes with `''` for a quote, or double quotes without escapes. */
  private parseQuoted(at: number, end: number): SimpleScalar {
    const { text } = this;
    const quote = text.charCodeAt(at);
    let value = '';
    let from = at + 1;
    for (;;) {
      const close = this.indexIn(quote, from, end);
      if (close === -1) giveUp();
      if (quote === DOUBLE_QUOTE) {
        if (this.indexIn(BACKSLASH, from, close) !== -1) giveUp();
        value += text.slice(from, close);
        return { kind: 'scalar', start: at, end: close + 1, quoted: true, value };
      }
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) === SINGLE_QUOTE && close + 1 < end) {
        value += "'";
        from = close + 2;
        continue;
      }
      return { kind: 'scalar', start: at, end: close + 1, quoted: true, value };
    }
  }

  // --- flow collections (on one line) -------------------------------------------------------------------------------

  private parseFlow(at: number, end: number): { node: SimpleNode; value: unknown; end: number } {
    const { text } = this;
    const isMap = text.charCodeAt(at) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    let position = this.skipSpaces(at + 1, end);
    const keys: SimpleScalar[] | undefined = this.withNodes && isMap ? [] : undefined;
    const values: SimpleNode[] | undefined = this.withNodes && isMap ? [] : undefined;
    const mapValue: Record<string, unknown> = {};
    const items: SimpleNode[] | undefined = this.withNodes && !isMap ? [] : undefined;
    const seqValue: unknown[] = [];
    if (text.charCodeAt(position) === close) {
      return isMap
        ? { node: this.flowMap(at, keys, values), value: mapValue, end: position + 1 }
        : { node: this.flowSeq(at, items), value: seqValue, end: position + 1 };
    }
    for (;;) {
      if (isMap) {
        const key = this.parseFlowScalar(position, end, true);
        const name = key.node.value;
        if (
          typeof name !== 'string' ||
          name === '__proto__' ||
          name === '<<' ||
          Object.hasOwn(mapValue, name)
        )
          giveUp();
        if (text.charCodeAt(key.end) !== COLON || text.charCodeAt(key.end + 1) !== SPACE) giveUp();
        const valueAt = this.skipSpaces(key.end + 1, end);
        const parsed = this.parseFlowValue(valueAt, end);
        keys?.push(key.node);
        values?.push(parsed.node);
        mapValue[name] = parsed.value;
        position = this.skipSpaces(parsed.end, end);
      } else {
        const parsed = this.parseFlowValue(position, end);
        items?.push(parsed.node);
        seqValue.push(parsed.value);
        position = this.skipSpaces(parsed.end, end);
        // `[a: b]` is a map inside the sequence: yaml's business.
        if (text.charCodeAt(position) === COLON) giveUp();
      }
      const code = text.charCodeAt(position);
      if (code === close) {
        return isMap
          ? { node: this.flowMap(at, keys, values), value: mapValue, end: position + 1 }
          : { node: this.flowSeq(at, items), value: seqValue, end: position + 1 };
      }
      if (code !== COMMA || position >= end) giveUp();
      position = this.skipSpaces(position + 1, end);
      // A trailing comma or an empty entry: yaml's business.
      if (text.charCodeAt(position) === close || text.charCodeAt(position) === COMMA) giveUp();
    }
  }

  private flowMap(
    start: number,
    keys: SimpleScalar[] | undefined,
    values: SimpleNode[] | undefined,
  ): SimpleMap {
    return { kind: 'map', start, keys: keys ?? NO_NODES, values: values ?? NO_NODES };
  }

  private flowSeq(start: number, items: SimpleNode[] | undefined): SimpleSeq {
    return { kind: 'seq', start, items: items ?? NO_NODES };
  }

  private parseFlowValue(at: number, end: number): { node: SimpleNode; value: unknown; end: number } {
    if (at >= end) giveUp();
    const code = this.text.charCodeAt(at);
    if (code === OPEN_BRACE || code === OPEN_BRACKET) return this.parseFlow(at, end);
    const scalar = this.parseFlowScalar(at, end, false);
    return { node: scalar.node, value: scalar.node.value, end: scalar.end };
  }

  /** A quoted scalar, or a plain one that stops at `,`, `]`, `}` (and at `: ` for a key). */
  private parseFlowScalar(at: number, end: number, isKey: boolean): { node: SimpleScalar; end: number } {
    const { text } = this;
    if (at >= end) giveUp();
    const code = text.charCodeAt(at);
    if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
      const node = this.parseQuoted(at, end);
      return { node, end: node.end };
    }
    if (isIndicator(code) && !isNegativeNumberStart(text, at)) giveUp();
    let stop = at;
    for (; stop < end; stop += 1) {
      const current = text.charCodeAt(stop);
      if (current === COMMA || current === CLOSE_BRACE || current === CLOSE_BRACKET) break;
      if (current === COLON) {
        // In a key, `: ` ends it; anywhere else a colon is left to yaml (`a:b`, `http://x` inside flow).
        if (isKey && text.charCodeAt(stop + 1) === SPACE) break;
        giveUp();
      }
      if (current === OPEN_BRACE || current === OPEN_BRACKET) giveUp();
      if (current === HASH && text.charCodeAt(stop - 1) === SPACE) giveUp();
    }
    let last = stop;
    while (last > at && text.charCodeAt(last - 1) === SPACE) last -= 1;
    if (last === at || (isKey && last - at >= MAX_KEY_LENGTH)) giveUp();
    const source = text.slice(at, last);
    return {
      node: { kind: 'scalar', start: at, end: last, quoted: false, value: resolvePlain(source) },
      end: last,
    };
  }

  /** Where `code` first occurs in [at, end), or -1: searches stay within their line, so parsing stays linear. */
  private indexIn(code: number, at: number, end: number): number {
    for (let index = at; index < end; index += 1) {
      if (this.text.charCodeAt(index) === code) return index;
    }
    return -1;
  }

  /** Where a comment (` #`) starts in [at, end), or -1. */
  private indexOfComment(at: number, end: number): number {
    for (
      let index = this.indexIn(HASH, at + 1, end);
      index !== -1;
      index = this.indexIn(HASH, index + 1, end)
    ) {
      if (this.text.charCodeAt(index - 1) === SPACE) return index - 1;
    }
    return -1;
  }

  private skipSpaces(at: number, end: number): number {
    let position = at;
    while (position < end && this.text.charCodeAt(position) === SPACE) position += 1;
    return position;
  }
}

/** Line and column (both from 1) of `offset`, as yaml's LineCounter gives them for text with `\n` line breaks. */
export function createLinePositions(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle + 1;
      else high = middle;
    }
    return { line: low, col: offset - (starts[low - 1] ?? 0) + 1 };
  };
}
