/**
 * The scenario of the tests in which a staging server echoes the secret it was sent in many forms (the
 * secret-*-forms tests of test/e2e): `/form-N` echoes form N in the body, in `Location` and in the reason phrase
 * (when a header can carry it), `/cut-N` pushes it to the response snippet's 300-character cut. Every webhook sends
 * the secret as `X-Api-Key`. The runs below check that the scenario really ran, and return the texts to search.
 */
import type { IncomingMessage } from 'node:http';
import { expect } from 'vitest';

import type { E2eRun } from './e2e-run.js';
import { setUpE2eRun } from './e2e-run.js';
import type { StagingServer } from './staging-server.js';

/** A name and the function that writes a secret in that form. */
export type SecretForm = readonly [string, (secret: string) => string];

/** Where the secret must not be -> that place's text. */
export type SearchedTexts = Readonly<Record<string, string>>;

export interface EchoFormsOptions {
  /** The temporary directories' name prefix. */
  readonly prefix: string;
  /** The workflow token of the GitHub API stand-in. */
  readonly token: string;
  /** The secret, `${API_KEY}`: sent as a header value, so ASCII. */
  readonly apiKey: string;
  readonly forms: readonly SecretForm[];
}

export interface EchoFormsRun {
  readonly e2e: E2eRun;
  /** The built CLI with the JSON and JUnit reports: its console and the reports, the JSON also decoded. */
  readonly runCli: () => Promise<SearchedTexts>;
  /** The built action with `comment: always`: its log (masks left out), stderr, the job summary and the comment. */
  readonly runAction: () => Promise<SearchedTexts>;
}

/** Registers the hooks (see e2e-run.ts) and returns the runs; call it once at the top of a test file. */
export function setUpEchoFormsRun(options: EchoFormsOptions): EchoFormsRun {
  const { apiKey, forms } = options;
  const e2e = setUpE2eRun({
    prefix: options.prefix,
    token: options.token,
    env: { API_KEY: apiKey },
    routes: (staging) => routeEchoes(staging, forms),
    contracts: { 'webhook-contracts.yml': makeEchoContract(forms.length) },
  });
  return {
    e2e,
    runCli: async () => {
      const result = await e2e.runCli(
        ['run', '--report-json', 'report.json', '--report-junit', 'junit.xml'],
        {
          env: { NO_COLOR: '1' },
        },
      );
      expect(result.code, result.stderr).toBe(1);
      // Every route was called and echoed: otherwise this proves nothing.
      forms.forEach((_form, index) => {
        expect(e2e.staging.hits(`/form-${index}`)).toBeGreaterThan(0);
        expect(e2e.staging.hits(`/cut-${index}`)).toBeGreaterThan(0);
      });
      const json = await e2e.readFile('report.json');
      expect(json).toContain('***');
      return {
        stdout: result.stdout,
        stderr: result.stderr,
        'the JSON report': json,
        'the JSON report (decoded)': stringsOf(json),
        'the JUnit report': await e2e.readFile('junit.xml'),
      };
    },
    runAction: async () => {
      const result = await e2e.runAction({ inputs: { comment: 'always' } });
      expect(result.exitCode).toBe(1);
      expect(result.outputs['failed']).toBe(String(forms.length * 2));
      const comment = result.comment ?? '';
      expect(comment).toContain('checks failed');
      expect(result.summary).toContain('***');
      // `::add-mask::` lines are how the runner is told the forms to mask (it never prints them): all else is checked.
      expect(result.stdout).toContain(`::add-mask::${apiKey.replace(/%/g, '%25')}`);
      return {
        'the log': result.log,
        stderr: result.stderr,
        'the job summary': result.summary,
        'the comment': comment,
      };
    },
  };
}

function routeEchoes(staging: StagingServer, forms: readonly SecretForm[]): void {
  forms.forEach(([, encode], index) => {
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

function makeEchoContract(count: number): string {
  const webhooks = Array.from({ length: count }, (_form, index) => [
    `  - name: Form ${index}`,
    `    url: '\${STAGING_URL}/form-${index}'`,
    `  - name: Cut ${index}`,
    `    url: '\${STAGING_URL}/cut-${index}'`,
  ]).flat();
  return [
    'version: 1',
    'defaults:',
    "  headers: { X-Api-Key: '${API_KEY}' }",
    'webhooks:',
    ...webhooks,
    '',
  ].join('\n');
}

/** A form as a header or reason phrase can carry it (no line breaks, Latin-1); undefined when it cannot. */
function asHeader(form: string): string | undefined {
  return /^[\t\x20-\x7e]*$/.test(form) ? form : undefined;
}

function keyOf(request: IncomingMessage): string {
  return String(request.headers['x-api-key'] ?? '');
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
