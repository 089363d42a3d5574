/**
 * Untrusted text is inert in a terminal: the built CLI (dist/cli.js) prints no control or invisible character
 * from webhook names, sample names and values, templates, reason phrases, response bodies or report files, on
 * stdout or stderr, for `run`, `render`, `merge` and their errors. Each such character is shown as an escape.
 */
import { describe, expect, it } from 'vitest';

import { quoteYaml } from '../support/contract-yaml.js';
import { setUpE2eRun } from '../support/e2e-run.js';
import { HOSTILE_TERMINAL_TEXTS } from '../support/hostile-text.js';
import type { NodeResult } from '../support/run-node.js';

/** Anything a terminal would act on or not draw; a line break is the only control the CLI itself writes here. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Variation_Selector}]/u;
/** HTTP reason phrases may hold bytes 0x80-0xff: the C1 controls among them are read as such. */
const HOSTILE_REASON = 'c1\u009b2J\u009d0;t\u009c';

// Even webhooks get a 200 whose mapped value (quoted in the failure) is the hostile text; odd ones a 500 with
// C1 controls in the reason phrase and the hostile text as the body.
const e2e = setUpE2eRun({
  prefix: 'wc-terminal-',
  env: { NO_COLOR: '1' },
  routes: (staging) =>
    staging.route('/hostile', (request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const text = query.get('text') ?? '';
      if (Number(query.get('i')) % 2 === 0) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { score: text } }));
        return;
      }
      response.writeHead(500, HOSTILE_REASON, {
        'content-type': 'text/plain',
      });
      response.end(text);
    }),
  contracts: { 'hostile.yml': makeContract() },
});

/** One webhook per hostile text, named after it, whose template and URL use a sample value holding it too. */
function makeContract(): string {
  return [
    'version: 1',
    'samples:',
    ...HOSTILE_TERMINAL_TEXTS.slice(0, 2).map(
      (text, index) => `  ${quoteYaml(`s${index} ${text}`)}: { lead: { Name: ${quoteYaml(text)} } }`,
    ),
    'fields:',
    '  leadScore: integer',
    'webhooks:',
    ...HOSTILE_TERMINAL_TEXTS.flatMap((text, index) => [
      `  - name: ${quoteYaml(text)}`,
      `    url: ${quoteYaml(`\${STAGING_URL}/hostile?i=${index}&text=${encodeURIComponent(text)}&n={{lead.Name}}`)}`,
      '    method: POST',
      '    headers: { Content-Type: text/plain }',
      // `\\` is the template's escape for a backslash (ST, `ESC \\`, ends an OSC).
      `    template: ${quoteYaml(`${text.replaceAll('\\', '\\\\')} {{lead.Name}}`)}`,
      '    responseType: json',
      '    mappings: { data.score: leadScore }',
    ]),
    '',
  ].join('\n');
}

/** No unsafe character on either stream, apart from the line breaks between lines. */
function expectInert(result: NodeResult): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const found = UNSAFE.exec(text.replaceAll('\n', ''));
    expect(found, `${stream}: ${JSON.stringify(found?.[0])}`).toBeNull();
  }
}

describe('the built CLI in a terminal', () => {
  it('render shows names, samples and templates with their controls as escapes', async () => {
    const result = await e2e.runCli(['render', 'hostile.yml']);

    expect(result.code).toBe(0);
    expectInert(result);
    expect(result.stdout).toContain('### clip\\u001b]52;c;cm0gLXJmIH4=\\u0007 × s0 clip\\u001b]52;');
    expect(result.stdout).toContain('title\\u001b]0;pwned\\u0007');
    expect(result.stdout).toContain('ok\\rFAKE PASS');
    expect(result.stdout).toContain('bidi\\u202eevil\\u202c');
  });

  it('run shows names, reason phrases and response values as escapes, in the table and on stderr', async () => {
    const result = await e2e.runCli(['run', '--report-json', 'report.json', 'hostile.yml']);

    expect(result.code).toBe(1);
    expectInert(result);
    expect(result.stdout).toContain('clear\\u001b[2J');
    expect(result.stdout).toContain('c1\\u009b2J\\u009d0;t\\u009c');
    expect(result.stdout).toContain(`${2 * HOSTILE_TERMINAL_TEXTS.length} failed`);
  });

  it('merge shows a report file’s names as escapes', async () => {
    const made = await e2e.runCli(['run', '--quiet', '--report-json', 'merge-input.json', 'hostile.yml']);
    expect(made.code).toBe(1);

    const result = await e2e.runCli(['merge', 'merge-input.json', 'merge-input.json']);

    expect(result.code).toBe(1);
    expectInert(result);
    expect(result.stdout).toContain('title\\u001b]0;pwned\\u0007');
  });

  it('errors show contract keys, file names and arguments as escapes', async () => {
    const badKeys = ['version: 1', ...HOSTILE_TERMINAL_TEXTS.map((text) => `${quoteYaml(text)}: 1`), ''];
    await e2e.writeFile('bad\u001b]0;t\u0007.yml', badKeys.join('\n'));

    const invalid = await e2e.runCli(['run', 'bad\u001b]0;t\u0007.yml']);
    const noSuchWebhook = await e2e.runCli(['render', '--webhook', 'x\u001b[2J', 'hostile.yml']);

    expect(invalid.code).toBe(2);
    expectInert(invalid);
    expect(invalid.stderr).toContain('bad\\u001b]0;t\\u0007.yml:');
    expect(noSuchWebhook.code).toBe(2);
    expectInert(noSuchWebhook);
    expect(noSuchWebhook.stderr).toContain("--webhook 'x\\u001b[2J' names no webhook");
  });
});
