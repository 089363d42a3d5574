/**
 * Records every value read from the environment while the contracts load. Each one is a secret (SPEC section 2),
 * whichever part of the loader read it: the record does not rely on each contract field remembering to report the
 * values it substituted, so a field added later cannot carry a secret past the host policy unnoticed. Only the
 * variables the caller declared public are left out; a value that is also another variable's is recorded there.
 */
import { isSecretEnvName, NO_PUBLIC_ENV } from '../contracts/public-env.js';
import type { PublicEnvNames } from '../contracts/public-env.js';
import type { NamedSecret } from '../requests/describe-host.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface RecordedEnv {
  /** Reads through to the real environment, noting each non-empty string it hands out. */
  readonly env: Env;
  /** The values of the variables that are not public read so far, deduplicated: the secrets. */
  readonly values: () => string[];
  /** The same values, each with the variables it was read from: messages name a variable, never its value. */
  readonly named: () => NamedSecret[];
}

export function recordEnvReads(source: Env, publicEnv: PublicEnvNames = NO_PUBLIC_ENV): RecordedEnv {
  const read = new Map<string, Set<string>>();
  // Only `get`: Object.entries, spreads and JSON.stringify read each value through it as well.
  const env = new Proxy(source, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (
        typeof name === 'string' &&
        typeof value === 'string' &&
        value !== '' &&
        isSecretEnvName(name, publicEnv)
      ) {
        const names = read.get(value);
        if (names === undefined) read.set(value, new Set([name]));
        else names.add(name);
      }
      return value;
    },
  });
  return {
    env,
    values: () => [...read.keys()],
    named: () => [...read].map(([value, names]) => ({ value, names: [...names] })),
  };
}
