/**
 * The ajv set-up for a contract's `expect.schema`: the dialect its `$schema` names (draft-07 by default,
 * 2019-09, 2020-12) with ajv-formats. The loader checks a schema with it, so a schema that loads also compiles
 * when a check runs.
 *
 * Checking a schema against its meta-schema costs ajv a compile of the meta-schema (about 12 ms) in every new
 * instance, so one instance per dialect checks every schema, and each schema is then compiled once (memoised by
 * the schema object the loader and the judge share) without checking it again.
 *
 * `uniqueItems` runs in linear time (linear-unique-items.ts). Patterns (`pattern`, `patternProperties`) run on RE2 (linear-regexp): a pattern it refuses is an
 * UnsupportedPatternError naming the pattern's place in the schema. ajv-formats' formats keep their own regular
 * expressions: each was measured free of catastrophic backtracking (README, Limits).
 */
import { Ajv } from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { findUnsupportedPattern, linearRegExp } from './linear-regexp.js';
import { linearUniqueItems } from './linear-unique-items.js';

export type ResponseSchema = Readonly<Record<string, unknown>> | boolean;

type Dialect = 'draft-07' | '2019-09' | '2020-12';
type AnyAjv = Ajv | Ajv2019 | Ajv2020;

/** Not strict: response schemas often carry annotations (`example`, `x-...`) that are not errors. `logger: false`:
 * the core writes nothing; a problem is reported through the result instead. */
const OPTIONS = {
  allErrors: true,
  strict: false,
  logger: false,
  code: { regExp: linearRegExp },
} as const satisfies Options;

const checkers = new Map<Dialect, AnyAjv>();
const compiled = new WeakMap<object, ValidateFunction>();

function dialectOf(schema: ResponseSchema): Dialect {
  const named = typeof schema === 'object' ? schema['$schema'] : undefined;
  if (typeof named === 'string' && named.includes('2020-12')) return '2020-12';
  if (typeof named === 'string' && named.includes('2019-09')) return '2019-09';
  return 'draft-07';
}

function createAjv(dialect: Dialect, options: Options): AnyAjv {
  const ajv =
    dialect === '2020-12'
      ? new Ajv2020(options)
      : dialect === '2019-09'
        ? new Ajv2019(options)
        : new Ajv(options);
  // ajv-formats is CommonJS: `.default` is the plugin under both Node's and esbuild's interop.
  addFormats.default(ajv);
  // ajv's own uniqueItems is quadratic in the items: the body's size would set the judging time.
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(linearUniqueItems);
  return ajv;
}

/** Checks `schema` against its dialect's meta-schema: ajv's errors, or an empty list when it is valid. */
export function findResponseSchemaErrors(schema: ResponseSchema): readonly ErrorObject[] {
  const dialect = dialectOf(schema);
  let checker = checkers.get(dialect);
  if (checker === undefined) {
    checker = createAjv(dialect, OPTIONS);
    checkers.set(dialect, checker);
  }
  return checker.validateSchema(schema) ? [] : [...(checker.errors ?? [])];
}

/**
 * Compiles a response schema once per schema object. Each gets an ajv instance of its own: two webhooks may
 * share a `$id`, which one instance would refuse.
 *
 * @throws Error when the schema is not valid for its meta-schema or does not compile (a `$ref` that does not
 * resolve, an unknown format); UnsupportedPatternError for a pattern RE2 refuses.
 */
export function compileResponseSchema(schema: ResponseSchema): ValidateFunction {
  const cached = typeof schema === 'object' ? compiled.get(schema) : undefined;
  if (cached !== undefined) return cached;
  const errors = findResponseSchemaErrors(schema);
  if (errors.length > 0) {
    const first = errors[0];
    throw new Error(
      `schema is invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.replace(/\s+/g, ' '),
    );
  }
  const unsupported = findUnsupportedPattern(schema);
  if (unsupported !== undefined) throw unsupported;
  const validate = createAjv(dialectOf(schema), { ...OPTIONS, validateSchema: false }).compile(schema);
  if (typeof schema === 'object') compiled.set(schema, validate);
  return validate;
}
