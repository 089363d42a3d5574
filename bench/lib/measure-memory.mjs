/** Peak memory: each workload runs alone in a fresh child process that reports its own peak RSS. */
import { fileURLToPath } from 'node:url';
import { runNodeChild } from './run-child.mjs';

const CHILD = fileURLToPath(new URL('./memory-child.mjs', import.meta.url));

/**
 * @typedef {{ ok: true, maxRssMiB: number, ms: number, passed: number } | { ok: false, reason: string }} MemoryResult
 */

/**
 * @param {{ mode: 'engine' | 'undici' | 'idle', engineFile?: string, url?: string, count?: number, concurrency?: number, webhooks?: number }} options
 * @param {number} timeoutMs
 * @returns {Promise<MemoryResult>}
 */
export async function measurePeakMemory(options, timeoutMs) {
  const result = await runNodeChild([CHILD, JSON.stringify(options)], { timeoutMs, env: {} });
  if (result.timedOut) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(line);
    return { ok: true, maxRssMiB: parsed.maxRssKiB / 1024, ms: parsed.ms, passed: parsed.passed };
  } catch {
    return {
      ok: false,
      reason: `exit ${result.code}: ${result.stderr.trim().split('\n').slice(0, 3).join(' | ')}`,
    };
  }
}
