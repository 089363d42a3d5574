/** Settings shared by `defaults:` and each webhook: method, encodings, timeout, headers, expectations. */
import { compileResponseSchema, findResponseSchemaErrors } from '../judging/compile-response-schema.js';
import type { ResponseSchema } from '../judging/compile-response-schema.js';
import { UnsupportedPatternError } from '../judging/linear-regexp.js';
import { checkHeaderValue } from './check-header-value.js';
import {
  CAMPAIGN_TYPES,
  HTTP_METHODS,
  MARKETO_TIMEOUT_MS,
  RESPONSE_TYPES,
  TOKEN_ENCODINGS,
} from './contract.js';
import type { CampaignType, HttpMethod, ResponseType, StatusPattern, TokenEncoding } from './contract.js';
import { describeSchemaErrors } from './describe-schema-errors.js';
import { parseDuration } from './duration.js';
import { isOneOf, isRecord, report, substituteEnv } from './load-context.js';
import type { Context, Json } from './load-context.js';
import { formatValuePath } from './value-path.js';
import type { ValuePath } from './value-path.js';

export interface Header {
  readonly name: string;
  readonly value: string;
  readonly readEnv: boolean;
}

export interface PartialExpectation {
  readonly status?: readonly StatusPattern[];
  readonly schema?: ResponseSchema;
  readonly maxLatencyMs?: number;
}

export interface Settings {
  readonly method?: HttpMethod;
  readonly encoding?: TokenEncoding;
  readonly responseType?: ResponseType;
  readonly campaign?: CampaignType;
  readonly timeoutMs?: number;
  /** By lower-cased name: header names are case-insensitive, so `content-type` overrides `Content-Type`. */
  readonly headers?: ReadonlyMap<string, Header>;
  readonly expect?: PartialExpectation;
}

export function readSettings(context: Context, raw: Json, path: ValuePath): Settings {
  const timeoutMs = readDuration(context, raw['timeout'], [...path, 'timeout'], MARKETO_TIMEOUT_MS);
  const headers = isRecord(raw['headers'])
    ? readHeaders(context, raw['headers'], [...path, 'headers'])
    : undefined;
  const expect = isRecord(raw['expect'])
    ? readExpect(context, raw['expect'], [...path, 'expect'])
    : undefined;
  return {
    ...(isOneOf(HTTP_METHODS, raw['method']) && { method: raw['method'] }),
    ...(isOneOf(TOKEN_ENCODINGS, raw['encoding']) && { encoding: raw['encoding'] }),
    ...(isOneOf(RESPONSE_TYPES, raw['responseType']) && { responseType: raw['responseType'] }),
    ...(isOneOf(CAMPAIGN_TYPES, raw['campaign']) && { campaign: raw['campaign'] }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(headers !== undefined && { headers }),
    ...(expect !== undefined && { expect }),
  };
}

/** A positive duration in ms; `max` (Marketo's 30 s) applies to timeouts. */
function readDuration(context: Context, raw: unknown, path: ValuePath, max?: number): number | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const where = formatValuePath(path);
  const ms = parseDuration(raw);
  if (ms === undefined) {
    report(
      context,
      path,
      `${where} "${raw}" is not a duration: write e.g. 10s, 1.5s or 500ms (a number is milliseconds)`,
    );
    return undefined;
  }
  if (ms <= 0) {
    report(context, path, `${where} must be more than 0`);
    return undefined;
  }
  if (max !== undefined && ms > max) {
    report(
      context,
      path,
      `${where} ${typeof raw === 'number' ? `${raw}ms` : raw} is over ${max / 1000}s: Marketo gives up after ${max / 1000}s`,
    );
    return undefined;
  }
  return ms;
}

/** RFC 9110 token characters: anything else is refused by every HTTP client, at run time. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function readHeaders(context: Context, raw: Json, path: ValuePath): ReadonlyMap<string, Header> {
  const headers = new Map<string, Header>();
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const headerPath = [...path, name];
    if (!HEADER_NAME.test(name)) {
      report(
        context,
        headerPath,
        `"${name}" in ${formatValuePath(path)} is not a valid HTTP header name`,
        'key',
      );
      continue;
    }
    const key = name.toLowerCase();
    const earlier = headers.get(key);
    if (earlier !== undefined) {
      report(
        context,
        headerPath,
        `header "${name}" appears twice in ${formatValuePath(path)} (also as "${earlier.name}"): header names ignore letter case`,
        'key',
      );
      continue;
    }
    const written = String(value);
    const substituted = substituteEnv(context, written, headerPath);
    // undici would refuse the value only at run time; a variable's part is checked without quoting it.
    for (const problem of checkHeaderValue(written, context.env)) {
      context.problems.push({
        ...context.locator.locateOffset(headerPath, problem.offset),
        message: `${formatValuePath(headerPath)}: ${problem.message}`,
      });
    }
    headers.set(key, { name, value: substituted.text, readEnv: substituted.readEnv });
  }
  return headers;
}

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

function toStatusPattern(value: unknown): StatusPattern | undefined {
  if (isOneOf(STATUS_CLASSES, value)) return value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599
    ? value
    : undefined;
}

function readExpect(context: Context, raw: Json, path: ValuePath): PartialExpectation {
  const listed = Array.isArray(raw['status']) ? (raw['status'] as unknown[]) : [raw['status']];
  const patterns = listed.map(toStatusPattern);
  const status =
    patterns.every((pattern) => pattern !== undefined) && patterns.length > 0 ? patterns : undefined;
  const schema = raw['schema'];
  const validSchema = isRecord(schema) || typeof schema === 'boolean' ? schema : undefined;
  if (validSchema !== undefined) checkResponseSchema(context, validSchema, [...path, 'schema']);
  const maxLatencyMs = readDuration(context, raw['maxLatency'], [...path, 'maxLatency']);
  return {
    ...(status !== undefined && { status }),
    ...(validSchema !== undefined && { schema: validSchema }),
    ...(maxLatencyMs !== undefined && { maxLatencyMs }),
  };
}

/** The schema must be valid for its dialect's meta-schema and compile (refs resolve, formats known). */
function checkResponseSchema(context: Context, schema: ResponseSchema, path: ValuePath): void {
  try {
    const errors = findResponseSchemaErrors(schema);
    if (errors.length > 0) {
      for (const issue of describeSchemaErrors(errors, schema, { basePath: path })) {
        report(context, issue.path, `${issue.message} (in a JSON Schema)`, issue.target);
      }
      return;
    }
    // Compiled here once; the judge gets the same compiled validator for the same schema object.
    compileResponseSchema(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // A pattern RE2 refuses is located at the pattern itself (a `patternProperties` key: at the key).
    if (error instanceof UnsupportedPatternError) {
      const at = [...path, ...error.path];
      const target = error.path.at(-2) === 'patternProperties' ? 'key' : 'value';
      report(context, at, `${formatValuePath(at)}: ${reason}`, target);
      return;
    }
    report(context, path, `${formatValuePath(path)} is not a usable JSON Schema: ${reason}`);
  }
}
