/**
 * JSON numbers as written. JSON.parse turns `12345678901234567890123` into 1.2345678901234568e+22; Marketo stores
 * Integer, Score and Percent fields as signed 64-bit integers, so a mapped number must be judged (and shown) from
 * its text. Node 24's reviver gets each value's source text: the parsed value stays a plain number (the schema
 * validator needs numbers), and the text of every number that `String(number)` would not give back is kept beside
 * it, by the object or array holding it.
 */

/** Source text of the numbers whose parsed value does not print as written, by holder and key. */
export type NumberSources = WeakMap<object, ReadonlyMap<string, string>>;

interface ReviverContext {
  readonly source?: string;
}

/**
 * Text that may hold a number `String(number)` would not give back: a fraction or an exponent (`1.0`, `1e2`), `-0`,
 * or 16 digits and more (past 2^53). Its absence proves every number is an integer of at most 15 digits, which
 * prints as written. It also matches inside strings (`"v1.2"`): a false alarm only costs the slow path.
 */
const MAY_CHANGE_NUMBERS = /\d[.eE]|-0|\d{16}/;

const NO_SOURCES: NumberSources = new WeakMap();

/** Parses JSON like JSON.parse and keeps the text of every number that parsing changed. @throws SyntaxError */
export function parseJsonKeepingNumbers(text: string): { value: unknown; sources: NumberSources } {
  // The reviver makes V8 build each value's source text: several times slower, so only when a number may need it.
  if (!MAY_CHANGE_NUMBERS.test(text)) return { value: JSON.parse(text) as unknown, sources: NO_SOURCES };
  const sources = new WeakMap<object, Map<string, string>>();
  const value: unknown = JSON.parse(
    text,
    function keepNumberText(this: object, key: string, parsed: unknown, context?: ReviverContext) {
      const source = context?.source;
      if (typeof parsed === 'number' && source !== undefined && source !== String(parsed)) {
        let own = sources.get(this);
        if (own === undefined) {
          own = new Map();
          sources.set(this, own);
        }
        own.set(key, source);
      }
      return parsed;
    },
  );
  return { value, sources };
}

/** The text `holder[key]` was written as, when parsing changed it; otherwise undefined. */
export function findNumberSource(
  sources: NumberSources | undefined,
  holder: object,
  key: string | number,
): string | undefined {
  return sources?.get(holder)?.get(String(key));
}
