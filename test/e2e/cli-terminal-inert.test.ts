/**
 * Untrusted text is inert in a terminal (issue 9), against the built CLI (`dist/cli.js` in a child process): webhook
 * names, sample names, token names and values, templates, option values and file names carry terminal escapes
 * (OSC 52 clipboard write, OSC 0 title, CSI screen clear, a C1 CSI, a charset switch, a lone CR, NEL, U+2028), and
 * no command's output (run, render, merge, usage errors) holds a control character other than its own line breaks.
 */
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import { expectInert } from '../support/expect-inert.js';
import type { StagingServer } from '../support/staging-server.js';

/** The escapes, as YAML double-quoted escapes (the contract file itself stays plain ASCII). */
const OSC52 = '\\e]52;c;aGVsbG8=\\a';
const TITLE = '\\e]0;owned\\a';
const CLEAR = '\\e[2J\\e[H';
const C1 = '\\x9b2J';
const CHARSET = '\\e(0';
const BREAKS = '\\rover\\Nnel\\Lls';

/** Any C0 control but a line break, DEL, any C1 control, NEL, or a line or paragraph separator. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

const e2e = setUpE2eRun({
  prefix: 'wc-terminal-',
  env: { NO_COLOR: '1' },
  contracts: (staging) => ({ 'webhook-contracts.yml': makeContract(staging) }),
});

function makeContract(staging: StagingServer): string {
  return [
    'version: 1',
    'samples:',
    `  "alice${OSC52}${BREAKS}":`,
    `    lead: { "Name${CHARSET}": "v${TITLE}${C1}${BREAKS}" }`,
    'fields: { leadScore: integer }',
    'webhooks:',
    `  - name: "Score${CLEAR}${C1}${BREAKS}"`,
    `    url: "${staging.url}/status/500?x={{lead.Name${CHARSET}}}"`,
    '    method: POST',
    `    template: "body${TITLE}${BREAKS} {{lead.Name${CHARSET}}} {{lead.Missing${CHARSET}:default=d${CLEAR}}}"`,
    '    mappings: { data.score: leadScore }',
    '    responseType: json',
    '',
  ].join('\n');
}

describe('the built CLI shows untrusted text without obeying it', () => {
  it('render: names, samples, URL and body are escaped; the body keeps its lines', async () => {
    const result = await e2e.runCli(['render']);
    expect(result.code).toBe(0);
    expectInert(result, RAW_CONTROL);
    expect(result.stdout).toContain('\\u001b]52;c;aGVsbG8=\\u0007');
    expect(result.stdout).toContain('Score\\u001b[2J\\u001b[H\\u009b2J\\rover\\u0085nel\\u2028ls');
    expect(result.stdout).toContain('d\\u001b[2J');
  });

  it('run: the table, progress and reports on stderr are escaped', async () => {
    const result = await e2e.runCli(['run', '--report-json', 'report.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Score/);
    expectInert(result, RAW_CONTROL);
  });

  it('usage and input errors quote hostile option values and file names as escapes', async () => {
    const hostile = '\u001b]0;owned\u0007\u009b2J\rx';
    const results = await Promise.all([
      e2e.runCli([`run`, `--x${hostile}`]),
      e2e.runCli([hostile]),
      e2e.runCli(['run', '--concurrency', `9${hostile}`]),
      e2e.runCli(['run', '--allowed-hosts', `a${hostile}`]),
      e2e.runCli(['run', '--shard', `1/${hostile}`]),
      e2e.runCli(['run', '--timeout', hostile]),
      e2e.runCli(['run', '--ca-file', `${hostile}.pem`]),
      e2e.runCli(['merge', `${hostile}.json`]),
      e2e.runCli(['render', `${hostile}.yml`]),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expectInert(result, RAW_CONTROL);
      expect(result.stderr).toContain('\\u001b]0;owned\\u0007');
    }
  });
});
