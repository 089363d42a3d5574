/**
 * Environment variables the workflow declares not secret (SPEC section 2: action input `public-env`, CLI
 * `--public-env`). Only the caller can name them, never a contract file: a pull request controls that file, and
 * could otherwise declare a secret public and have it shown, or sent to a host that is not allowed.
 */
import { InputError } from './errors.js';

/** The names of the variables whose values are not secrets. Every other `${NAME}` value is one. */
export type PublicEnvNames = ReadonlySet<string>;

export const NO_PUBLIC_ENV: PublicEnvNames = new Set();

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Longest part of a bad entry quoted in the error: enough to find it, not a page of pasted text. */
const QUOTED_LENGTH = 60;

/**
 * Reads the names from `entries` (lines of a multiline input or repeated options), each a comma-separated list.
 *
 * @param source names the input or option in the error (`Input 'public-env'`, `--public-env`).
 * @throws InputError for an entry that is not a variable name.
 */
export function parsePublicEnvNames(entries: readonly string[], source: string): PublicEnvNames {
  const names = new Set<string>();
  for (const entry of entries) {
    for (const part of entry.split(/[,\n]/)) {
      const name = part.trim();
      if (name === '') continue;
      if (!ENV_NAME.test(name)) {
        const quoted = JSON.stringify(
          name.length > QUOTED_LENGTH ? `${name.slice(0, QUOTED_LENGTH)}…` : name,
        );
        throw new InputError(
          `${source}: ${quoted} is not an environment variable name (letters, digits and _, not starting with a digit; ` +
            'write the name, such as STAGING_URL, not `${STAGING_URL}` or its value)',
        );
      }
      names.add(name);
    }
  }
  return names;
}

/** Whether the value of variable `name` is a secret: unless the caller declared it public. */
export function isSecretEnvName(name: string, publicEnv: PublicEnvNames): boolean {
  return !publicEnv.has(name);
}
