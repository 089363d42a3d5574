/**
 * Schema patterns run in linear time. The contract author writes `pattern` and `patternProperties`, the service
 * writes the text: with JavaScript's backtracking engine `^(a|aa)+$` against 40 × `a` + `!` took 13 s, past any
 * timeout (judging is synchronous, so no timer can stop it). re2js, a pure-JavaScript port of RE2, matches in time
 * linear in the text; ajv takes it through its `code.regExp` option. Chosen over a deadline on judging (which
 * would need a worker per check) and over the `re2` and `re2-wasm` packages (a native build; a WebAssembly module
 * and its async start-up): see the README's limits.
 *
 * What RE2 cannot run in linear time (backreferences, lookahead, lookbehind) it refuses when the schema compiles,
 * which is a located contract error. ECMAScript syntax (`\uXXXX`, `\cX`, `(?<name>)`) is translated first.
 */
import { RE2JS } from 're2js';

/** A pattern RE2 refuses, and where it is in the schema. */
export class UnsupportedPatternError extends Error {
  readonly code = 'UNSUPPORTED_PATTERN';

  /**
   * @param path the keys from the schema's root to the `pattern` (or `patternProperties` key).
   */
  constructor(
    readonly pattern: string,
    readonly path: readonly (string | number)[],
    reason: string,
  ) {
    super(
      `pattern ${JSON.stringify(pattern)} cannot run in linear time (${reason}); backreferences and lookaround ` +
        'are not supported in schema patterns',
    );
    this.name = 'UnsupportedPatternError';
  }
}

/** Compiles an ECMAScript pattern for RE2; the reason it cannot when it cannot. */
function tryCompileLinear(pattern: string): { ok: true; regExp: RE2JS } | { ok: false; reason: string } {
  try {
    return { ok: true, regExp: RE2JS.compile(RE2JS.translateRegExp(pattern)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.replace(/^error parsing regexp: /, '') };
  }
}

/**
 * ajv's `code.regExp`: a pattern compiled by RE2 (ajv's `u` flag needs nothing: RE2 always reads Unicode).
 * `code` names it in ajv's standalone output, which we never generate.
 */
export const linearRegExp = Object.assign(
  (pattern: string): { test(text: string): boolean } => {
    const compiled = tryCompileLinear(pattern);
    if (!compiled.ok) throw new UnsupportedPatternError(pattern, [], compiled.reason);
    const { regExp } = compiled;
    return { test: (text: string) => regExp.test(text) };
  },
  { code: 'linearRegExp' },
);

/** Keywords whose values are data, not schemas: a `pattern` inside them is not one. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/**
 * The first `pattern` or `patternProperties` key in `schema` that RE2 refuses, with its path; undefined when all
 * compile. Walked with a stack of its own, so a deeply nested schema cannot overflow the call stack.
 */
export function findUnsupportedPattern(schema: unknown): UnsupportedPatternError | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: schema, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (DATA_KEYWORDS.has(key)) continue;
      if (key === 'pattern' && typeof child === 'string') {
        const compiled = tryCompileLinear(child);
        if (!compiled.ok) return new UnsupportedPatternError(child, [...path, key], compiled.reason);
      }
      if (key === 'patternProperties' && typeof child === 'object' && child !== null) {
        for (const property of Object.keys(child)) {
          const compiled = tryCompileLinear(property);
          if (!compiled.ok)
            return new UnsupportedPatternError(property, [...path, key, property], compiled.reason);
        }
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}
