/**
 * The bundled CLI (dist/cli.js, from `npm run bundle`) run as a child process, as a user runs it, against real
 * servers on 127.0.0.1.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CLI, ROOT, ensureBundle, runNode } from '../support/run-node.js';
import type { NodeResult } from '../support/run-node.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';
import { startTunnelProxy } from '../support/tunnel-proxy.js';

const SECRET = 'sk-live-7f3a9c41d2';

type CliResult = NodeResult;

let server: StagingServer;
let dir: string;

beforeAll(async () => {
  // `npm test` bundles first; build here only when run on its own from a clean checkout.
  await ensureBundle();
  server = await startStagingServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-cli-'));
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => server.resetStats());

/** Runs the CLI in the temp directory with a scrubbed environment: no proxies, no colours, only what is given. */
function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runNode([CLI, ...args], { cwd: dir, env: { STAGING_URL: server.url, API_KEY: SECRET, ...env } });
}

async function writeContract(name: string, yaml: string): Promise<string> {
  await writeFile(path.join(dir, name), yaml, 'utf8');
  return name;
}

/** A contract with one webhook per path, each fired for `alice` (and `bob` when `twoSamples`). */
function contractFor(paths: readonly string[], options: { twoSamples?: boolean } = {}): string {
  const samples = options.twoSamples
    ? '  alice: { lead: { Email: alice@example.com } }\n  bob: { lead: { Email: bob@example.com } }\n'
    : '  alice: { lead: { Email: alice@example.com } }\n';
  const webhooks = paths
    .map(
      (p, i) => `  - name: Hook ${i + 1}
    url: '\${STAGING_URL}${p}'
    method: POST
    headers: { Content-Type: application/json, X-Api-Key: '\${API_KEY}' }
    template: '{"email": {{lead.Email}}}'
    encoding: json
    responseType: json
    mappings: { data.score: leadScore }
`,
    )
    .join('');
  return `version: 1\nsamples:\n${samples}fields:\n  leadScore: integer\nwebhooks:\n${webhooks}`;
}

