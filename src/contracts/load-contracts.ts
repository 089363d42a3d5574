/**
 * Contract loading (SPEC section 2): YAML text -> the `ContractFile` model, or one `ContractFileError` listing
 * every problem of every file as `file:line:column: message`, so that an author fixes them all in one round.
 *
 * Three passes, each reporting everything it finds: YAML syntax, the shipped JSON Schema (the same one editors
 * use), then the rules a schema cannot express (declared fields and samples, durations, templates, URLs,
 * `${NAME}`). The last pass reads the value defensively, so that it still runs, without repeating the schema's
 * complaints, when the schema pass found problems.
 */
import { LineCounter, parseDocument, visit } from 'yaml';
import { capProblemsPerFile } from './cap-problems.js';
import { checkHeaderValue } from './check-header-value.js';
import { describeSchemaErrors } from './describe-schema-errors.js';
import { DUPLICATE_KEY_MESSAGE, findDuplicateKeys } from './find-duplicate-keys.js';
import { compileResponseSchema, findResponseSchemaErrors } from '../judging/compile-response-schema.js';
import { validate as validateContract } from './contract-validator.js';
import type { ResponseSchema } from '../judging/compile-response-schema.js';
import {
  CAMPAIGN_TYPES,
  FIELD_TYPES,
  HTTP_METHODS,
  MARKETO_TIMEOUT_MS,
  RESPONSE_TYPES,
  TOKEN_ENCODINGS,
  TOKEN_PREFIXES,
} from './contract.js';
import type {
  CampaignType,
  ContractFile,
  Expectation,
  FieldType,
  HttpMethod,
  Mapping,
  ResponseType,
  Sample,
  SourceLocation,
  StatusPattern,
  TokenEncoding,
  TokenPrefix,
  TokenValue,
  Webhook,
} from './contract.js';
import { parseDuration } from './duration.js';
import { ContractFileError, formatProblem } from './errors.js';
import type { ContractProblem } from './errors.js';
import { interpolateEnv } from './interpolate-env.js';
import { parseResponsePath } from '../judging/response-path.js';
import { suggestName } from './suggest-name.js';
import { checkTemplate } from './template.js';
import { formatValuePath } from './value-path.js';
import type { ValuePath } from './value-path.js';
import { createYamlLocator } from './yaml-locator.js';
import type { YamlLocator } from './yaml-locator.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** One contract file's text, named as problems should name it. */
export interface ContractSourceText {
  readonly file: string;
  readonly text: string;
}

/**
 * Loads one contract file.
 *
 * @param env where `${NAME}` values are read from.
 * @throws ContractFileError listing every problem in the file.
 */
export function parseContractFile(file: string, text: string, env: Env): ContractFile {
  const [contract] = parseContractFiles([{ file, text }], env);
  // parseContractFiles returns one contract per source or throws.
  if (contract === undefined) throw new Error(`no contract loaded from ${file}`);
  return contract;
}

/**
 * Loads several contract files; webhook names must be unique across all of them.
 *
 * @throws ContractFileError listing every problem in every file, in file order.
 */
export function parseContractFiles(
  sources: readonly ContractSourceText[],
  env: Env,
): readonly ContractFile[] {
  const seenNames = new Map<string, SourceLocation>();
  const problems: ContractProblem[] = [];
  const contracts: ContractFile[] = [];
  for (const source of sources) {
    const loaded = loadContractFile(source, env, seenNames);
    // Not push(...spread): a hostile file can hold hundreds of thousands of problems, past the argument limit.
    // Capped per file: past the first hundred, more lines only bury the ones to fix first.
    for (const problem of capProblemsPerFile(loaded.problems)) problems.push(problem);
    if (loaded.contract !== undefined) contracts.push(loaded.contract);
  }
  if (problems.length > 0) throw new ContractFileError(problems);
  return contracts;
}

/**
 * How far one anchor may be expanded (uses times the aliases nested inside it). A large suite may reuse a
 * header block a few hundred times; a "billion laughs" file needs millions and would otherwise hang the run.
 */
const MAX_ALIAS_COUNT = 1_000;

const ANY_OF_MESSAGES: Readonly<Record<string, string>> = {
  // The `title` of `definitions.status` in the shipped schema.
  'Expected status': 'must be 2xx, 3xx, 4xx, 5xx (or 1xx), an HTTP status from 100 to 599, or a list of them',
};

interface Loaded {
  readonly contract?: ContractFile;
  readonly problems: readonly ContractProblem[];
}

