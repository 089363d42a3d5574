/**
 * The bundled CLI's help, version and usage errors (dist/cli.js run as a child process, as a user runs it), its
 * refusal of an older Node, and `npm start`, the demo against its example server.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';
import { CLI, ROOT, runNode } from '../support/run-node.js';

const SECRET = 'sk-live-7f3a9c41d2';

const e2e = setUpE2eRun({ prefix: 'wc-cli-', env: { API_KEY: SECRET } });

describe('help and version', () => {
  it.each(['20.10.0', '22.16.0'])(
    'says which Node it needs on an older one (%s), instead of failing with a stack trace',
    async (version) => {
      // A preloaded module makes the Node under test report an older version, as the system Node of many
      // machines does, and removes an API that Node lacks (process.getBuiltinModule came in 20.16 and 22.3).
      const preload = await e2e.writeFile(
        `pretend-node-${version}.mjs`,
        [
          `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } });`,
          'delete process.getBuiltinModule;',
          '',
        ].join('\n'),
      );
      const preloadUrl = pathToFileURL(path.join(e2e.workspace, preload)).href;
      const result = await runNode(['--import', preloadUrl, CLI, '--help'], { cwd: e2e.workspace, env: {} });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `webhook-contracts needs Node.js 22.17 or later; this is Node.js ${version}.\n`,
      );
      expect(result.stdout).toBe('');
    },
  );

  it('prints the usage for --help, per command, and the version', async () => {
    const top = await e2e.runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: webhook-contracts <command>');
    const runHelp = await e2e.runCli(['run', '--help', '--bogus']);
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toContain('--report-junit <file>');
    const mergeHelp = await e2e.runCli(['help', 'merge']);
    expect(mergeHelp.stdout).toContain('Usage: webhook-contracts merge');
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    // Every form docs/cli.md gives: `version` and a leading `--` are what get through `npm exec` and npx.
    for (const args of [['--version'], ['-V'], ['version'], ['--', '--version'], ['--', '-V']]) {
      const version = await e2e.runCli(args);
      expect({ args, ...version }).toEqual({ args, code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('exits 2 with the usage when no command or an unknown one is given', async () => {
    const none = await e2e.runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: webhook-contracts');
    const unknown = await e2e.runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('npm start (scripts/demo.mjs)', () => {
  it('runs the example contracts against the example server and shows the failures, exiting 0', async () => {
    const result = await runNode([path.join(ROOT, 'scripts', 'demo.mjs')], { cwd: ROOT, env: {} });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓\s+Score lead\s+alice\s+200/);
    for (const kind of [
      'status',
      'empty-body',
      'mapping-missing',
      'mapping-type',
      'latency',
      'timeout',
      'unparseable',
      'schema',
      'batch-campaign',
    ]) {
      expect(result.stdout).toContain(`${kind}:`);
    }
    expect(result.stdout).toMatch(/\d+ checks: \d+ passed, [1-9]\d* failed/);
    // The example lowers this webhook's timeout to 1 s: its warning names that one, not Marketo's 30 s.
    expect(result.stdout).toContain(
      "⚠ Slow scoring (timeout): 1 call timed out at this webhook's 1 s timeout (Marketo's is 30 s): ",
    );
    expect(result.stdout).not.toMatch(/Slow scoring \(timeout\): .*Marketo gives up after 30 s/);
    expect(result.stdout).not.toContain('demo-key-0c5d7e');
  });
});
