/**
 * GitHub's own OpenAPI description (`@octokit/openapi`, `generated/api.github.com.json`) as the GitHub API stand-in
 * reads it: a request is matched to an operation by method and path template, and its path and query parameters
 * and JSON body are validated against that operation with ajv.
 */
import { createRequire } from 'node:module';

import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface OpenApiParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: Record<string, unknown>;
}

interface OpenApiOperation {
  readonly operationId?: string;
  readonly parameters?: readonly (OpenApiParameter | { readonly $ref: string })[];
  readonly requestBody?: { readonly required?: boolean; readonly content?: Record<string, unknown> };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly parameters: Record<string, OpenApiParameter> };
}

interface Route {
  readonly template: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** A request matched to an operation of the description. */
export interface MatchedOperation {
  readonly template: string;
  readonly method: string;
  readonly operation: OpenApiOperation;
  readonly pathParams: Readonly<Record<string, string>>;
}

export interface OpenApiChecker {
  /** The operation `method pathname` calls (a literal segment beats a parameter); undefined when there is none. */
  readonly match: (method: string, pathname: string) => MatchedOperation | undefined;
  /** What is wrong with the request's path and query parameters and its JSON body, by the operation's schemas. */
  readonly findProblems: (
    matched: MatchedOperation,
    query: Readonly<Record<string, string>>,
    body: unknown,
  ) => string[];
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

let loaded: { document: OpenApiDocument; routes: Route[]; ajv: Ajv } | undefined;

/** Parses the 13 MB description once per test process. */
function loadOpenApi(): { document: OpenApiDocument; routes: Route[]; ajv: Ajv } {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  const document = require('@octokit/openapi/generated/api.github.com.json') as OpenApiDocument;
  const routes = Object.keys(document.paths).map((template): Route => {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) =>
        segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
          if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        }),
      )
      .join('/');
    return { template, pattern: new RegExp(`^${source}$`), names };
  });
  // OpenAPI 3.0 schemas carry keywords JSON Schema does not know (`nullable` is handled by ajv itself,
  // `example`, `x-github` are not), so strict mode is off; the document is not a JSON Schema to meta-validate.
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its function is the module's `.default`.
  addFormats.default(ajv);
  ajv.addSchema(document, 'github');
  loaded = { document, routes, ajv };
  return loaded;
}

/** The checker; the description is parsed on the first call only, body validators compiled on first use. */
export function loadOpenApiChecker(): OpenApiChecker {
  const { document, routes, ajv } = loadOpenApi();
  const validators = new Map<string, ValidateFunction>();

  const validateBody = (matched: MatchedOperation, body: unknown, problems: string[]): void => {
    const requestBody = matched.operation.requestBody;
    if (requestBody === undefined) {
      if (body !== undefined) problems.push('sends a body, but the operation takes none');
      return;
    }
    if (body === undefined) {
      if (requestBody.required === true) problems.push('sends no body, but the operation requires one');
      return;
    }
    const key = `${matched.method} ${matched.template}`;
    let validate = validators.get(key);
    if (validate === undefined) {
      const pointer = [
        'paths',
        matched.template,
        matched.method,
        'requestBody',
        'content',
        'application/json',
        'schema',
      ]
        .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
        .join('/');
      validate = ajv.compile({ $ref: `github#/${pointer}` });
      validators.set(key, validate);
    }
    if (!validate(body)) {
      for (const error of validate.errors ?? [])
        problems.push(`body${error.instancePath} ${error.message ?? 'is invalid'}`);
    }
  };

  const validateParameters = (
    matched: MatchedOperation,
    query: Readonly<Record<string, string>>,
    problems: string[],
  ): void => {
    const parameters = (matched.operation.parameters ?? []).map((parameter) =>
      '$ref' in parameter ? resolveParameter(document, parameter.$ref) : parameter,
    );
    for (const parameter of parameters) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const raw = parameter.in === 'path' ? matched.pathParams[parameter.name] : query[parameter.name];
      if (raw === undefined) {
        if (parameter.required === true)
          problems.push(`misses the required ${parameter.in} parameter ${parameter.name}`);
        continue;
      }
      const schema = parameter.schema ?? {};
      const value = schema['type'] === 'integer' || schema['type'] === 'number' ? Number(raw) : raw;
      const validate = ajv.compile(schema);
      if (!validate(value))
        problems.push(
          `${parameter.in} parameter ${parameter.name}=${raw} ${validate.errors?.[0]?.message ?? 'is invalid'}`,
        );
    }
    const known = new Set(
      parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    );
    for (const name of Object.keys(query))
      if (!known.has(name)) problems.push(`sends the unknown query parameter ${name}`);
  };

  return {
    match: (method, pathname) => matchOperation(document, routes, method, pathname),
    findProblems: (matched, query, body) => {
      const problems: string[] = [];
      validateParameters(matched, query, problems);
      validateBody(matched, body, problems);
      return problems;
    },
  };
}

function matchOperation(
  document: OpenApiDocument,
  routes: readonly Route[],
  method: string,
  pathname: string,
): MatchedOperation | undefined {
  const lower = method.toLowerCase();
  if (!HTTP_METHODS.has(lower)) return undefined;
  // A literal segment beats a parameter (`/issues/comments/1` is update-comment, not an issue's `{issue_number}`).
  const candidates = routes
    .map((route) => ({ route, match: route.pattern.exec(pathname) }))
    .filter(
      (candidate) =>
        candidate.match !== null && document.paths[candidate.route.template]?.[lower] !== undefined,
    )
    .sort(
      (a, b) =>
        b.route.template.replace(/\{[^}]+\}/g, '').length - a.route.template.replace(/\{[^}]+\}/g, '').length,
    );
  const best = candidates[0];
  const operation = best === undefined ? undefined : document.paths[best.route.template]?.[lower];
  if (best === undefined || best.match === null || operation === undefined) return undefined;
  const pathParams = Object.fromEntries(
    best.route.names.map((name, index) => [name, decodeURIComponent(best.match?.[index + 1] ?? '')]),
  );
  return { template: best.route.template, method: lower, operation, pathParams };
}

function resolveParameter(document: OpenApiDocument, ref: string): OpenApiParameter {
  const name = ref.replace('#/components/parameters/', '');
  const parameter = document.components.parameters[name];
  if (parameter === undefined) throw new Error(`unresolved parameter ${ref}`);
  return parameter;
}