function loadContractFile(
  source: ContractSourceText,
  env: Env,
  seenNames: Map<string, SourceLocation>,
): Loaded {
  const { file, text } = source;
  const read = readWithYaml(file, text);
  if (!read.ok) return { problems: read.problems };
  const { data, locator } = read;

  const context: Context = { file, env, locator, problems: [...read.problems], secrets: new Set() };
  // Precompiled from the shipped schema at build time (scripts/contract-validator-code.ts): nothing to compile here.
  if (!validateContract(data)) {
    const issues = describeSchemaErrors(validateContract.errors ?? [], data, {
      rootName: 'the contract file',
      anyOfMessages: ANY_OF_MESSAGES,
    });
    for (const issue of issues) report(context, issue.path, issue.message, issue.target);
  }
  const contract = readContract(context, data, seenNames);
  return context.problems.length > 0
    ? { problems: sortProblems(context.problems) }
    : { contract, problems: [] };
}

/** A file's value and where its parts are written; no data when the YAML itself is broken (problems say why). */
type ReadYaml =
  | {
      readonly ok: true;
      readonly data: unknown;
      readonly locator: YamlLocator;
      readonly problems: readonly ContractProblem[];
    }
  | { readonly ok: false; readonly problems: readonly ContractProblem[] };

/** Reads `text` with the `yaml` package: any YAML, with yaml's own errors and warnings, located. */
function readWithYaml(file: string, text: string): ReadYaml {
  const lineCounter = new LineCounter();
  // `logLevel: 'error'`: yaml would print warnings to the console; the core reports them as problems instead.
  // `uniqueKeys: false`: yaml's own check is quadratic in a map's size; findDuplicateKeys does it in one pass.
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    merge: true,
    logLevel: 'error',
  });
  const atOffset = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };

  const duplicateKeys = findDuplicateKeys(document);
  const yamlProblems = [
    ...document.errors.map((error) => ({
      ...atOffset(error.pos[0]),
      message: `invalid YAML: ${error.message}`,
    })),
    ...duplicateKeys.map((offset) => ({
      ...atOffset(offset),
      message: `invalid YAML: ${DUPLICATE_KEY_MESSAGE}`,
    })),
    ...document.warnings.map((warning) => ({
      ...atOffset(warning.pos[0]),
      message: `YAML warning: ${warning.message}`,
    })),
  ];
  // A broken document's value is a guess; checking it would bury the real problem under consequences.
  if (document.errors.length > 0 || duplicateKeys.length > 0)
    return { ok: false, problems: sortProblems(yamlProblems) };
  if (document.contents === null) {
    return {
      ok: false,
      problems: [
        ...yamlProblems,
        {
          ...atOffset(0),
          message: 'the file is empty: a contract file needs at least `version: 1` and `webhooks:`',
        },
      ],
    };
  }

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof ReferenceError
        ? `YAML aliases expand too much (over ${MAX_ALIAS_COUNT} copies from one anchor), as in an alias bomb: write the values out or use fewer aliases`
        : `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ok: false,
      problems: sortProblems([...yamlProblems, { ...atOffset(findFirstAlias(document)), message }]),
    };
  }

  return {
    ok: true,
    data,
    locator: createYamlLocator(file, text, document, lineCounter),
    problems: yamlProblems,
  };
}

function findFirstAlias(document: ReturnType<typeof parseDocument>): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function sortProblems(problems: readonly ContractProblem[]): ContractProblem[] {
  const unique = new Map(problems.map((problem) => [formatProblem(problem), problem]));
  return [...unique.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

// ---------------------------------------------------------------------------------------------------------------
// The rules a schema cannot express, read from the (possibly invalid) value.

interface Context {
  readonly file: string;
  readonly env: Env;
  readonly locator: YamlLocator;
  readonly problems: ContractProblem[];
  readonly secrets: Set<string>;
}

function report(context: Context, path: ValuePath, message: string, target: 'value' | 'key' = 'value'): void {
  context.problems.push({ ...context.locator.locate(path, target), message });
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function readContract(context: Context, data: unknown, seenNames: Map<string, SourceLocation>): ContractFile {
  const root = isRecord(data) ? data : {};
  const samples = readSamples(context, root['samples']);
  const fields = readFields(context, root['fields']);
  const defaults = isRecord(root['defaults']) ? readSettings(context, root['defaults'], ['defaults']) : {};
  const webhooks: Webhook[] = [];
  const list = Array.isArray(root['webhooks']) ? (root['webhooks'] as unknown[]) : [];
  for (const [index, raw] of list.entries()) {
    if (!isRecord(raw)) continue;
    const webhook = readWebhook(context, raw, ['webhooks', index], { defaults, samples, fields });
    if (typeof raw['name'] === 'string') {
      const first = seenNames.get(webhook.name);
      if (first === undefined) seenNames.set(webhook.name, webhook.location);
      else {
        report(
          context,
          ['webhooks', index, 'name'],
          `duplicate webhook name "${webhook.name}": the first is at ${first.file}:${first.line}:${first.column}; names must be unique across all contract files`,
        );
      }
    }
    webhooks.push(webhook);
  }
  return { file: context.file, samples, fields: fields.types, webhooks, secrets: [...context.secrets] };
}

/** `${NAME}` substitution in the string at `path`, reporting each unset variable where it is written. */
function substituteEnv(
  context: Context,
  text: string,
  path: ValuePath,
): { text: string; readEnv: boolean; ok: boolean } {
  const result = interpolateEnv(text, context.env);
  for (const problem of result.problems) {
    context.problems.push({
      ...context.locator.locateOffset(path, problem.offset),
      message: `${formatValuePath(path)}: ${problem.message}`,
    });
  }
  for (const secret of result.secrets) context.secrets.add(secret);
  return { text: result.text, readEnv: result.readEnv, ok: result.problems.length === 0 };
}

/** Token syntax and escapes, on the text as written (before `${NAME}`, so no secret reaches a message). */
function checkTemplateAt(context: Context, text: string, path: ValuePath): void {
  for (const problem of checkTemplate(text)) {
    context.problems.push({
      ...context.locator.locateOffset(path, problem.offset),
      message: `${formatValuePath(path)}: ${problem.message}`,
    });
  }
}

// --- samples and fields ----------------------------------------------------------------------------------------

/** Without any sample a webhook is still fired once, with every token empty. */
const DEFAULT_SAMPLE: Sample = { name: 'default', values: {} };

function readSamples(context: Context, raw: unknown): ReadonlyMap<string, Sample> {
  if (!isRecord(raw) || Object.keys(raw).length === 0)
    return new Map([[DEFAULT_SAMPLE.name, DEFAULT_SAMPLE]]);
  const samples = new Map<string, Sample>();
  for (const name of Object.keys(raw)) {
    const sampleRaw = raw[name];
    // The usual sample (lower-case prefixes, plain values) is kept as `toJS` built it: the value is ours alone, so
    // a 10,000-sample file needs no second copy of its samples.
    const values =
      isRecord(sampleRaw) && isPlainSample(sampleRaw)
        ? sampleRaw
        : readSampleValues(context, name, sampleRaw);
    samples.set(name, { name, values });
  }
  return samples;
}

/** Every prefix valid and lower-case (so once only) and every token value a plain value with no `${NAME}`. */
function isPlainSample(sample: Json): sample is Partial<Record<TokenPrefix, Record<string, TokenValue>>> {
  for (const prefix in sample) {
    if (!Object.hasOwn(sample, prefix) || !isOneOf(TOKEN_PREFIXES, prefix)) return false;
    const tokens = sample[prefix];
    if (!isRecord(tokens)) return false;
    for (const token in tokens) {
      if (!Object.hasOwn(tokens, token)) return false;
      const value = tokens[token];
      if (typeof value === 'string' ? value.includes('${') : !isPlainTokenValue(value)) return false;
    }
  }
  return true;
}

function isPlainTokenValue(value: unknown): value is TokenValue {
  return typeof value === 'number' || typeof value === 'boolean' || value === null;
}

/** Prefixes matched ignoring case, `${NAME}` substituted, other values dropped; problems reported. */
function readSampleValues(
  context: Context,
  name: string,
  sampleRaw: unknown,
): Partial<Record<TokenPrefix, Record<string, TokenValue>>> {
  const values: Partial<Record<TokenPrefix, Record<string, TokenValue>>> = {};
  // How each prefix was spelled, for the "appears twice" problem (most samples have one prefix).
  let spelled: Map<TokenPrefix, string> | undefined;
  for (const [prefixKey, tokensRaw] of Object.entries(isRecord(sampleRaw) ? sampleRaw : {})) {
    const path = (): ValuePath => ['samples', name, prefixKey];
    const prefix = prefixKey.toLowerCase();
    if (!isOneOf(TOKEN_PREFIXES, prefix)) {
      const suggestion = suggestName(prefixKey, TOKEN_PREFIXES);
      report(
        context,
        path(),
        `unknown token prefix "${prefixKey}" in ${formatValuePath(['samples', name])}: use one of ${TOKEN_PREFIXES.join(', ')}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
        'key',
      );
      continue;
    }
    const earlier = spelled?.get(prefix);
    if (earlier !== undefined) {
      report(
        context,
        path(),
        `token prefix "${prefixKey}" appears twice in ${formatValuePath(['samples', name])} (also as "${earlier}"): prefixes ignore letter case, so merge them`,
        'key',
      );
      continue;
    }
    spelled ??= new Map();
    spelled.set(prefix, prefixKey);
    const tokens: Record<string, TokenValue> = {};
    for (const [token, value] of Object.entries(isRecord(tokensRaw) ? tokensRaw : {})) {
      let kept: TokenValue;
      if (typeof value === 'string' && !value.includes('${')) kept = value;
      else if (typeof value === 'string') kept = substituteEnv(context, value, [...path(), token]).text;
      else if (isPlainTokenValue(value)) kept = value;
      else continue;
      // An own property even for a token named `__proto__` (plain assignment would set the prototype).
      if (token === '__proto__') {
        Object.defineProperty(tokens, token, {
          value: kept,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        tokens[token] = kept;
      }
    }
    values[prefix] = tokens;
  }
  return values;
}

