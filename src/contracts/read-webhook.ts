/** One entry of `webhooks:`: its own settings over the file's defaults, URL, template, mappings, samples. */
import { parseResponsePath } from '../judging/response-path.js';
import { checkUrlUserinfo, parseUrlCandidate } from './check-url-userinfo.js';
import { MARKETO_TIMEOUT_MS } from './contract.js';
import type { Expectation, HttpMethod, Mapping, ResponseType, Sample, Webhook } from './contract.js';
import { checkTemplateAt, isRecord, pickDefined, report, substituteEnv, suggestFor } from './load-context.js';
import type { Context, Json } from './load-context.js';
import type { Fields } from './read-fields.js';
import { readSettings } from './read-settings.js';
import type { Settings } from './read-settings.js';
import { formatValuePath } from './value-path.js';
import type { ValuePath } from './value-path.js';

export interface FileScope {
  readonly defaults: Settings;
  readonly samples: ReadonlyMap<string, Sample>;
  readonly fields: Fields;
}

export function readWebhook(context: Context, raw: Json, path: ValuePath, scope: FileScope): Webhook {
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
  const userinfo = substituted.ok ? checkUrlUserinfo(substituted.text) : undefined;
  if (userinfo !== undefined) report(context, path, `${formatValuePath(path)} ${userinfo}`);
  return { text: substituted.text, readEnv: substituted.readEnv };
}

/** `{{tokens}}` are filled in per sample; any token stands in for them here. */
function isHttpUrl(text: string): boolean {
  const url = parseUrlCandidate(text);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
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
        report(
          context,
          entryPath,
          `unknown field "${field}": declare its type under fields${suggestFor(context, field, fields.declared)}`,
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
  // A Set: a webhook may list thousands of samples, and a list searched for each would be quadratic.
  const names = new Set<string>();
  for (const [index, name] of (raw as unknown[]).entries()) {
    if (typeof name !== 'string') continue;
    if (samples.has(name)) {
      names.add(name);
      continue;
    }
    report(
      context,
      [...path, index],
      `unknown sample "${name}" in ${formatValuePath(path)}: declare it under samples${suggestFor(context, name, samples.keys())}`,
    );
  }
  return [...names];
}
