/**
 * `expect.schema` failures: ajv's errors (with their instancePath, keyword and params) turned into located
 * messages. Errors beyond {@link MAX_SCHEMA_FAILURES} are summed up in one last failure, so one bad array cannot
 * flood a report.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Failure } from './check-result.js';
import { describeError, previewValue, truncatePreview } from './build-check-result.js';
import type { RedactText } from './redact-then-cut.js';

/** Schema failures listed one by one before the rest are counted in one failure. */
export const MAX_SCHEMA_FAILURES = 20;

/** Validates `value`; the failures, none when it holds. A validator that throws is one failure, not a crash. */
export function checkSchema(validate: ValidateFunction, value: unknown, redact: RedactText): Failure[] {
  let valid: boolean;
  try {
    valid = validate(value);
  } catch (error) {
    return [
      {
        kind: 'schema',
        message: `the body could not be checked against expect.schema: ${describeError(error)}`,
      },
    ];
  }
  if (valid) return [];
  const errors = validate.errors ?? [];
  const failures = errors.slice(0, MAX_SCHEMA_FAILURES).map((error) => toSchemaFailure(error, value, redact));
  if (errors.length > MAX_SCHEMA_FAILURES) {
    failures.push({
      kind: 'schema',
      message: `and ${errors.length - MAX_SCHEMA_FAILURES} more schema errors`,
    });
  }
  return failures;
}

function toSchemaFailure(error: ErrorObject, root: unknown, redact: RedactText): Failure {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const detail = describeSchemaParams(error, redact);
  const found = readPointer(root, error.instancePath);
  const failure: Failure = {
    kind: 'schema',
    message: `${where}: ${error.message ?? error.keyword}${detail}`,
    expected: `${error.keyword} ${JSON.stringify(error.params)}`,
  };
  return found.ok ? { ...failure, actual: previewValue(found.value, redact) } : failure;
}

/** Adds what ajv's message leaves out for the keywords whose message does not name the culprit. */
function describeSchemaParams(error: ErrorObject, redact: RedactText): string {
  const params = error.params as Readonly<Record<string, unknown>>;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = params['additionalProperty'] ?? params['unevaluatedProperty'];
    return typeof name === 'string' ? ` ("${name}")` : '';
  }
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return `: ${truncatePreview(JSON.stringify(params['allowedValues']), redact)}`;
  }
  return '';
}

/** Reads an RFC 6901 pointer (ajv's instancePath) from a parsed body. */
function readPointer(root: unknown, pointer: string): { ok: true; value: unknown } | { ok: false } {
  if (pointer === '') return { ok: true, value: root };
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token))
      return { ok: false };
    current = (current as Record<string, unknown>)[token];
  }
  return { ok: true, value: current };
}
