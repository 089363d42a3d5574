/**
 * Marketo response attributes (SPEC section 1): `seg('.'seg)*`, `seg := key('['uint']')*`, resolved against a
 * parsed JSON body or XML tree.
 *
 * Decisions (not documented by Marketo, so chosen conservatively):
 * - Keys may hold any character except `.`, `[` and `]`; anything outside ASCII letters, digits, `_ - :` and the
 *   space sets `unusualKeys`, which callers report as a warning ("undocumented").
 * - A path may start with an index and no key (`[0].id`) to address a JSON root array; resolving against a root
 *   array always warns (undocumented), and a path that starts with a key fails against one.
 * - A JSON leaf must be a scalar (string, number, boolean or null); an object or array leaf fails.
 * - XML: the first key names the root element; `name[i]` picks the i-th child of that name (no index: the first);
 *   the leaf is the element's own text, trimmed (pretty-printing whitespace is not data). An element with child
 *   elements is not a leaf, just as a JSON object is not.
 */
import { findNumberSource } from './exact-json.js';
import type { NumberSources } from './exact-json.js';
import type { XmlElement } from './xml-element.js';

export type PathStep = { readonly key: string } | { readonly index: number };

export interface ResponsePath {
  /** The attribute as written in the contract. */
  readonly text: string;
  /** Keys and indexes flattened: `a[0].b` is `key a`, `index 0`, `key b`. */
  readonly steps: readonly PathStep[];
  /** A key uses characters outside Marketo's documented set. */
  readonly unusualKeys: boolean;
}

/** A resolved path: the scalar found (with a warning for undocumented shapes), or why nothing was found. */
export type Resolution =
  | {
      readonly found: true;
      readonly value: string | number | boolean | null;
      readonly warning?: string;
      /** A number's text as written, when parsing changed it (see exact-json). */
      readonly numberText?: string;
    }
  | { readonly found: false; readonly reason: string };

const DOCUMENTED_KEY = /^[A-Za-z0-9_\-: ]+$/;
const UINT = /^[0-9]+$/;

/** Parses a response attribute; the error says where and why it is malformed. */
export function parseResponsePath(
  text: string,
): { ok: true; path: ResponsePath } | { ok: false; error: string } {
  if (text.length === 0) return { ok: false, error: 'the response attribute is empty' };
  const steps: PathStep[] = [];
  let unusualKeys = false;
  let segment = 1;
  let position = 0;
  // One segment per pass: a key (possibly empty), then any number of `[uint]`, then `.` or the end.
  for (;;) {
    let key = '';
    while (position < text.length && !'.[]'.includes(text.charAt(position))) {
      key += text.charAt(position);
      position += 1;
    }
    // An index-only first segment addresses a root array; anywhere else a key is required.
    if (key.length === 0 && !(segment === 1 && text.charAt(position) === '[')) {
      return { ok: false, error: `empty key in segment ${segment} of "${text}"` };
    }
    if (key.length > 0) {
      if (!DOCUMENTED_KEY.test(key)) unusualKeys = true;
      steps.push({ key });
    }
    while (text.charAt(position) === '[') {
      const close = text.indexOf(']', position);
      if (close === -1)
        return { ok: false, error: `"[" without "]" at character ${position + 1} of "${text}"` };
      const digits = text.slice(position + 1, close);
      if (!UINT.test(digits)) {
        return { ok: false, error: `"[${digits}]" is not a non-negative integer index in "${text}"` };
      }
      const index = Number(digits);
      if (!Number.isSafeInteger(index))
        return { ok: false, error: `index ${digits} is too large in "${text}"` };
      steps.push({ index });
      position = close + 1;
    }
    if (position === text.length) break;
    const next = text.charAt(position);
    if (next !== '.') {
      const found = next === ']' ? '"]" without "["' : `"${next}" after "]"`;
      return { ok: false, error: `${found} at character ${position + 1} of "${text}"; expected "." or "["` };
    }
    position += 1;
    segment += 1;
  }
  return { ok: true, path: { text, steps, unusualKeys } };
}

/** Renders the path up to and including step `upTo` (0-based), for messages. */
export function formatPathPrefix(steps: readonly PathStep[], upTo: number): string {
  let out = '';
  for (const step of steps.slice(0, upTo + 1)) {
    if ('index' in step) out += `[${step.index}]`;
    else out += out.length === 0 ? step.key : `.${step.key}`;
  }
  return out;
}

