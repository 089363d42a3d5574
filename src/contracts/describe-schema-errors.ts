/**
 * Turns ajv's errors into sentences a contract author understands, each with the path of the value it is about,
 * keeping ajv's detail (which key, which values are allowed) instead of its generic wording.
 */
import type { ErrorObject } from 'ajv';
import { suggestName } from './suggest-name.js';
import { formatValuePath, parseInstancePath } from './value-path.js';
import type { ValuePath } from './value-path.js';

/** One schema violation, located by path; `key` when the key itself is wrong (an unknown key). */
export interface SchemaIssue {
  readonly path: ValuePath;
  readonly target: 'value' | 'key';
  readonly message: string;
}

export interface DescribeOptions {
  /** Prepended to every path: where the validated value sits in the document. Default: the root. */
  readonly basePath?: ValuePath;
  /** What to call the value at the document root. */
  readonly rootName?: string;
  /**
   * Sentence endings (`must be ...`) for `anyOf` failures, by the `title` of the schema holding the anyOf
   * (needs `verbose`). Keyed by title because ajv's `schemaPath` changes when it inlines a `$ref`.
   */
  readonly anyOfMessages?: Readonly<Record<string, string>>;
}

/**
 * Describes ajv errors (from a validator compiled with `allErrors` and `verbose`) on `data`.
 *
 * An `anyOf` failure is reported once, for the value as a whole: the failures of each of its branches say
 * what one branch wanted, which misleads more than it helps.
 */
