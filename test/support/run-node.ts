/** Runs Node scripts (the bundled CLI, the demo) as child processes, as a user would, and collects their output. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundled CLI, built by `npm run bundle` (which `npm test` runs first). */
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface NodeResult {
  /** The exit code; null when the process was killed by a signal. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node args…` with exactly `env` (a scrubbed environment: no proxies or colours leak in from the test
 * runner) in `cwd`. Never rejects: a non-zero exit is a result.
 */
export function runNode(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<NodeResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...args],
      { cwd: options.cwd, env: options.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Builds dist/ when a test file runs on its own from a clean checkout (`npm test` bundles first). */
export async function ensureBundle(): Promise<void> {
  if (existsSync(CLI)) return;
  const result = await runNode([path.join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT, env: process.env });
  if (result.code !== 0) throw new Error(`npm run bundle failed:\n${result.stderr}`);
}
