/**
 * Contract files in which one `${KEY}` secret enters a request by each route a contract offers (SPEC section 2:
 * "wherever it entered the contract"): a sample value used as a token in each encoding and in the URL, the
 * defaults' headers, a webhook's headers, the template and the URL. Every webhook calls `/sink` on the staging
 * server; one control webhook carries no secret.
 */
import type { IncomingMessage } from 'node:http';

import type { StagingServer } from './staging-server.js';

/** Characters that each encoding writes differently: space, quote, slash, ampersand, plus. */
export const ENTRY_SECRET = 'sk t"41/7&9+z';

export const CONTROL_WEBHOOK = 'Control (no secret)';

/** Webhook name -> how the secret gets into its request. */
export const SECRET_WEBHOOKS = [
  'Sample value in a none-encoded template',
  'Sample value in a json-encoded template',
  'Sample value in a form-encoded template',
  'Sample value inside a longer value',
  'Sample value in a URL query token',
  'Sample value in a URL path token',
  'Defaults header',
  'Webhook header',
  'Template',
  'URL',
] as const;

/** The contract files, by name, for a staging server at `base` (`http://127.0.0.1:PORT`). */
export function makeSecretEntryFiles(base: string): Record<string, string> {
  const sink = `${base}/sink`;
  const hook = (name: string, lines: readonly string[]): string =>
    [`  - name: ${name}`, ...lines.map((line) => `    ${line}`)].join('\n');
  const post = (template: string, encoding: string): string[] => [
    `url: '${sink}'`,
    'method: POST',
    `template: '${template}'`,
    `encoding: ${encoding}`,
  ];
  const main = [
    'version: 1',
    'samples:',
    "  m: { lead: { Key: '${KEY}', Wrapped: 'Bearer ${KEY} (lead)' } }",
    'webhooks:',
    hook(SECRET_WEBHOOKS[0], post('k={{lead.Key}}', 'none')),
    hook(SECRET_WEBHOOKS[1], post('{"k": {{lead.Key}}}', 'json')),
    hook(SECRET_WEBHOOKS[2], post('k={{lead.Key}}', 'form')),
    hook(SECRET_WEBHOOKS[3], post('{"k": {{lead.Wrapped}}}', 'json')),
    hook(SECRET_WEBHOOKS[4], [`url: '${sink}?k={{lead.Key}}'`]),
    hook(SECRET_WEBHOOKS[5], [`url: '${sink}/{{lead.Key}}'`]),
    hook(SECRET_WEBHOOKS[7], [`url: '${sink}'`, "headers: { X-Key: '${KEY}' }"]),
    hook(SECRET_WEBHOOKS[8], post('k=${KEY}', 'none')),
    hook(SECRET_WEBHOOKS[9], [`url: '${sink}?k=\${KEY}'`]),
    hook(CONTROL_WEBHOOK, post('k={{lead.Plain:default=nothing}}', 'form')),
    '',
  ].join('\n');
  // Defaults apply to every webhook of their file, so they get a file of their own.
  const defaults = [
    'version: 1',
    'defaults:',
    "  headers: { Authorization: 'Bearer ${KEY}' }",
    'webhooks:',
    hook(SECRET_WEBHOOKS[6], [`url: '${sink}'`]),
    '',
  ].join('\n');
  return { 'entries.yml': main, 'entries-defaults.yml': defaults };
}

/** Makes `/sink` answer 200 and record each request's target, headers and body as one text. */
export function recordSink(server: StagingServer): () => string[] {
  const seen: string[] = [];
  const record = (request: IncomingMessage, body: string): void => {
    seen.push(`${request.url ?? ''}\n${JSON.stringify(request.headers)}\n${body}`);
  };
  for (const route of ['/sink', `/sink/${encodeURIComponent(ENTRY_SECRET)}`]) {
    server.route(route, (request, response, body) => {
      record(request, body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  }
  return () => [...seen];
}

/** True when `text` holds the secret as written or in one of the encodings a request gives it. */
export function holdsEntrySecret(text: string): boolean {
  const forms = [
    ENTRY_SECRET,
    encodeURIComponent(ENTRY_SECRET),
    new URLSearchParams({ v: ENTRY_SECRET }).toString().slice(2),
    JSON.stringify(ENTRY_SECRET).slice(1, -1),
    // Written raw into a URL's query, as the URL parser escapes it.
    new URL(`http://x/?${ENTRY_SECRET}`).search.slice(1),
  ];
  return forms.some((form) => text.includes(form));
}
