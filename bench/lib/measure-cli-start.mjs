/**
 * CLI start to first request: spawn `node dist/cli.js run <contract>` and time it until the loopback server
 * (in this process, idle meanwhile, so its clock reading is prompt) sees the first request.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLoopbackServer } from './loopback-server.mjs';
import { makeContractYaml } from './workload.mjs';

const PER_SPAWN_TIMEOUT_MS = 15_000;

/**
 * @typedef {{ ok: true, samplesMs: number[] } | { ok: false, reason: string }} CliStartResult
 */

/**
 * Warms up once (disk cache, the CLI's compile cache), then measures `runs` spawns.
 * @param {{ cliFile: string, runs: number, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<CliStartResult>}
 */
export async function measureCliStart({ cliFile, runs, env = {} }) {
  const server = await startLoopbackServer();
  const directory = await mkdtemp(join(tmpdir(), 'wc-bench-cli-'));
  try {
    const contract = join(directory, 'webhook-contracts.yml');
    await writeFile(contract, makeContractYaml({ url: `${server.origin}/d0`, count: 1 }));
    /** @type {number[]} */
    const samplesMs = [];
    for (let run = 0; run <= runs; run += 1) {
      const sample = await spawnOnce({ cliFile, contract, cwd: directory, server, env });
      if (typeof sample === 'string') return { ok: false, reason: sample };
      if (run > 0) samplesMs.push(sample); // run 0 is the warm-up
    }
    return { ok: true, samplesMs };
  } finally {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * @param {{ cliFile: string, contract: string, cwd: string, server: import('./loopback-server.mjs').LoopbackServer, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<number | string>} milliseconds, or why there was no request
 */
function spawnOnce({ cliFile, contract, cwd, server, env }) {
  return new Promise((resolve) => {
    /** @type {number | undefined} */
    let firstAt;
    server.onFirstRequest((at) => {
      firstAt = at;
    });
    let stderr = '';
    const started = performance.now();
    // A scrubbed environment: no proxy variables, no CI detection, nothing of the bench's. HOME is this
    // measurement's own directory: the warm-up run fills the CLI's compile cache there.
    const child = spawn(process.execPath, [cliFile, 'run', contract], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), PER_SPAWN_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      server.onFirstRequest(undefined);
      if (firstAt !== undefined) resolve(firstAt - started);
      else resolve(`the CLI exited (${code ?? 'killed'}) before any request: ${stderr.trim().slice(0, 300)}`);
    });
  });
}
