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
  compiled ??= new Ajv({ strict: true, allErrors: false, verbose: true }).compile(reportSchema);
  if (compiled(value)) return undefined;
  const errors = compiled.errors ?? [];
  // ajv stops at the first failure; an anyOf's own error comes after its branches' errors.
  const anyOf = errors.find((error) => error.keyword === 'anyOf');
  const types = anyOf === undefined ? undefined : listBranchTypes(anyOf.schema);
  return anyOf !== undefined && types !== undefined
    ? { ...anyOf, keyword: 'type', params: { type: types }, message: `must be ${types}` }
    : errors[0];
}

/**
 * The types of an anyOf whose branches are each only a `type`: strict mode's form of a union type, reported as
 * one (`must be string,number`, as ajv words a union) rather than as its first branch.
 */
function listBranchTypes(branches: unknown): string | undefined {
  if (!Array.isArray(branches)) return undefined;
  const types = branches.map((branch: unknown) =>
    typeof branch === 'object' && branch !== null && Object.keys(branch).join() === 'type'
      ? (branch as Record<string, unknown>)['type']
      : undefined,
  );
  return types.every((type) => typeof type === 'string') ? types.join(',') : undefined;
}
