/**
 * The npm package as a user gets it: `npm pack`, the tarball installed offline into an empty project (the
 * runtime dependencies are bundled into dist/, so it needs nothing from the registry), then
 * `npx webhook-contracts` there against a staging server on 127.0.0.1. Also the CLI's git mode: a checkout
 * that runs `npx webhook-contracts` must not find dist/cli.js changed (npm sets the bin's mode when it links it).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeAliceScoreContract } from '../support/contract-yaml.js';
import { ROOT, ensureBundle } from '../support/run-node.js';
import type { NodeResult } from '../support/run-node.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

let server: StagingServer;
let dir: string;
let project: string;
let packedFiles: string[];

/**
 * Runs `command` (npm, npx, git) with a scrubbed environment: the Node under test first on PATH, a private HOME
 * and npm cache, npm offline. Never rejects: a non-zero exit is a result.
 */
function runTool(command: string, args: readonly string[], cwd: string): Promise<NodeResult> {
  const env = {
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`,
    HOME: dir,
    npm_config_cache: path.join(dir, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    STAGING_URL: server.url,
  };
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

async function runOk(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await runTool(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  await ensureBundle();
  server = await startStagingServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-package-'));
  const packed = JSON.parse(await runOk('npm', ['pack', '--json', '--pack-destination', dir], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = packed[0];
  if (tarball === undefined) throw new Error('npm pack gave no tarball');
  packedFiles = tarball.files.map((file) => file.path).sort();
  project = path.join(dir, 'project');
  await mkdir(project);
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'a-user-project', version: '1.0.0', private: true }),
  );
  // Offline, with an empty cache: any package the install wanted from the registry would fail it.
  await runOk('npm', ['install', '--offline', path.join(dir, tarball.filename)], project);
  await writeFile(path.join(project, 'webhook-contracts.yml'), makeAliceScoreContract('${STAGING_URL}/json'));
}, 180_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds the CLI, the action bundle, the schemas, README, LICENSE and CHANGELOG, and nothing else', async () => {
    // dist/ as committed: the bundles, the files the CLI loads on demand, and the bundled packages' licences.
    const dist = (await runOk('git', ['ls-files', 'dist'], ROOT)).split('\n').filter((line) => line !== '');
    expect(dist).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'dist/licenses.txt']));
    const expected = [
      ...dist,
      'schema/contracts.schema.json',
      'schema/report.schema.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
    ].sort();
    expect(packedFiles).toEqual(expected);
    expect(packedFiles.filter((file) => /\.map$|^src\/|^test\//.test(file))).toEqual([]);
  });

  it('needs no runtime dependency: everything the CLI and the action load is bundled', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['private']).toBeUndefined();
  });
});

describe('the installed package', () => {
  it('runs `npx webhook-contracts run` against a staging server', async () => {
    server.resetStats();
    const result = await runTool('npx', ['webhook-contracts', 'run', '--no-color'], project);
    expect(result.stderr).not.toMatch(/npm (warn|error)/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓\s+Score lead\s+alice\s+200/);
    expect(result.stdout).toContain('1 check: 1 passed, 0 failed');
    expect(server.hits('/json')).toBe(1);
  });

  it('prints its version through every form docs/cli.md gives', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const forms = [
      ['npx', 'webhook-contracts', 'version'],
      ['npx', 'webhook-contracts', '--', '--version'],
      ['npm', 'exec', '--', 'webhook-contracts', '--version'],
      ['npm', 'exec', 'webhook-contracts', '--', '-V'],
    ] as const;
    for (const [command, ...args] of forms) {
      const result = await runTool(command, args, project);
      expect({ form: [command, ...args].join(' '), ...result }).toEqual({
        form: [command, ...args].join(' '),
        code: 0,
        stdout: `${version}\n`,
        stderr: '',
      });
    }
  });
});

describe('dist/cli.js', () => {
  it('is committed executable (git mode 100755), as npm makes a bin when it links it', async () => {
    const entry = await runOk('git', ['ls-files', '--stage', 'dist/cli.js'], ROOT);
    expect(entry).toMatch(/^100755 /);
  });
});
