/**
 * Records every value read from the environment while the contracts load. Each one is a secret (SPEC section 2),
 * whichever part of the loader read it: the record does not rely on each contract field remembering to report the
 * values it substituted, so a field added later cannot carry a secret past the host policy unnoticed.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface RecordedEnv {
  /** Reads through to the real environment, noting each non-empty string it hands out. */
  readonly env: Env;
  /** The values read so far, deduplicated. */
  readonly values: () => string[];
}

export function recordEnvReads(source: Env): RecordedEnv {
  const read = new Set<string>();
  // Only `get`: Object.entries, spreads and JSON.stringify read each value through it as well.
  const env = new Proxy(source, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name === 'string' && typeof value === 'string' && value !== '') read.add(value);
      return value;
    },
  });
  return { env, values: () => [...read] };
}