/** Resolves a path in a parsed JSON body, from its root object; `sources` gives numbers' text as written. */
export function resolveJsonPath(root: unknown, path: ResponsePath, sources?: NumberSources): Resolution {
  let warning: string | undefined;
  if (Array.isArray(root)) {
    warning = 'the response root is an array: mapping from it relies on undocumented Marketo behaviour';
  }
  let current: unknown = root;
  let holder: object | undefined;
  let holderKey: string | number = '';
  const { steps } = path;
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i];
    if (step === undefined) continue;
    // Only a failure names where it stopped (formatPathPrefix): a path that resolves builds no text, nor a closure.
    if ('index' in step) {
      if (!Array.isArray(current)) {
        return missing(
          `${formatPathPrefix(steps, i)}: ${describeParent(path, i)} is ${describeJson(current)}, not an array`,
        );
      }
      if (step.index >= current.length) {
        return missing(
          `${formatPathPrefix(steps, i)}: index ${step.index} out of range (${countItems(current.length)})`,
        );
      }
      holder = current;
      holderKey = step.index;
      current = current[step.index];
    } else {
      if (!isPlainObject(current)) {
        const hint = i === 0 && Array.isArray(current) ? '; start the attribute with [index]' : '';
        return missing(
          `${formatPathPrefix(steps, i)}: ${describeParent(path, i)} is ${describeJson(current)}, not an object${hint}`,
        );
      }
      // Own properties only: a body may carry keys such as "constructor" or "__proto__".
      if (!Object.hasOwn(current, step.key))
        return missing(`${formatPathPrefix(steps, i)}: key "${step.key}" not found`);
      holder = current;
      holderKey = step.key;
      current = current[step.key];
    }
  }
  const numberText =
    typeof current === 'number' && holder !== undefined
      ? findNumberSource(sources, holder, holderKey)
      : undefined;
  if (
    current === null ||
    typeof current === 'string' ||
    typeof current === 'number' ||
    typeof current === 'boolean'
  ) {
    return {
      found: true,
      value: current,
      ...(warning !== undefined && { warning }),
      ...(numberText !== undefined && { numberText }),
    };
  }
  return missing(`${path.text}: ${describeJson(current)}, not a single value`);
}

/** Resolves a path in a parsed XML body: the first key names the root element. */
export function resolveXmlPath(root: XmlElement, path: ResponsePath): Resolution {
  const [first] = path.steps;
  if (first === undefined || !('key' in first)) {
    return missing(`${path.text}: an XML attribute starts with the root element's name (<${root.name}>)`);
  }
  if (first.key !== root.name) {
    return missing(`${first.key}: the root element is <${root.name}>, not <${first.key}>`);
  }
  // `candidates` holds the same-named siblings the last key selected; an index picks among them.
  let candidates: readonly XmlElement[] = [root];
  let current: XmlElement = root;
  let indexed = false;
  for (let i = 1; i < path.steps.length; i += 1) {
    const step = path.steps[i];
    if (step === undefined) break;
    const at = formatPathPrefix(path.steps, i);
    if ('index' in step) {
      if (indexed) return missing(`${at}: an XML element cannot be indexed twice`);
      const picked = candidates[step.index];
      if (picked === undefined) {
        return missing(
          `${at}: index ${step.index} out of range (${countElements(candidates.length, current.name)})`,
        );
      }
      current = picked;
      indexed = true;
    } else {
      const named = current.children.filter((child) => child.name === step.key);
      const [firstNamed] = named;
      if (firstNamed === undefined) return missing(`${at}: <${current.name}> has no child <${step.key}>`);
      candidates = named;
      current = firstNamed;
      indexed = false;
    }
  }
  if (current.children.length > 0) {
    return missing(`${path.text}: <${current.name}> has child elements, not a single value`);
  }
  return { found: true, value: current.text };
}

function missing(reason: string): Resolution {
  return { found: false, reason };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeParent(path: ResponsePath, stepIndex: number): string {
  return stepIndex === 0 ? 'the response root' : formatPathPrefix(path.steps, stepIndex - 1);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${countItems(value.length)})`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function countItems(n: number): string {
  return `${n} item${n === 1 ? '' : 's'}`;
}

function countElements(n: number, name: string): string {
  return `${n} <${name}> element${n === 1 ? '' : 's'}`;
}
