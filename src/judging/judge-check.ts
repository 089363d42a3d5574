/**
 * Judges one check (SPEC sections 1 and 3): what Marketo would report and write for one webhook and one sample,
 * given what the HTTP adapter observed, and which expectations fail.
 *
 * Decisions:
 * - A batch campaign is judged code 1000 whatever the outcome: Marketo calls nothing.
 * - Code 1001 (`empty-body`) applies to a 2xx or an expected status whose body is empty or whitespace only,
 *   as Marketo reports it for any empty answer; no field is written.
 * - Only a 2xx is parsed and mapped, whether or not it is the expected status: that is what Marketo does.
 * - `too-large` keeps its status (and a `status` failure when the status is unexpected); code stays null since
 *   we never saw the whole body.
 * - A response type of `none` with mappings fails each mapping on a 2xx: Marketo parses nothing.
 * - `expect.schema` applies to JSON bodies only (a warning otherwise); ajv errors beyond
 *   {@link MAX_SCHEMA_FAILURES} are summed up in one last failure so one bad array cannot flood a report.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { CallOutcome } from './call-outcome.js';
import { compileResponseSchema } from './compile-response-schema.js';
import type { CheckResult, Failure, MappedValue } from './check-result.js';
import type { Mapping, Webhook } from '../contracts/contract.js';
import { ContractFileError } from '../contracts/errors.js';
import type { ContractProblem } from '../contracts/errors.js';
import { checkFieldFit } from './field-fit.js';
import { parseResponseBody } from './parse-response-body.js';
import type { ParsedBody } from './parse-response-body.js';
import { parseResponsePath, resolveJsonPath, resolveXmlPath } from './response-path.js';
import type { Resolution, ResponsePath } from './response-path.js';
import { makeResponseSnippet } from './response-snippet.js';
import { describeStatusPatterns, isSuccessStatus, matchesStatus } from './status-expectation.js';

/** Marketo's code for a webhook in a batch campaign: nothing is called. */
export const CODE_BATCH_CAMPAIGN = 1000;
/** Marketo's code for an empty response body. */
export const CODE_EMPTY_BODY = 1001;
/** Schema failures listed one by one before the rest are counted in one failure. */
export const MAX_SCHEMA_FAILURES = 20;

const PREVIEW_CHARS = 80;

const NONE: readonly never[] = Object.freeze([]);

/** Judges the checks of one webhook; build it once per webhook with {@link createJudge}. */
export interface Judge {
  /**
   * @param sample the sample's name.
   * @param outcome what the adapter observed; null when nothing was called because the campaign is batch.
   * @param renderWarnings warnings from rendering the request (empty tokens and the like).
   */
  judge(sample: string, outcome: CallOutcome | null, renderWarnings: readonly string[]): CheckResult;
}

interface CompiledMapping {
  readonly mapping: Mapping;
  readonly path: ResponsePath;
}

type Shared = Pick<CheckResult, 'webhook' | 'sample' | 'file' | 'line'>;

/**
 * Compiles `webhook`'s schema and mapping paths once, for every sample it is fired for.
 *
 * @param file the contract file's path as reports show it.
 * @throws ContractFileError when a mapping path is malformed or `expect.schema` does not compile.
 */
export function createJudge(webhook: Webhook, file: string): Judge {
  const problems: ContractProblem[] = [];
  const contractWarnings: string[] = [];
  const mappings: CompiledMapping[] = [];
  for (const mapping of webhook.mappings) {
    const parsed = parseResponsePath(mapping.attribute);
    if (!parsed.ok) {
      problems.push({ ...mapping.location, message: `response attribute: ${parsed.error}` });
      continue;
    }
    if (parsed.path.unusualKeys) {
      contractWarnings.push(
        `response attribute "${mapping.attribute}" uses characters beyond letters, digits, "_", "-", ":" and spaces (undocumented in Marketo)`,
      );
    }
    mappings.push({ mapping, path: parsed.path });
  }
  let validate: ValidateFunction | undefined;
  if (webhook.expect.schema !== undefined) {
    if (webhook.responseType === 'json') {
      try {
        validate = compileResponseSchema(webhook.expect.schema);
      } catch (error) {
        problems.push({
          ...webhook.location,
          message: `expect.schema is not a valid JSON Schema: ${describeError(error)}`,
        });
      }
    } else {
      contractWarnings.push(
        `expect.schema is ignored: the response type is ${webhook.responseType}, not json`,
      );
    }
  }
  if (problems.length > 0) throw new ContractFileError(problems);

  return {
    judge(sample, outcome, renderWarnings) {
      const shared: Shared = { webhook: webhook.name, sample, file, line: webhook.location.line };
      const warnings = [...renderWarnings, ...contractWarnings];
      if (webhook.campaign === 'batch') return judgeBatch(shared, warnings);
      if (outcome === null) {
        throw new Error(`judge: webhook "${webhook.name}" is in a trigger campaign but no outcome was given`);
      }
      return judgeOutcome({ webhook, mappings, validate, shared, warnings }, outcome);
    },
  };
}

