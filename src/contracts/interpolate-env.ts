/** `${NAME}` substitution from the environment (SPEC section 2): how contracts read secrets. */
import { MIN_SECRET_LENGTH } from './secret-length.js';
import type { CountSecretCharacters } from './secret-length.js';
import { isSecretEnvName, NO_PUBLIC_ENV } from './public-env.js';
import type { PublicEnvNames } from './public-env.js';

export interface InterpolateOptions {
  /** The variables whose values are not secrets (none by default). */
  readonly publicEnv?: PublicEnvNames;
  /** The redactor's reading of a value: what it cannot find safely is refused here (secret-length.ts). */
  readonly countSecretCharacters: CountSecretCharacters;
}

/** A problem at `offset` (UTF-16 units) in the text given to {@link interpolateEnv}. */
export interface InterpolationProblem {
  readonly offset: number;
  readonly message: string;
}

export interface Interpolation {
  /** The text with every `${NAME}` replaced (an unset one by the empty string). */
  readonly text: string;
  /**
   * True when the text holds at least one `${NAME}` that is not public, set or not: the result carries a secret.
   */
  readonly readEnv: boolean;
  /** The substituted values of variables that are not public, deduplicated, in order of first use: to be masked everywhere. */
  readonly secrets: readonly string[];
  readonly problems: readonly InterpolationProblem[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// `${{` first so that a pasted GitHub Actions expression is explained instead of mis-parsed.
const REFERENCE = /\$\{\{|\$\{([^{}]*)\}/g;

const NONE: readonly never[] = Object.freeze([]);

/** Why an unset or empty variable matters, and how to fix it. */
const FIX =
  'set it in the workflow `env:` from a secret (a missing GitHub secret expands to an empty string, e.g. on pull requests from forks)';

/**
 * Replaces every `${NAME}` in `text` with `env[NAME]`.
 *
 * An unset or empty variable is a problem rather than an empty substitution: an empty API key or base URL
 * would otherwise fail later with a confusing 401 or a malformed URL. The values of `publicEnv` are substituted
 * the same way but are not secrets: they are not listed, and not held to the short-secret rule.
 */
export function interpolateEnv(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  { publicEnv = NO_PUBLIC_ENV, countSecretCharacters }: InterpolateOptions,
): Interpolation {
  // Most strings (every sample value, most headers) reference nothing: skip the regex and its allocations.
  if (!text.includes('${')) return { text, readEnv: false, secrets: NONE, problems: NONE };
  const problems: InterpolationProblem[] = [];
  const secrets = new Set<string>();
  let readEnv = false;
  const result = text.replace(REFERENCE, (match: string, inner: string | undefined, offset: number) => {
    if (inner === undefined) {
      problems.push({
        offset,
        message:
          '`${{ ... }}` is GitHub Actions syntax and is not evaluated in contract files: pass the value through the workflow `env:` and write `${NAME}`',
      });
      return match;
    }
    const name = inner.trim();
    if (!ENV_NAME.test(name) || name !== inner) {
      problems.push({
        offset,
        message: `\`${match}\` is not a valid variable reference: write \`\${NAME}\` with letters, digits and _ (not starting with a digit)`,
      });
      return match;
    }
    const secret = isSecretEnvName(name, publicEnv);
    if (secret) readEnv = true;
    const value = env[name];
    if (value === undefined) {
      problems.push({ offset, message: `environment variable ${name} is not set: ${FIX}` });
      return '';
    }
    if (value === '') {
      problems.push({ offset, message: `environment variable ${name} is empty: ${FIX}` });
      return '';
    }
    if (!secret) return value;
    const length = countSecretCharacters(value);
    if (length < MIN_SECRET_LENGTH) {
      // The value is not quoted, not even its length's worth: the problem is shown where the secret is not masked.
      problems.push({ offset, message: describeShortSecret(name) });
      return '';
    }
    secrets.add(value);
    return value;
  });
  return { text: result, readEnv, secrets: [...secrets], problems };
}

/** Why a short value is refused, and the two ways out. */
function describeShortSecret(name: string): string {
  return (
    `environment variable ${name} is shorter than ${MIN_SECRET_LENGTH} characters: every \`\${NAME}\` value is a ` +
    `secret, removed from all output in every form a server may echo it, and a value this short would match ordinary ` +
    `text and destroy the report. Use a secret of at least ${MIN_SECRET_LENGTH} characters (whitespace not counted, ` +
    `an escape such as %XX counting as one); ` +
    `a value that is not secret (a region, a flag) belongs in the contract file itself, or in a variable the workflow ` +
    `declares public (action input public-env, CLI --public-env)`
  );
}

/** One well-formed `${NAME}` in a text: where it is written and what it reads. */
export interface EnvReference {
  readonly name: string;
  /** UTF-16 offset of the `$`. */
  readonly offset: number;
  /** Length of `${NAME}` as written. */
  readonly length: number;
}

/**
 * Lists the `${NAME}` references {@link interpolateEnv} would substitute, in order; malformed ones (`${{`, `${1A}`)
 * stay literal text there and are left out here. For checks that must tell a variable's part of a value from
 * the text written around it, and name the variable without quoting its value.
 */
export function listEnvReferences(text: string): EnvReference[] {
  if (!text.includes('${')) return [];
  const references: EnvReference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const inner = match[1];
    if (inner === undefined || !ENV_NAME.test(inner)) continue;
    references.push({ name: inner, offset: match.index, length: match[0].length });
  }
  return references;
}