describe('webhook-contracts run', () => {
  it('exits 0 and prints the table when every check passes', async () => {
    const file = await writeContract('passing.yml', contractFor(['/json'], { twoSamples: true }));
    const result = await runCli(['run', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓\s+Hook 1\s+alice\s+200/);
    expect(result.stdout).toMatch(/✓\s+Hook 1\s+bob\s+200/);
    expect(result.stdout).toContain('2 checks: 2 passed, 0 failed');
    expect(server.hits('/json')).toBe(2);
  });

  // The bundle loads yaml, fast-xml-parser and ajv from files of their own (dist/cli-*.cjs) on first use, and
  // undici's proxy agent only when a proxy is set: these runs go through each of those paths in the built CLI.
  it('loads what a run needs on demand: XML responses, response schemas', async () => {
    const file = await writeContract(
      'on-demand.yml',
      `version: 1
samples:
  alice: { lead: { Email: alice@example.com } }
fields:
  leadScore: integer
  tier: string
webhooks:
  - name: XML hook
    url: '\${STAGING_URL}/xml'
    responseType: xml
    mappings: { result.data.score: leadScore }
  - name: Schema hook
    url: '\${STAGING_URL}/json'
    responseType: json
    mappings: { data.tier: tier }
    expect:
      schema: { type: object, required: [data], properties: { data: { properties: { tier: { enum: [gold] } } } } }
`,
    );
    const result = await runCli(['run', file]);
    expect(result.stdout).toMatch(/✓\s+XML hook\s+alice\s+200/);
    expect(result.stdout).toMatch(/✓\s+Schema hook\s+alice\s+200/);
    expect(result.code).toBe(0);
  });

  it('sends through HTTP_PROXY when it is set', async () => {
    const proxy = await startTunnelProxy();
    try {
      const file = await writeContract('proxied.yml', contractFor(['/json']));
      const result = await runCli(['run', file], { HTTP_PROXY: proxy.url });
      expect(result.code).toBe(0);
      expect(proxy.tunnels()).toEqual([`127.0.0.1:${server.port}`]);
      expect(server.hits('/json')).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('reads webhook-contracts.yml when no file is named', async () => {
    await writeContract('webhook-contracts.yml', contractFor(['/json']));
    const result = await runCli(['run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 check: 1 passed, 0 failed');
  });

  it('exits 1 when a check fails, naming the problem', async () => {
    const file = await writeContract('failing.yml', contractFor(['/json', '/status/500']));
    const result = await runCli(['run', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗\s+Hook 2\s+alice\s+500 .*status/);
    expect(result.stdout).toContain('2 checks: 1 passed, 1 failed');
  });

  it('exits 2 with every located problem and sends nothing when a contract is invalid', async () => {
    const file = await writeContract(
      'invalid.yml',
      `version: 1
fields:
  leadScore: int
webhooks:
  - name: Broken
    url: '\${STAGING_URL}/json'
    method: POST
    template: '{"email": "\\d"}'
    mappings: { data.score: leadScore }
  - name: Unset secret
    url: '\${NOT_SET_ANYWHERE}/json'
`,
    );
    const result = await runCli(['run', file]);
    expect(result.code).toBe(2);
    const located = result.stderr.split('\n').filter((line) => line.startsWith(`${file}:`));
    expect(located.length).toBeGreaterThanOrEqual(3);
    for (const line of located) expect(line).toMatch(/^invalid\.yml:\d+:\d+: \S/);
    expect(result.stderr).toMatch(/invalid\.yml:3:\d+: .*int/);
    expect(result.stderr).toContain('NOT_SET_ANYWHERE');
    expect(result.stderr).toContain('nothing was sent');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(server.connections()).toBe(0);
  });

  it('exits 2 for a missing file and a glob that matches nothing, listing both', async () => {
    const result = await runCli(['run', 'missing.yml', 'contracts/**/*.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yml:1:1: file not found');
    expect(result.stderr).toContain('contracts/**/*.yml:1:1: the glob matches no files');
    expect(server.connections()).toBe(0);
  });

  it('writes the JSON and JUnit reports, creating their directories, with the secret removed', async () => {
    // /echo answers with the request's headers, so the secret comes back in the response snippet.
    const file = await writeContract('echo.yml', contractFor(['/echo']));
    const result = await runCli([
      'run',
      file,
      '--report-json',
      'out/json/report.json',
      '--report-junit',
      'out/junit/report.xml',
    ]);
    expect(result.code).toBe(1);
    const json = await readFile(path.join(dir, 'out/json/report.json'), 'utf8');
    const report = JSON.parse(json) as { version: number; summary: { total: number }; checks: unknown[] };
    expect(report.version).toBe(1);
    expect(report.summary.total).toBe(1);
    expect(report.checks).toHaveLength(1);
    const junit = await readFile(path.join(dir, 'out/junit/report.xml'), 'utf8');
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toContain('<testcase');
    expect(json).toContain('***');
    for (const text of [json, junit, result.stdout, result.stderr]) expect(text).not.toContain(SECRET);
  });

  it('refuses a secret-bearing request to a host outside --allowed-hosts', async () => {
    const file = await writeContract('blocked.yml', contractFor(['/json']));
    const result = await runCli(['run', file, '--allowed-hosts', 'staging.example.com']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('blocked');
    expect(server.connections()).toBe(0);
  });

  it('prints progress lines on a non-terminal stderr, and none with --quiet', async () => {
    const file = await writeContract('progress.yml', contractFor(['/json'], { twoSamples: true }));
    const loud = await runCli(['run', file]);
    expect(loud.stderr).toContain('2/2 checks done');
    const quiet = await runCli(['run', file, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('checks done');
  });

  it('exits 2 naming the flag for an unknown flag or a bad value', async () => {
    const unknown = await runCli(['run', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --frobnicate');
    const badTimeout = await runCli(['run', '--timeout', '45s']);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain('--timeout');
    const badShard = await runCli(['run', '--shard', '3/2']);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toContain('--shard');
    expect(server.connections()).toBe(0);
  });
});

describe('webhook-contracts render', () => {
  it('prints the requests with every secret masked, and sends nothing', async () => {
    const file = await writeContract('render.yml', contractFor(['/json'], { twoSamples: true }));
    const result = await runCli(['render', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Hook 1 × alice');
    expect(result.stdout).toContain('POST ***/json');
    expect(result.stdout).toContain('X-Api-Key: ***');
    expect(result.stdout).toContain('{"email": "bob@example.com"}');
    expect(result.stdout).not.toContain(SECRET);
    expect(result.stdout).not.toContain(server.url);
    expect(server.connections()).toBe(0);
  });

  it('filters by --webhook and --sample, and names the choices when nothing matches', async () => {
    const file = await writeContract(
      'render-two.yml',
      contractFor(['/json', '/other'], { twoSamples: true }),
    );
    const one = await runCli(['render', file, '--webhook', 'Hook 2', '--sample', 'bob']);
    expect(one.code).toBe(0);
    expect(one.stdout.match(/^### /gm)).toHaveLength(1);
    expect(one.stdout).toContain('### Hook 2 × bob');
    const none = await runCli(['render', file, '--sample', 'carol']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("'alice', 'bob'");
    expect(server.connections()).toBe(0);
  });
});

describe('webhook-contracts merge', () => {
  it('joins two shard reports into one table and report', async () => {
    const file = await writeContract(
      'shards.yml',
      contractFor(['/json', '/status/503', '/json'], { twoSamples: true }),
    );
    const first = await runCli(['run', file, '--shard', '1/2', '--report-json', 'shards/1.json']);
    const second = await runCli(['run', file, '--shard', '2/2', '--report-json', 'shards/2.json']);
    expect([first.code, second.code]).toContain(1);
    const shardTotals = await Promise.all(
      ['shards/1.json', 'shards/2.json'].map(async (name) => {
        const report = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as {
          summary: { total: number };
        };
        return report.summary.total;
      }),
    );
    expect(shardTotals).toEqual([3, 3]);

    const merged = await runCli([
      'merge',
      'shards/*.json',
      '--report-json',
      'merged.json',
      '--report-junit',
      'merged.xml',
    ]);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toContain('6 checks: 4 passed, 2 failed');
    const report = JSON.parse(await readFile(path.join(dir, 'merged.json'), 'utf8')) as {
      summary: { total: number; passed: number; failed: number };
      checks: { webhook: string; sample: string }[];
    };
    expect(report.summary).toEqual({ total: 6, passed: 4, failed: 2 });
    expect(report.checks.map((check) => `${check.webhook}/${check.sample}`).sort()).toEqual(
      ['Hook 1/alice', 'Hook 1/bob', 'Hook 2/alice', 'Hook 2/bob', 'Hook 3/alice', 'Hook 3/bob'].sort(),
    );
    expect(await readFile(path.join(dir, 'merged.xml'), 'utf8')).toContain('tests="6"');
  });

  it('exits 2 for a file that is not a report', async () => {
    await mkdir(path.join(dir, 'bad'), { recursive: true });
    await writeFile(path.join(dir, 'bad', 'report.json'), '{"hello": "world"}');
    const result = await runCli(['merge', 'bad/report.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad/report.json');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when no report is named', async () => {
    const result = await runCli(['merge']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('merge needs the JSON reports');
  });
});

describe('help and version', () => {
  it.each(['20.10.0', '22.16.0'])(
    'says which Node it needs on an older one (%s), instead of failing with a stack trace',
    async (version) => {
      // A preloaded module makes the Node under test report an older version, as the system Node of many
      // machines does, and removes an API that Node lacks (process.getBuiltinModule came in 20.16 and 22.3).
      const preload = path.join(dir, `pretend-node-${version}.mjs`);
      await writeFile(
        preload,
        [
          `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } });`,
          'delete process.getBuiltinModule;',
          '',
        ].join('\n'),
      );
      const result = await runNode(['--import', pathToFileURL(preload).href, CLI, '--help'], {
        cwd: dir,
        env: {},
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `webhook-contracts needs Node.js 22.17 or later; this is Node.js ${version}.\n`,
      );
      expect(result.stdout).toBe('');
    },
  );

  it('prints the usage for --help, per command, and the version', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: webhook-contracts <command>');
    const runHelp = await runCli(['run', '--help', '--bogus']);
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toContain('--report-junit <file>');
    const mergeHelp = await runCli(['help', 'merge']);
    expect(mergeHelp.stdout).toContain('Usage: webhook-contracts merge');
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    // Every form docs/cli.md gives: `version` and a leading `--` are what get through `npm exec` and npx.
    for (const args of [['--version'], ['-V'], ['version'], ['--', '--version'], ['--', '-V']]) {
      const version = await runCli(args);
      expect({ args, ...version }).toEqual({ args, code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('exits 2 with the usage when no command or an unknown one is given', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: webhook-contracts');
    const unknown = await runCli(['frobnicate']);
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
    expect(result.stdout).not.toContain('demo-key-0c5d7e');
  });
});
