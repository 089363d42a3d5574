/**
 * The JSON Schema of the JSON report, as shipped in `schema/report.schema.json` for consumers of the report.
 * `readReport` validates against this same object, so what we write and what `merge` accepts cannot drift.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../schema/report.schema.json' with { type: 'json' };

/** The JSON report's JSON Schema (draft-07). */
export const reportSchema: Readonly<Record<string, unknown>> = schema;

let compiled: ValidateFunction | undefined;

/** The first schema violation of `value`, or undefined when it is a valid report. Compiles on first use. */
export function findReportSchemaError(value: unknown): ErrorObject | undefined {
  // Compiled lazily: no work at import time, and the CLI pays for ajv only when it reads a report.
  compiled ??= new Ajv({ strict: true, allowUnionTypes: true, allErrors: false }).compile(reportSchema);
  if (compiled(value)) return undefined;
  return compiled.errors?.[0];
}
