/**
 * A hostile staging server that echoes the request's secrets back in every place a report might quote: the body
 * (plain, URL-encoded, base64), response headers, the reason phrase and a redirect's Location. Run through the
 * bundled CLI with both reports, no form of any secret may appear on stdout, stderr, in the JSON report or in the
 * JUnit file; `render` must mask them too.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import { parseJsonReport } from '../support/json-report.js';
import type { StagingServer } from '../support/staging-server.js';
import { stringify } from '../support/yaml-text.js';

/**
 * Characters that every encoding treats differently: space, `/`, `+`, `=`, `&`, `"`, `%`, `~`. ASCII only: it is
 * sent as a header value, where undici refuses anything else.
 */
const API_KEY = 'Sk live/7f+3a=9c&41"d2%zz~';
/** A second secret, plain ASCII, mixed case: it goes in a header value and a reason phrase as it is. */
const TOKEN = 'TkN-8aF31cE0b9dA';
/** A secret that is part of a hostname: URL parsing lower-cases it. */
const TENANT = 'AcMeTeNaNt7';

const e2e = setUpE2eRun({
  prefix: 'wc-secret-echo-',
  // Debug logging on, so every log line the engine can write is written.
  env: { NO_COLOR: '1', API_KEY, TOKEN, TENANT, WEBHOOK_CONTRACTS_DEBUG: '1' },
  routes: routeEchoes,
});

function routeEchoes(server: StagingServer): void {
  // Everything the request carried, in every form a careless service writes it back.
  server.route('/echo-all', (request, response) => {
    const key = String(request.headers['x-api-key'] ?? '');
    const token = String(request.headers['authorization'] ?? '').replace(/^Bearer /, '');
    const body = JSON.stringify({
      data: {
        echo: key,
        url: request.url,
        fullUrl: `http://${request.headers.host ?? ''}${request.url ?? ''}`,
        base64: Buffer.from(key).toString('base64'),
        base64url: Buffer.from(key).toString('base64url'),
        basic: Buffer.from(`user:${key}`).toString('base64'),
        uri: encodeURIComponent(key),
        form: new URLSearchParams({ k: key }).toString(),
        token,
      },
    });
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-echo-token': token,
      'x-echo-url': request.url ?? '',
      'x-echo-base64': Buffer.from(key).toString('base64'),
    });
    response.end(body);
  });
  // The secret as the reason phrase, which becomes the check's error type.
  server.route('/reason', (request, response) => {
    response.writeHead(401, `Bad token ${headerOf(request, 'authorization')}`, {
      'content-type': 'text/plain',
      'www-authenticate': headerOf(request, 'authorization'),
    });
    response.end(`rejected ${headerOf(request, 'authorization')} for ${request.url ?? ''}`);
  });
  // A redirect whose Location repeats the secret-bearing URL: status failures quote the Location.
  server.route('/moved', (request, response) => {
    response.writeHead(302, { location: `https://elsewhere.example${request.url ?? ''}&token=${TOKEN}` });
    response.end();
  });
  // The secret, pushed to the 300-character cut of the response snippet, so the cut falls inside it.
  server.route('/cut', (request, response) => {
    const key = headerOf(request, 'x-api-key');
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end(`${'x'.repeat(290)}${key}${key}`);
  });
}

function headerOf(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** Every form of `secret` that a report must not contain. */
function formsOf(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ k: secret }).toString().slice(2),
    // How WHATWG URL writes it in a query string and in a path (fewer characters escaped than above).
    new URL(`http://x/?${secret}`).search.slice(1),
    new URL(`http://x/${secret}`).pathname.slice(1),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
    secret.toLowerCase(),
  ]);
  return [...forms];
}

function expectNoSecret(name: string, text: string): void {
  for (const secret of [API_KEY, TOKEN, TENANT]) {
    for (const form of formsOf(secret)) {
      expect(text.includes(form), `${name} contains ${JSON.stringify(form)} (a form of a secret)`).toBe(
        false,
      );
    }
  }
}

