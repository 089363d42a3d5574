/**
 * The ajv set-up for a contract's `expect.schema`: the dialect its `$schema` names (draft-07 by default,
 * 2019-09, 2020-12) with ajv-formats. The loader checks a schema with it, so a schema that loads also compiles
 * when a check runs.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type ResponseSchema = Readonly<Record<string, unknown>> | boolean;

/**
 * A fresh ajv for one response schema: two webhooks may share a `$id`, which one instance would refuse.
 * Not strict: response schemas often carry annotations (`example`, `x-...`) that are not errors.
 */
export function createResponseSchemaAjv(schema: ResponseSchema): Ajv | Ajv2019 | Ajv2020 {
  const dialect = typeof schema === 'object' ? schema['$schema'] : undefined;
  // `logger: false`: the core writes nothing; a problem is reported through the result instead.
  const options = { allErrors: true, strict: false, logger: false } as const;
  const ajv =
    typeof dialect === 'string' && dialect.includes('2020-12')
      ? new Ajv2020(options)
      : typeof dialect === 'string' && dialect.includes('2019-09')
        ? new Ajv2019(options)
        : new Ajv(options);
  // ajv-formats is CommonJS: `.default` is the plugin under both Node's and esbuild's interop.
  addFormats.default(ajv);
  return ajv;
}

/** Compiles a response schema; throws ajv's error when it does not compile. */
export function compileResponseSchema(schema: ResponseSchema): ValidateFunction {
  return createResponseSchemaAjv(schema).compile(schema);
}
