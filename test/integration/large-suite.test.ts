/**
 * Any suite size runs and reports (issue 11), through the built CLI: 125,000 checks (250 batch webhooks × 500
 * samples, a 22 KB file) crashed `run` with a RangeError from the console table. Batch webhooks send nothing,
 * so the test sizes the reporting alone. stdout goes to a file: the table is larger than execFile's buffer.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBundle } from '../support/run-node.js';

const WEBHOOKS = 250;
const SAMPLES = 500;
const CHECKS = WEBHOOKS * SAMPLES;

let dir: string;

beforeAll(async () => {
  await ensureBundle();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-large-'));
  const samples = Array.from({ length: SAMPLES }, (_, index) => `  s${index}: {}`);
  const webhooks = Array.from(
    { length: WEBHOOKS },
    (_, index) => `  - { name: Hook ${index}, url: "http://127.0.0.1:9/x", campaign: batch }`,
  );
  const yaml = ['version: 1', 'samples:', ...samples, 'webhooks:', ...webhooks, ''].join('\n');
  await writeFile(path.join(dir, 'big.yml'), yaml, 'utf8');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI with stdout and stderr in files; resolves with the exit code and both texts. */
async function runCli(
  args: readonly string[],
  name: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const stdoutFile = path.join(dir, `${name}.out`);
  const stderrFile = path.join(dir, `${name}.err`);
  const [out, err] = await Promise.all([open(stdoutFile, 'w'), open(stderrFile, 'w')]);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '' },
        stdio: ['ignore', out.fd, err.fd],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    return { code, stdout: await readFile(stdoutFile, 'utf8'), stderr: await readFile(stderrFile, 'utf8') };
  } finally {
    await Promise.all([out.close(), err.close()]);
  }
}

// Each test runs the built CLI over 125,000 checks (three runs for the merge): seconds on a quiet machine, but a
// CI machine may be busy, so the time-out only stops a hang and says nothing of speed (the bench does).
const LARGE_RUN_TIMEOUT_MS = 600_000;

describe('the built CLI with 125,000 checks', () => {
  it(
    'runs them all, prints the table and writes the JSON and JUnit reports',
    async () => {
      const result = await runCli(
        ['run', 'big.yml', '--quiet', '--report-json', 'full.json', '--report-junit', 'full.xml'],
        'full',
      );
      expect(result.stderr).not.toMatch(/RangeError|at .*\.js:\d+/);
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines.at(-1)).toBe(`${CHECKS} checks: 0 passed, ${CHECKS} failed`);
      expect(lines.filter((line) => line.includes('batch-campaign'))).toHaveLength(CHECKS);
      const report = JSON.parse(await readFile(path.join(dir, 'full.json'), 'utf8')) as { checks: unknown[] };
      expect(report.checks).toHaveLength(CHECKS);
      const junit = await readFile(path.join(dir, 'full.xml'), 'utf8');
      expect(junit.match(/<testcase /g)).toHaveLength(CHECKS);
    },
    LARGE_RUN_TIMEOUT_MS,
  );

  it(
    'merges two shards of them into the same report',
    async () => {
      for (const shard of ['1/2', '2/2']) {
        const name = `shard-${shard.charAt(0)}`;
        const result = await runCli(
          ['run', 'big.yml', '--quiet', '--shard', shard, '--report-json', `${name}.json`],
          name,
        );
        expect(result.code).toBe(1);
      }
      const merged = await runCli(
        ['merge', 'shard-1.json', 'shard-2.json', '--report-json', 'merged.json'],
        'merge',
      );
      expect(merged.stderr).not.toMatch(/RangeError|at .*\.js:\d+/);
      expect(merged.code).toBe(1);
      expect(merged.stdout.trimEnd().split('\n').at(-1)).toBe(`${CHECKS} checks: 0 passed, ${CHECKS} failed`);
      const report = JSON.parse(await readFile(path.join(dir, 'merged.json'), 'utf8')) as {
        checks: unknown[];
      };
      expect(report.checks).toHaveLength(CHECKS);
    },
    LARGE_RUN_TIMEOUT_MS,
  );
});