function contract(): string {
  const headers = {
    'Content-Type': 'application/json',
    'X-Api-Key': '${API_KEY}',
    Authorization: 'Bearer ${TOKEN}',
  };
  const base = {
    method: 'POST',
    headers,
    template: '{"email": {{lead.Email}}, "key": {{lead.Key}}}',
    encoding: 'json',
    responseType: 'json',
  };
  return stringify({
    version: 1,
    samples: { alice: { lead: { Email: 'alice@example.com', Key: '${API_KEY}' } } },
    fields: { echo: 'string', score: 'integer', url: 'string' },
    webhooks: [
      {
        name: 'Echo',
        url: '${STAGING_URL}/echo-all?key=${API_KEY}&k2={{lead.Key}}&t=${TOKEN}',
        ...base,
        // A passing string mapping writes the secret as a field value; an integer one quotes it in a failure.
        mappings: { 'data.echo': 'echo', 'data.url': 'url', 'data.token': 'score' },
        expect: {
          schema: { type: 'object', properties: { data: { properties: { basic: { maxLength: 3 } } } } },
        },
      },
      { name: 'Reason', url: '${STAGING_URL}/reason?key=${API_KEY}', ...base, responseType: 'none' },
      { name: 'Moved', url: '${STAGING_URL}/moved?key=${API_KEY}', ...base, responseType: 'none' },
      { name: 'Cut', url: '${STAGING_URL}/cut', ...base, responseType: 'none' },
      // Refused by --allowed-hosts: the reason names the host, which holds a secret.
      { name: 'Tenant', url: 'https://${TENANT}.staging.example/hook', ...base },
    ],
  });
}

describe('a server that echoes the secrets back', () => {
  it('run: no form of a secret on stdout, stderr, the JSON report or the JUnit file', async () => {
    await e2e.writeFile('echo.yml', contract());
    const result = await e2e.runCli([
      'run',
      'echo.yml',
      '--allowed-hosts',
      `127.0.0.1:${e2e.staging.port}`,
      '--report-json',
      'out/report.json',
      '--report-junit',
      'out/junit.xml',
    ]);
    expect(result.code, result.stderr).toBe(1);
    // The server really was sent the secrets, and echoed them: otherwise this test proves nothing.
    expect(e2e.staging.hits('/echo-all')).toBe(1);
    expect(e2e.staging.hits('/reason')).toBe(1);
    expect(e2e.staging.hits('/moved')).toBe(1);
    expect(e2e.staging.hits('/cut')).toBe(1);

    const json = await e2e.readFile('out/report.json');
    const junit = await e2e.readFile('out/junit.xml');
    const report = parseJsonReport(json);
    const byName = new Map(report.checks.map((check) => [check.webhook, check]));
    // Each check got as far as quoting what the server sent.
    expect(
      byName
        .get('Echo')
        ?.failures.map((failure) => failure.kind)
        .sort(),
    ).toEqual(['mapping-type', 'schema']);
    expect(byName.get('Echo')?.mapped).toHaveProperty('echo');
    expect(byName.get('Reason')?.errorType).toMatch(/^Bad token /);
    expect(byName.get('Moved')?.failures.map((failure) => failure.kind)).toEqual(['status']);
    expect(byName.get('Tenant')?.failures.map((failure) => failure.kind)).toEqual(['blocked']);
    expect(json).toContain('***');

    expectNoSecret('stdout', result.stdout);
    expectNoSecret('stderr', result.stderr);
    expectNoSecret('the JSON report', json);
    expectNoSecret('the JUnit report', junit);
  });

  it('render: every secret masked, nothing sent', async () => {
    await e2e.writeFile('render.yml', contract());
    const result = await e2e.runCli(['render', 'render.yml']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('***');
    expect(result.stdout).toContain('POST');
    expectNoSecret('render stdout', result.stdout);
    expectNoSecret('render stderr', result.stderr);
    expect(e2e.staging.connections()).toBe(0);
  });
});
