/**
 * A non-empty 2xx body: parsed by the declared response type, then each mapping resolved and fitted to its field,
 * then `expect.schema` (JSON only). Returns what Marketo would write. Each stage is guarded: whatever a body does
 * to a parser, a resolver or a validator is a failure of this check, never an exception that ends the run.
 */
import type { ValidateFunction } from 'ajv';
import type { Failure, MappedValue } from './check-result.js';
import type { Mapping, Webhook } from '../contracts/contract.js';
import { checkFieldFit } from './field-fit.js';
import { parseResponseBody } from './parse-response-body.js';
import type { ParsedBody, ParseResult } from './parse-response-body.js';
import { resolveJsonPath, resolveXmlPath } from './response-path.js';
import type { Resolution, ResponsePath } from './response-path.js';
import { describeError, previewValue, truncatePreview } from './build-check-result.js';
import type { RedactText } from './redact-then-cut.js';
import { checkSchema } from './schema-failures.js';

export interface CompiledMapping {
  readonly mapping: Mapping;
  readonly path: ResponsePath;
}

export interface BodyContext {
  readonly webhook: Webhook;
  readonly mappings: readonly CompiledMapping[];
  readonly validate: ValidateFunction | undefined;
  /** Grows as the check is judged. */
  readonly warnings: string[];
  /** The run's redactor: previews are cut, so they are redacted first. */
  readonly redact: RedactText;
}

/** Parses a non-empty 2xx body, then checks the mappings and the schema; returns what Marketo would write. */
export function checkBody(
  context: BodyContext,
  body: Uint8Array,
  failures: Failure[],
): Record<string, MappedValue> {
  const { webhook, mappings, validate, warnings, redact } = context;
  const mapped: Record<string, MappedValue> = {};
  if (webhook.responseType === 'none') {
    for (const { mapping } of mappings) {
      failures.push({
        kind: 'mapping-missing',
        message: `${mapping.attribute} → ${mapping.field}: the response type is none, so Marketo parses nothing`,
        expected: mapping.fieldType,
      });
    }
    return mapped;
  }
  const parsed = tryParse(body, webhook, mappings.length > 0);
  if (!parsed.ok) {
    failures.push({
      kind: 'unparseable',
      message: `the 2xx body is ${parsed.error}; Marketo writes no field`,
      expected: webhook.responseType,
    });
    return mapped;
  }
  for (const warning of parsed.warnings) warnings.push(warning);
  for (const compiled of mappings) {
    const value = checkMapping(compiled, parsed.value, failures, warnings, redact);
    if (value.written) mapped[compiled.mapping.field] = value.value;
  }
  if (validate !== undefined && parsed.value.type === 'json') {
    for (const failure of checkSchema(validate, parsed.value.value, redact)) failures.push(failure);
  }
  return mapped;
}

function tryParse(body: Uint8Array, webhook: Webhook, keepNumberText: boolean): ParseResult {
  try {
    return parseResponseBody(body, webhook.responseType, { keepNumberText });
  } catch (error) {
    return { ok: false, error: `not parseable as ${webhook.responseType}: ${describeError(error)}` };
  }
}

function checkMapping(
  { mapping, path }: CompiledMapping,
  body: ParsedBody,
  failures: Failure[],
  warnings: string[],
  redact: RedactText,
): { written: true; value: MappedValue } | { written: false } {
  let resolution: Resolution;
  try {
    resolution = resolvePath(body, path);
  } catch (error) {
    resolution = { found: false, reason: `could not be resolved: ${describeError(error)}` };
  }
  if (!resolution.found) {
    failures.push({
      kind: 'mapping-missing',
      message: `${describeMapping(mapping)}: ${resolution.reason}`,
      expected: mapping.fieldType,
    });
    return { written: false };
  }
  if (resolution.warning !== undefined) addOnce(warnings, resolution.warning);
  const source = body.type === 'xml' ? 'xml' : 'json';
  const fit = checkFieldFit(resolution.value, mapping.fieldType, source, resolution.numberText);
  if (!fit.ok) {
    const actual =
      resolution.numberText === undefined
        ? previewValue(resolution.value, redact)
        : truncatePreview(resolution.numberText, redact);
    failures.push({
      kind: 'mapping-type',
      message: `${describeMapping(mapping)}: ${actual} does not fit ${mapping.fieldType} (${fit.reason})`,
      expected: mapping.fieldType,
      actual,
    });
    return { written: false };
  }
  if (fit.warning !== undefined) warnings.push(`${describeMapping(mapping)}: ${fit.warning}`);
  return { written: true, value: fit.value };
}

/** `data.score → leadScore`: built only when a failure or warning needs it, as most mappings resolve and fit. */
function describeMapping(mapping: Mapping): string {
  return `${mapping.attribute} → ${mapping.field}`;
}

function resolvePath(body: ParsedBody, path: ResponsePath): Resolution {
  if (body.type === 'xml') return resolveXmlPath(body.value, path);
  if (body.type === 'json') return resolveJsonPath(body.value, path, body.sources);
  return { found: false, reason: 'the response type is none, so Marketo parses nothing' };
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