interface JudgeContext {
  readonly webhook: Webhook;
  readonly mappings: readonly CompiledMapping[];
  readonly validate: ValidateFunction | undefined;
  readonly shared: Shared;
  /** Grows as the check is judged. */
  readonly warnings: string[];
}

function judgeBatch(shared: Shared, warnings: readonly string[]): CheckResult {
  return finish(shared, {
    code: CODE_BATCH_CAMPAIGN,
    status: null,
    errorType: null,
    latencyMs: null,
    attempts: 0,
    failures: [
      {
        kind: 'batch-campaign',
        message: 'webhooks fire only from trigger campaigns; Marketo reports 1000 and calls nothing',
        expected: 'trigger',
        actual: 'batch',
      },
    ],
    warnings,
    mapped: {},
  });
}

function judgeOutcome(context: JudgeContext, outcome: CallOutcome): CheckResult {
  const { shared, warnings, webhook } = context;
  switch (outcome.kind) {
    case 'blocked':
      return finish(shared, {
        code: null,
        status: null,
        errorType: null,
        latencyMs: null,
        attempts: 0,
        failures: [{ kind: 'blocked', message: outcome.message }],
        warnings,
        mapped: {},
      });
    case 'timeout':
      return finish(shared, {
        code: null,
        status: null,
        errorType: null,
        latencyMs: outcome.latencyMs,
        attempts: outcome.attempts,
        failures: [
          {
            kind: 'timeout',
            message: `no complete response within ${outcome.timeoutMs} ms`,
            expected: `a response within ${outcome.timeoutMs} ms`,
            actual: 'no complete response',
          },
        ],
        warnings,
        mapped: {},
      });
    case 'network':
      return finish(shared, {
        code: null,
        status: null,
        errorType: outcome.code,
        latencyMs: outcome.latencyMs,
        attempts: outcome.attempts,
        failures: [{ kind: 'network', message: `${outcome.code}: ${outcome.message}`, actual: outcome.code }],
        warnings,
        mapped: {},
      });
    case 'too-large': {
      const failures: Failure[] = [];
      const statusFailure = checkStatus(webhook, outcome.status, outcome.statusText, undefined);
      if (statusFailure !== undefined) failures.push(statusFailure);
      failures.push({
        kind: 'too-large',
        message: `the response body is over the ${outcome.limitBytes}-byte cap; nothing was parsed`,
        expected: `at most ${outcome.limitBytes} bytes`,
        actual: `more than ${outcome.limitBytes} bytes`,
      });
      return finish(shared, {
        code: null,
        status: outcome.status,
        errorType: reasonPhrase(outcome.statusText),
        latencyMs: outcome.latencyMs,
        attempts: outcome.attempts,
        failures,
        warnings,
        mapped: {},
      });
    }
    case 'response':
      return judgeResponse(context, outcome);
  }
}

function judgeResponse(
  context: JudgeContext,
  outcome: Extract<CallOutcome, { kind: 'response' }>,
): CheckResult {
  const { shared, warnings, webhook } = context;
  const { status, statusText, body } = outcome;
  const failures: Failure[] = [];
  let mapped: Record<string, MappedValue> = {};

  const statusFailure = checkStatus(webhook, status, statusText, outcome.headers['location']);
  if (statusFailure !== undefined) failures.push(statusFailure);

  const empty = isBlank(body);
  const emptyCounts = empty && (isSuccessStatus(status) || statusFailure === undefined);
  if (emptyCounts) {
    failures.push({
      kind: 'empty-body',
      message: 'the response body is empty: Marketo reports 1001 and writes no field',
      expected: 'a response body',
      actual: body.length === 0 ? '0 bytes' : 'whitespace only',
    });
  } else if (isSuccessStatus(status)) {
    mapped = checkBody(context, body, failures);
  }

  const { maxLatencyMs } = webhook.expect;
  if (maxLatencyMs !== undefined && outcome.latencyMs > maxLatencyMs) {
    failures.push({
      kind: 'latency',
      message: `took ${outcome.latencyMs} ms, over the ${maxLatencyMs} ms budget`,
      expected: `at most ${maxLatencyMs} ms`,
      actual: `${outcome.latencyMs} ms`,
    });
  }

  const snippet = makeResponseSnippet(body);
  return finish(
    shared,
    {
      code: emptyCounts ? CODE_EMPTY_BODY : status,
      status,
      errorType: reasonPhrase(statusText),
      latencyMs: outcome.latencyMs,
      attempts: outcome.attempts,
      failures,
      warnings,
      mapped,
    },
    snippet,
  );
}