export function describeSchemaErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  options: DescribeOptions = {},
): SchemaIssue[] {
  const basePath = options.basePath ?? [];
  // Indexed by path once, so that a file with 50,000 bad webhooks (as many anyOf failures) is described in
  // linear time: comparing every error with every anyOf was quadratic.
  const lastAnyOfAt = new Map<string, number>();
  const firstBranchAt = new Map<string, ErrorObject>();
  errors.forEach((error, index) => {
    if (error.keyword === 'anyOf') lastAnyOfAt.set(error.instancePath, index);
    else if (!firstBranchAt.has(error.instancePath)) firstBranchAt.set(error.instancePath, error);
  });
  // An inner anyOf (a list item's, or a branch's own) is covered by the outer one, which ajv reports last.
  const outerAnyOfs = new Set<ErrorObject>();
  errors.forEach((error, index) => {
    if (error.keyword !== 'anyOf') return;
    const path = error.instancePath;
    const coveredHere = (lastAnyOfAt.get(path) ?? index) > index;
    if (!coveredHere && !listAncestors(path).some((ancestor) => lastAnyOfAt.has(ancestor)))
      outerAnyOfs.add(error);
  });
  const outerPaths = new Set([...outerAnyOfs].map((anyOf) => anyOf.instancePath));
  const isInsideOuterAnyOf = (error: ErrorObject): boolean =>
    (outerPaths.has(error.instancePath) && !outerAnyOfs.has(error)) ||
    listAncestors(error.instancePath).some((ancestor) => outerPaths.has(ancestor));

  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  // The same mistake repeated (50,000 webhooks with the same unknown key) gets its suggestion computed once.
  const suggestions = new Map<string, string | undefined>();
  const suggest: Suggest = (error, input, candidates) => {
    const key = `${error.schemaPath}\u0000${input}`;
    if (!suggestions.has(key)) suggestions.set(key, suggestName(input, candidates));
    return suggestions.get(key);
  };
  for (const error of errors) {
    // `if`/`then`/`else` only chooses the schema that applies; the chosen one's own errors say what is wrong.
    if (error.keyword === 'if' || isInsideOuterAnyOf(error)) continue;
    const valuePath = parseInstancePath(error.instancePath, data);
    let path = valuePath;
    let target: SchemaIssue['target'] = 'value';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') {
      path = [...path, String(params['additionalProperty'])];
      target = 'key';
    } else if (error.keyword === 'uniqueItems' && typeof params['j'] === 'number') {
      path = [...path, params['j']];
    }
    const fullPath = [...basePath, ...path];
    let message: string;
    if (error.keyword === 'anyOf') {
      const title = readTitle(error.parentSchema);
      const ending = title === undefined ? undefined : options.anyOfMessages?.[title];
      const branch = firstBranchAt.get(error.instancePath);
      const types = listBranchTypes(error);
      message =
        ending !== undefined
          ? `${subjectOf([...basePath, ...path], options)} ${ending}`
          : types !== undefined
            ? describeError(
                { ...error, keyword: 'type', params: { type: types } },
                [...basePath, ...path],
                options,
                suggest,
              )
            : branch !== undefined
              ? describeError(branch, [...basePath, ...path], options, suggest)
              : `${subjectOf([...basePath, ...path], options)} does not match any of the allowed forms`;
    } else {
      message = describeError(error, [...basePath, ...valuePath], options, suggest);
    }
    const key = `${JSON.stringify(fullPath)}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: fullPath, target, message });
  }
  return issues;
}

/**
 * The types an `anyOf` allows when each of its branches is only a `type` (strict mode's form of a union type,
 * `"type": ["string", "number"]`), so that it reads as one; undefined otherwise. Needs `verbose` (the schema).
 */
function listBranchTypes(anyOf: ErrorObject): string[] | undefined {
  const branches: unknown = anyOf.schema;
  if (!Array.isArray(branches)) return undefined;
  const types = branches.map((branch: unknown) =>
    typeof branch === 'object' && branch !== null && Object.keys(branch).join() === 'type'
      ? (branch as Record<string, unknown>)['type']
      : undefined,
  );
  return types.every((type) => typeof type === 'string') ? types : undefined;
}

/** The JSON Pointers above `pointer`, from the root (`''`) down, without `pointer` itself. */
function listAncestors(pointer: string): string[] {
  const ancestors: string[] = [];
  for (let slash = pointer.indexOf('/'); slash !== -1; slash = pointer.indexOf('/', slash + 1)) {
    ancestors.push(pointer.slice(0, slash));
  }
  return ancestors;
}

function subjectOf(path: ValuePath, options: DescribeOptions): string {
  return path.length === 0 ? (options.rootName ?? 'the document') : formatValuePath(path);
}

/** "Did you mean", for the keyword of `error` (whose schema gives the candidates). */
type Suggest = (error: ErrorObject, input: string, candidates: readonly string[]) => string | undefined;

/** The sentence for one error; `path` is the value the keyword applies to (the parent for key errors). */
function describeError(
  error: ErrorObject,
  path: ValuePath,
  options: DescribeOptions,
  suggest: Suggest,
): string {
  const subject = subjectOf(path, options);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys(readProperties(error.parentSchema));
      const suggestion = suggest(error, key, known);
      const where = path.length === 0 ? 'at the top level' : `in ${subject}`;
      return `unknown key "${key}" ${where}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
    }
    case 'required':
      return path.length === 0
        ? `missing the required top-level key "${String(params['missingProperty'])}"`
        : `${subject} is missing the required key "${String(params['missingProperty'])}"`;
    case 'type':
      // `data` is there only when the validator was compiled with `verbose`.
      return `${subject} must be ${describeTypes(params['type'])}${error.data === undefined ? '' : `, not ${describeKind(error.data)}`}`;
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? (params['allowedValues'] as unknown[]) : [];
      const names = allowed.map(String);
      const suggestion = typeof error.data === 'string' ? suggest(error, error.data, names) : undefined;
      return `${subject} must be one of ${names.join(', ')}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
    }
    case 'const':
      return `${subject} must be ${JSON.stringify(params['allowedValue'])}`;
    case 'minItems':
      return params['limit'] === 1
        ? `${subject} must not be empty`
        : `${subject} ${error.message ?? 'is too short'}`;
    case 'minLength':
      return params['limit'] === 1
        ? `${subject} must not be empty`
        : `${subject} ${error.message ?? 'is too short'}`;
    case 'uniqueItems': {
      const data: unknown = error.data;
      const item: unknown =
        Array.isArray(data) && typeof params['j'] === 'number' ? data[params['j']] : undefined;
      return `${subject} lists ${JSON.stringify(item) ?? 'an item'} more than once`;
    }
    default:
      return `${subject} ${error.message ?? `fails "${error.keyword}"`}`;
  }
}

function readTitle(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const title = (schema as Record<string, unknown>)['title'];
  return typeof title === 'string' ? title : undefined;
}

function readProperties(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {};
  const properties = (schema as Record<string, unknown>)['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'empty',
};

function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types.map(String) : String(types).split(',');
  return list.map((type) => TYPE_NAMES[type] ?? type).join(' or ');
}

/** What a YAML author wrote, in YAML words. */
function describeKind(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value;
}
