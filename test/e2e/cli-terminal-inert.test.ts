/**
 * Untrusted text is inert in a terminal (issue 9), against the built CLI (`dist/cli.js` in a child process): webhook
 * names, sample names, token names and values, templates, option values and file names carry terminal escapes
 * (OSC 52 clipboard write, OSC 0 title, CSI screen clear, a C1 CSI, a charset switch, a lone CR, NEL, U+2028), and
 * no command's output (run, render, merge, usage errors) holds a control character other than its own line breaks.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import type { NodeResult } from '../support/run-node.js';
import type { StagingServer } from '../support/staging-server.js';
import { startStagingServer } from '../support/staging-server.js';

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

let staging: StagingServer;
let workspace: string;

beforeAll(async () => {
  await ensureBundle();
  staging = await startStagingServer();
  workspace = await mkdtemp(path.join(os.tmpdir(), 'wc-terminal-'));
  const contract = [
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
  await writeFile(path.join(workspace, 'webhook-contracts.yml'), contract);
});

afterAll(async () => {
  await staging.close();
  await rm(workspace, { recursive: true, force: true });
});

function runCli(args: readonly string[]): Promise<NodeResult> {
  return runNode([CLI, ...args], { cwd: workspace, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
}

function expectInert(result: NodeResult): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const found = RAW_CONTROL.exec(text);
    expect(found, `${stream} holds U+${found?.[0].codePointAt(0)?.toString(16)}:\n${text}`).toBeNull();
  }
}

describe('the built CLI shows untrusted text without obeying it', () => {
  it('render: names, samples, URL and body are escaped; the body keeps its lines', async () => {
    const result = await runCli(['render']);
    expect(result.code).toBe(0);
    expectInert(result);
    expect(result.stdout).toContain('\\u001b]52;c;aGVsbG8=\\u0007');
    expect(result.stdout).toContain('Score\\u001b[2J\\u001b[H\\u009b2J\\rover\\u0085nel\\u2028ls');
    expect(result.stdout).toContain('d\\u001b[2J');
  });

  it('run: the table, progress and reports on stderr are escaped', async () => {
    const result = await runCli(['run', '--report-json', 'report.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Score/);
    expectInert(result);
  });

  it('usage and input errors quote hostile option values and file names as escapes', async () => {
    const hostile = '\u001b]0;owned\u0007\u009b2J\rx';
    const results = await Promise.all([
      runCli([`run`, `--x${hostile}`]),
      runCli([hostile]),
      runCli(['run', '--concurrency', `9${hostile}`]),
      runCli(['run', '--allowed-hosts', `a${hostile}`]),
      runCli(['run', '--shard', `1/${hostile}`]),
      runCli(['run', '--timeout', hostile]),
      runCli(['run', '--ca-file', `${hostile}.pem`]),
      runCli(['merge', `${hostile}.json`]),
      runCli(['render', `${hostile}.yml`]),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expectInert(result);
      expect(result.stderr).toContain('\\u001b]0;owned\\u0007');
    }
  });
});
