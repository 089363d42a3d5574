/**
 * Untrusted text is inert in a terminal: the built CLI (dist/cli.js) prints no control or invisible character
 * from webhook names, sample names and values, templates, reason phrases, response bodies or report files, on
 * stdout or stderr, for `run`, `render`, `merge` and their errors. Each such character is shown as an escape.
 */
import { describe, expect, it } from 'vitest';

import { quoteYaml } from '../support/contract-yaml.js';
import { setUpE2eRun } from '../support/e2e-run.js';
import { expectInert } from '../support/expect-inert.js';
import { routeHostileEcho } from '../support/hostile-echo-route.js';
import { HOSTILE_TERMINAL_TEXTS } from '../support/hostile-text.js';

/** Anything a terminal would act on or not draw; a line break is the only control the CLI itself writes here. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Variation_Selector}]/u;
/** HTTP reason phrases may hold bytes 0x80-0xff: the C1 controls among them are read as such. */
const HOSTILE_REASON = 'c1\u009b2J\u009d0;t\u009c';

const e2e = setUpE2eRun({
  prefix: 'wc-terminal-',
  env: { NO_COLOR: '1' },
  routes: (staging) => routeHostileEcho(staging, [HOSTILE_REASON]),
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

describe('the built CLI in a terminal', () => {
  it('render shows names, samples and templates with their controls as escapes', async () => {
    const result = await e2e.runCli(['render', 'hostile.yml']);

    expect(result.code).toBe(0);
    expectInert(result, UNSAFE);
    expect(result.stdout).toContain('### clip\\u001b]52;c;cm0gLXJmIH4=\\u0007 × s0 clip\\u001b]52;');
    expect(result.stdout).toContain('title\\u001b]0;pwned\\u0007');
    expect(result.stdout).toContain('ok\\rFAKE PASS');
    expect(result.stdout).toContain('bidi\\u202eevil\\u202c');
  });

  it('run shows names, reason phrases and response values as escapes, in the table and on stderr', async () => {
    const result = await e2e.runCli(['run', '--report-json', 'report.json', 'hostile.yml']);

    expect(result.code).toBe(1);
    expectInert(result, UNSAFE);
    expect(result.stdout).toContain('clear\\u001b[2J');
    expect(result.stdout).toContain('c1\\u009b2J\\u009d0;t\\u009c');
    expect(result.stdout).toContain(`${2 * HOSTILE_TERMINAL_TEXTS.length} failed`);
  });

  it('merge shows a report file’s names as escapes', async () => {
    const made = await e2e.runCli(['run', '--quiet', '--report-json', 'merge-input.json', 'hostile.yml']);
    expect(made.code).toBe(1);

    const result = await e2e.runCli(['merge', 'merge-input.json', 'merge-input.json']);

    expect(result.code).toBe(1);
    expectInert(result, UNSAFE);
    expect(result.stdout).toContain('title\\u001b]0;pwned\\u0007');
  });

  it('errors show contract keys, file names and arguments as escapes', async () => {
    const badKeys = ['version: 1', ...HOSTILE_TERMINAL_TEXTS.map((text) => `${quoteYaml(text)}: 1`), ''];
    await e2e.writeFile('bad\u001b]0;t\u0007.yml', badKeys.join('\n'));

    const invalid = await e2e.runCli(['run', 'bad\u001b]0;t\u0007.yml']);
    const noSuchWebhook = await e2e.runCli(['render', '--webhook', 'x\u001b[2J', 'hostile.yml']);

    expect(invalid.code).toBe(2);
    expectInert(invalid, UNSAFE);
    expect(invalid.stderr).toContain('bad\\u001b]0;t\\u0007.yml:');
    expect(noSuchWebhook.code).toBe(2);
    expectInert(noSuchWebhook, UNSAFE);
    expect(noSuchWebhook.stderr).toContain("--webhook 'x\\u001b[2J' names no webhook");
  });
});