interface Fields {
  readonly types: ReadonlyMap<string, FieldType>;
  /** Every declared name, its type valid or not; undefined when `fields` itself is malformed. */
  readonly declared: ReadonlySet<string> | undefined;
}

function readFields(context: Context, raw: unknown): Fields {
  if (raw === undefined) return { types: new Map(), declared: new Set() };
  if (!isRecord(raw)) return { types: new Map(), declared: undefined };
  const types = new Map<string, FieldType>();
  for (const [name, type] of Object.entries(raw)) {
    if (typeof type !== 'string') continue;
    const normalised = type.trim().toLowerCase();
    if (isOneOf(FIELD_TYPES, normalised)) {
      types.set(name, normalised);
      continue;
    }
    const suggestion = suggestName(type, FIELD_TYPES);
    report(
      context,
      ['fields', name],
      `unknown field type "${type}" for field "${name}": use one of ${FIELD_TYPES.join(', ')}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
    );
  }
  return { types, declared: new Set(Object.keys(raw)) };
}

// --- settings shared by defaults and webhooks ----------------------------------------------------------------------

interface Header {
  readonly name: string;
  readonly value: string;
  readonly readEnv: boolean;
}

interface PartialExpectation {
  readonly status?: readonly StatusPattern[];
  readonly schema?: ResponseSchema;
  readonly maxLatencyMs?: number;
}

interface Settings {
  readonly method?: HttpMethod;
  readonly encoding?: TokenEncoding;
  readonly responseType?: ResponseType;
  readonly campaign?: CampaignType;
  readonly timeoutMs?: number;
  /** By lower-cased name: header names are case-insensitive, so `content-type` overrides `Content-Type`. */
  readonly headers?: ReadonlyMap<string, Header>;
  readonly expect?: PartialExpectation;
}

function readSettings(context: Context, raw: Json, path: ValuePath): Settings {
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
    report(context, path, `${formatValuePath(path)} is not a usable JSON Schema: ${reason}`);
  }
}

// --- webhooks --------------------------------------------------------------------------------------------------

interface FileScope {
  readonly defaults: Settings;
  readonly samples: ReadonlyMap<string, Sample>;
  readonly fields: Fields;
}

function readWebhook(context: Context, raw: Json, path: ValuePath, scope: FileScope): Webhook {
  const { defaults } = scope;
  const own = readSettings(context, raw, path);
  const name = typeof raw['name'] === 'string' ? raw['name'] : '';
  const location = context.locator.locate('name' in raw ? [...path, 'name'] : path, 'key');

  const method = own.method ?? defaults.method ?? 'GET';
  const url = readUrl(context, raw['url'], [...path, 'url']);
  const template = readTemplate(context, raw['template'], path, method);
  const responseType = own.responseType ?? defaults.responseType ?? 'none';
  const headers = new Map([...(defaults.headers ?? []), ...(own.headers ?? [])]);
  const mappings = readMappings(context, raw['mappings'], [...path, 'mappings'], scope.fields, responseType);
  const expect: Expectation = {
    status: own.expect?.status ?? defaults.expect?.status ?? ['2xx'],
    ...pickDefined('schema', own.expect?.schema ?? defaults.expect?.schema),
    ...pickDefined('maxLatencyMs', own.expect?.maxLatencyMs ?? defaults.expect?.maxLatencyMs),
  };
  const carriesSecret =
    url.readEnv || (template?.readEnv ?? false) || [...headers.values()].some((header) => header.readEnv);

  return {
    name,
    location,
    url: url.text,
    method,
    ...(template !== undefined && { template: template.text }),
    encoding: own.encoding ?? defaults.encoding ?? 'none',
    responseType,
    campaign: own.campaign ?? defaults.campaign ?? 'trigger',
    headers: Object.fromEntries([...headers.values()].map((header) => [header.name, header.value])),
    mappings,
    expect,
    samples: readWebhookSamples(context, raw['samples'], [...path, 'samples'], scope.samples),
    timeoutMs: own.timeoutMs ?? defaults.timeoutMs ?? MARKETO_TIMEOUT_MS,
    carriesSecret,
  };
}

function pickDefined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

function readUrl(context: Context, raw: unknown, path: ValuePath): { text: string; readEnv: boolean } {
  if (typeof raw !== 'string' || raw === '') return { text: '', readEnv: false };
  checkTemplateAt(context, raw, path);
  const substituted = substituteEnv(context, raw, path);
  // An unset variable is already reported; the URL built without it would only add a confusing second problem.
  if (substituted.ok && !isHttpUrl(substituted.text)) {
    const after = substituted.readEnv ? ' (after substituting `${...}` from the environment)' : '';
    report(
      context,
      path,
      `${formatValuePath(path)} must be an absolute http(s) URL such as https://staging.example.com/hook${after}`,
    );
  }
  return { text: substituted.text, readEnv: substituted.readEnv };
}

