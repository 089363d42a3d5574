/**
 * What every reader of a contract file's parts shares: where problems go, how a path is located, and the
 * `${NAME}` and template checks that report at the exact character.
 */
import type { SourceLocation } from './contract.js';
import type { ContractProblem } from './errors.js';
import { interpolateEnv } from './interpolate-env.js';
import type { PublicEnvNames } from './public-env.js';
import type { CountSecretCharacters } from './secret-length.js';
import { suggestName } from './suggest-name.js';
import { checkTemplate } from './template.js';
import { formatValuePath } from './value-path.js';
import type { ValuePath } from './value-path.js';
import type { YamlLocator } from './yaml-locator.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Context {
  readonly file: string;
  readonly env: Env;
  /** The variables whose values are not secrets (declared by the caller, never by the file). */
  readonly publicEnv: PublicEnvNames;
  /** The redactor's reading of a `${NAME}` value, which the short-secret rule applies to. */
  readonly countSecretCharacters: CountSecretCharacters;
  readonly locator: YamlLocator;
  readonly problems: ContractProblem[];
  readonly secrets: Set<string>;
  /** How many "did you mean" suggestions are still computed for this file (see suggestFor). */
  suggestionsLeft: number;
}

/**
 * Suggestions cost an edit distance per candidate; past the first few hundred problems of a file (only the first
 * hundred are listed) they would make a file of 50,000 typos quadratic for nothing.
 */
export const MAX_SUGGESTIONS_PER_FILE = 200;

export function createContext(
  file: string,
  env: Env,
  locator: YamlLocator,
  publicEnv: PublicEnvNames,
  countSecretCharacters: CountSecretCharacters,
): Context {
  return {
    file,
    env,
    publicEnv,
    countSecretCharacters,
    locator,
    problems: [],
    secrets: new Set(),
    suggestionsLeft: MAX_SUGGESTIONS_PER_FILE,
  };
}

export function report(
  context: Context,
  path: ValuePath,
  message: string,
  target: 'value' | 'key' = 'value',
): void {
  context.problems.push({ ...context.locator.locate(path, target), message });
}

export function reportAt(context: Context, location: SourceLocation, message: string): void {
  context.problems.push({ ...location, message });
}

/** ` (did you mean "x"?)`, or nothing; within the file's budget of suggestions. */
export function suggestFor(context: Context, input: string, candidates: Iterable<string>): string {
  if (context.suggestionsLeft <= 0) return '';
  context.suggestionsLeft -= 1;
  const suggestion = suggestName(input, [...candidates]);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function pickDefined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

/** Where character `offset` of a located string is written. */
export type LocateOffset = (offset: number) => SourceLocation;

/**
 * `${NAME}` substitution in a string, reporting each unset variable where it is written (`where` names the value
 * in messages). Every value read is recorded as a secret, unless its variable is public.
 */
export function substituteEnvAt(
  context: Context,
  text: string,
  where: string,
  locateOffset: LocateOffset,
): { text: string; readEnv: boolean; ok: boolean } {
  const result = interpolateEnv(text, context.env, context);
  for (const problem of result.problems) {
    reportAt(context, locateOffset(problem.offset), `${where}: ${problem.message}`);
  }
  for (const secret of result.secrets) context.secrets.add(secret);
  return { text: result.text, readEnv: result.readEnv, ok: result.problems.length === 0 };
}

/** `${NAME}` substitution in the string at `path` of the contract file. */
export function substituteEnv(
  context: Context,
  text: string,
  path: ValuePath,
): { text: string; readEnv: boolean; ok: boolean } {
  return substituteEnvAt(context, text, formatValuePath(path), (offset) =>
    context.locator.locateOffset(path, offset),
  );
}

/** Token syntax and escapes, on the text as written (before `${NAME}`, so no secret reaches a message). */
export function checkTemplateAt(context: Context, text: string, path: ValuePath): void {
  for (const problem of checkTemplate(text)) {
    context.problems.push({
      ...context.locator.locateOffset(path, problem.offset),
      message: `${formatValuePath(path)}: ${problem.message}`,
    });
  }
}
