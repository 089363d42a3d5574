/**
 * A staging server on 127.0.0.1 echoes the secret it was sent in every form of test/support/secret-encodings.ts,
 * in the body (whole, and pushed to the snippet's 300-character cut), in `Location` and in the reason phrase.
 * Through the built CLI (console, JSON and JUnit reports) and the built action (log, job summary, the comment
 * posted to the GitHub API stand-in), no form appears anywhere, nor the start of the secret.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import { SECRET_ENCODINGS } from '../support/secret-encodings.js';
import type { StagingServer } from '../support/staging-server.js';

const TOKEN = 'ghs_secretEchoFormsToken0123456789';
/** Sent as a header value, so ASCII; it has characters that every encoding treats differently. */
const API_KEY = 'Sk live/7f+3a=9c&41"d2%zz~<q>';
const FORMS = Object.entries(SECRET_ENCODINGS);

/** A form as a header or reason phrase can carry it (no line breaks, Latin-1); undefined when it cannot. */
function asHeader(form: string): string | undefined {
  return /^[\t\x20-\x7e]*$/.test(form) ? form : undefined;
}

function keyOf(request: IncomingMessage): string {
  return String(request.headers['x-api-key'] ?? '');
}

const e2e = setUpE2eRun({
  prefix: 'wc-secret-forms-',
  token: TOKEN,
  env: { API_KEY },
  routes: routeEchoes,
  contracts: { 'webhook-contracts.yml': makeContract() },
});

/** `/form-N` echoes the secret in form N in the body, reason phrase and Location; `/cut-N` at the snippet's cut. */
function routeEchoes(staging: StagingServer): void {
  FORMS.forEach(([, encode], index) => {
    staging.route(`/form-${index}`, (request, response) => {
      const form = encode(keyOf(request));
      const header = asHeader(form);
      response.writeHead(302, header === undefined ? 'Found' : `Echo ${header}`, {
        'content-type': 'text/plain',
        ...(header === undefined ? {} : { location: `https://elsewhere.example/?v=${header}` }),
      });
      response.end(`echo: ${form} end`);
    });
    staging.route(`/cut-${index}`, (request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`${'x'.repeat(294)}${encode(keyOf(request))} and more`);
    });
  });
}

function makeContract(): string {
  const webhooks = FORMS.flatMap((_form, index) => [
    `  - name: Form ${index}`,
    `    url: '\${STAGING_URL}/form-${index}'`,
    `  - name: Cut ${index}`,
    `    url: '\${STAGING_URL}/cut-${index}'`,
  ]);
  return [
    'version: 1',
    'defaults:',
    "  headers: { X-Api-Key: '${API_KEY}' }",
    'webhooks:',
    ...webhooks,
    '',
  ].join('\n');
}

/** Every form of the secret, and its start as the issue saw it left by a cut. */
function expectNoSecret(where: string, text: string): void {
  for (const [name, encode] of FORMS) {
    const form = encode(API_KEY);
    expect(text.includes(form), `${where} holds the ${name} form`).toBe(false);
  }
  for (const start of [API_KEY.slice(0, 8), encodeURIComponent(API_KEY).slice(0, 10)]) {
    expect(text.toLowerCase().includes(start.toLowerCase()), `${where} holds the start ${start}`).toBe(false);
  }
}

/** The strings of a JSON report, decoded (a form with a line break is escaped in the file). */
function stringsOf(json: string): string {
  const strings: string[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    return value;
  });
  return strings.join('\n');
}

describe('a server echoing the secret in every form, through the built CLI', () => {
  it('shows no form on the console or in the JSON and JUnit reports', async () => {
    const result = await e2e.runCli(['run', '--report-json', 'report.json', '--report-junit', 'junit.xml'], {
      env: { NO_COLOR: '1' },
    });
    expect(result.code, result.stderr).toBe(1);
    // Every route was called and echoed: otherwise this proves nothing.
    FORMS.forEach((_form, index) => {
      expect(e2e.staging.hits(`/form-${index}`)).toBeGreaterThan(0);
      expect(e2e.staging.hits(`/cut-${index}`)).toBeGreaterThan(0);
    });
    const json = await e2e.readFile('report.json');
    const junit = await e2e.readFile('junit.xml');
    expect(json).toContain('***');
    expectNoSecret('stdout', result.stdout);
    expectNoSecret('stderr', result.stderr);
    expectNoSecret('the JSON report', json);
    expectNoSecret('the JSON report (decoded)', stringsOf(json));
    expectNoSecret('the JUnit report', junit);
  });
});

describe('a server echoing the secret in every form, through the built action', () => {
  it('shows no form in the log, the job summary or the comment', async () => {
    const result = await e2e.runAction({ inputs: { comment: 'always' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs['failed']).toBe(String(FORMS.length * 2));
    const comment = result.comment ?? '';
    expect(comment).toContain('checks failed');
    expect(result.summary).toContain('***');
    // `::add-mask::` lines are how the runner is told the forms to mask (it never prints them): all else is checked.
    expect(result.stdout).toContain(`::add-mask::${API_KEY.replace(/%/g, '%25')}`);
    expectNoSecret('the log', result.log);
    expectNoSecret('stderr', result.stderr);
    expectNoSecret('the job summary', result.summary);
    expectNoSecret('the comment', comment);
  });
});