/** `{{tokens}}` are filled in per sample; any token stands in for them here. */
function isHttpUrl(text: string): boolean {
  const candidate = text.replace(/\{\{[^}]*\}\}/g, 'token');
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function readTemplate(
  context: Context,
  raw: unknown,
  webhookPath: ValuePath,
  method: HttpMethod,
): { text: string; readEnv: boolean } | undefined {
  if (typeof raw !== 'string') return undefined;
  const path = [...webhookPath, 'template'];
  if (method === 'GET') {
    report(
      context,
      path,
      `${formatValuePath(path)} is not allowed on GET (Marketo sends no body with GET): set method to POST, PUT, PATCH or DELETE, or remove the template`,
      'key',
    );
  }
  checkTemplateAt(context, raw, path);
  const substituted = substituteEnv(context, raw, path);
  return { text: substituted.text, readEnv: substituted.readEnv };
}

function readMappings(
  context: Context,
  raw: unknown,
  path: ValuePath,
  fields: Fields,
  responseType: ResponseType,
): Mapping[] {
  if (!isRecord(raw)) return [];
  const entries = Object.entries(raw);
  if (entries.length > 0 && responseType === 'none') {
    report(
      context,
      path,
      `${formatValuePath(path)} need responseType json or xml: Marketo maps nothing from a response it does not parse`,
      'key',
    );
  }
  const mappings: Mapping[] = [];
  for (const [attribute, field] of entries) {
    const entryPath = [...path, attribute];
    const parsed = parseResponsePath(attribute);
    if (!parsed.ok)
      report(
        context,
        entryPath,
        `bad response attribute in ${formatValuePath(path)}: ${parsed.error}`,
        'key',
      );
    if (typeof field !== 'string') continue;
    const fieldType = fields.types.get(field);
    if (fieldType === undefined) {
      // A declared field with a bad type is reported at its declaration already.
      if (fields.declared !== undefined && !fields.declared.has(field)) {
        const suggestion = suggestName(field, [...fields.declared]);
        report(
          context,
          entryPath,
          `unknown field "${field}": declare its type under fields${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
        );
      }
      continue;
    }
    mappings.push({ attribute, field, fieldType, location: context.locator.locate(entryPath, 'key') });
  }
  return mappings;
}

function readWebhookSamples(
  context: Context,
  raw: unknown,
  path: ValuePath,
  samples: ReadonlyMap<string, Sample>,
): string[] {
  if (!Array.isArray(raw)) return [...samples.keys()];
  const names: string[] = [];
  for (const [index, name] of (raw as unknown[]).entries()) {
    if (typeof name !== 'string') continue;
    if (samples.has(name)) {
      if (!names.includes(name)) names.push(name);
      continue;
    }
    const suggestion = suggestName(name, [...samples.keys()]);
    report(
      context,
      [...path, index],
      `unknown sample "${name}" in ${formatValuePath(path)}: declare it under samples${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
    );
  }
  return names;
}