/** Parses a non-empty 2xx body, then checks the mappings and the schema; returns what Marketo would write. */
function checkBody(
  context: JudgeContext,
  body: Uint8Array,
  failures: Failure[],
): Record<string, MappedValue> {
  const { webhook, mappings, validate, warnings } = context;
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
  const parsed = parseResponseBody(body, webhook.responseType);
  if (!parsed.ok) {
    failures.push({
      kind: 'unparseable',
      message: `the 2xx body is ${parsed.error}; Marketo writes no field`,
      expected: webhook.responseType,
    });
    return mapped;
  }
  warnings.push(...parsed.warnings);
  for (const compiled of mappings) {
    const value = checkMapping(compiled, parsed.value, failures, warnings);
    if (value.written) mapped[compiled.mapping.field] = value.value;
  }
  if (validate !== undefined && parsed.value.type === 'json') {
    failures.push(...checkSchema(validate, parsed.value.value));
  }
  return mapped;
}

function checkMapping(
  { mapping, path }: CompiledMapping,
  body: ParsedBody,
  failures: Failure[],
  warnings: string[],
): { written: true; value: MappedValue } | { written: false } {
  const resolution = resolvePath(body, path);
  if (!resolution.found) {
    failures.push({
      kind: 'mapping-missing',
      message: `${describeMapping(mapping)}: ${resolution.reason}`,
      expected: mapping.fieldType,
    });
    return { written: false };
  }
  if (resolution.warning !== undefined) addOnce(warnings, resolution.warning);
  const fit = checkFieldFit(resolution.value, mapping.fieldType, body.type === 'xml' ? 'xml' : 'json');
  if (!fit.ok) {
    const actual = previewValue(resolution.value);
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
  if (body.type === 'json') return resolveJsonPath(body.value, path);
  return { found: false, reason: 'the response type is none, so Marketo parses nothing' };
}

function checkSchema(validate: ValidateFunction, value: unknown): Failure[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const failures = errors.slice(0, MAX_SCHEMA_FAILURES).map((error) => toSchemaFailure(error, value));
  if (errors.length > MAX_SCHEMA_FAILURES) {
    failures.push({
      kind: 'schema',
      message: `and ${errors.length - MAX_SCHEMA_FAILURES} more schema errors`,
    });
  }
  return failures;
}

function toSchemaFailure(error: ErrorObject, root: unknown): Failure {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const detail = describeSchemaParams(error);
  const found = readPointer(root, error.instancePath);
  const failure: Failure = {
    kind: 'schema',
    message: `${where}: ${error.message ?? error.keyword}${detail}`,
    expected: `${error.keyword} ${JSON.stringify(error.params)}`,
  };
  return found.ok ? { ...failure, actual: previewValue(found.value) } : failure;
}

/** Adds what ajv's message leaves out for the keywords whose message does not name the culprit. */
function describeSchemaParams(error: ErrorObject): string {
  const params = error.params as Readonly<Record<string, unknown>>;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = params['additionalProperty'] ?? params['unevaluatedProperty'];
    return typeof name === 'string' ? ` ("${name}")` : '';
  }
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return `: ${truncate(JSON.stringify(params['allowedValues']))}`;
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

function checkStatus(
  webhook: Webhook,
  status: number,
  statusText: string,
  location: string | undefined,
): Failure | undefined {
  const patterns = webhook.expect.status;
  if (matchesStatus(status, patterns)) return undefined;
  const expected = describeStatusPatterns(patterns);
  const actual = statusText.length > 0 ? `${status} ${statusText}` : String(status);
  let message = `got ${actual}, expected ${expected}`;
  if (status >= 300 && status <= 399) {
    message +=
      location === undefined
        ? ': redirects are not followed'
        : `: redirects are not followed (Location: ${location})`;
  }
  return { kind: 'status', message, expected, actual };
}

function isBlank(body: Uint8Array): boolean {
  for (const byte of body) {
    // JSON's whitespace: space, tab, line feed, carriage return.
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

function reasonPhrase(statusText: string): string | null {
  return statusText.length > 0 ? statusText : null;
}

function finish(
  shared: Shared,
  result: Omit<CheckResult, keyof Shared | 'passed'>,
  snippet?: string,
): CheckResult {
  // Spelled out rather than spread: one object of one shape per check, built without copying property by property
  // (10,000 checks made spreading here the hottest line of a run).
  const built: { -readonly [K in keyof CheckResult]: CheckResult[K] } = {
    webhook: shared.webhook,
    sample: shared.sample,
    file: shared.file,
    line: shared.line,
    code: result.code,
    status: result.status,
    errorType: result.errorType,
    latencyMs: result.latencyMs,
    attempts: result.attempts,
    // A passing check without warnings (the usual one) shares the empty lists: 10,000 results hold no 20,000 arrays.
    failures: result.failures.length === 0 ? NONE : result.failures,
    warnings:
      result.warnings.length === 0
        ? NONE
        : result.warnings.length === 1
          ? result.warnings
          : [...new Set(result.warnings)],
    mapped: result.mapped,
    passed: result.failures.length === 0,
  };
  if (snippet !== undefined) built.responseSnippet = snippet;
  return built;
}

function previewValue(value: unknown): string {
  // Values come from parsed bodies, so JSON.stringify only returns undefined for undefined itself.
  return truncate(JSON.stringify(value) ?? 'undefined');
}

function truncate(text: string): string {
  const chars = [...text];
  return chars.length <= PREVIEW_CHARS ? text : `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…`;
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
