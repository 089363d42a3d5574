/**
 * Issue 11's loading bounds as bench rows: each large contract loaded in a fresh process, its time and peak RSS
 * against the bound the issue states (the size tests check the outcome only: no test asserts a time).
 */
import { fileURLToPath } from 'node:url';
import { runNodeChild } from './run-child.mjs';
import { formatMs, judge, renderTable } from './stats.mjs';

const CHILD = fileURLToPath(new URL('./loading-bounds-child.mjs', import.meta.url));
const BOUND_MS = 5_000;
const BOUND_NESTING_MIB = 300;

const CASES = [
  { id: 'nesting', label: '5 MiB of nested [ (just under the file cap)', maxMiB: BOUND_NESTING_MIB },
  { id: 'tokens', label: '100,000 distinct missing tokens in one template, loaded and rendered' },
  { id: 'webhooks', label: '50,000 bad webhooks (5 problems each)' },
  { id: 'mappings', label: '20,000 mappings in one webhook' },
  { id: 'samples', label: '20,000 samples and 20,000 unknown sample names' },
];

/**
 * Runs every case; returns the target lines (PASS / MISS) for the summary.
 * @param {{ engineFile: string }} options
 * @returns {Promise<string[]>}
 */
export async function measureLoadingBounds({ engineFile }) {
  const rows = [];
  const targets = [];
  for (const { id, label, maxMiB } of CASES) {
    const result = await runNodeChild(['--stack-size=984', CHILD, JSON.stringify({ engineFile, case: id })], {
      timeoutMs: 120_000,
      env: {},
    });
    let parsed;
    try {
      parsed = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '');
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) {
      const why = result.timedOut
        ? 'timed out after 120 s'
        : `exit ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}`;
      rows.push([label, '-', '-', `<= ${formatMs(BOUND_MS)} ms`, 'n/a', why]);
      targets.push(`n/a   ${label}: ${why}`);
      continue;
    }
    if (parsed.ok !== true) {
      rows.push([
        label,
        formatMs(parsed.ms),
        parsed.maxRssMiB.toFixed(0),
        `<= ${formatMs(BOUND_MS)} ms`,
        'MISS',
        parsed.outcome,
      ]);
      targets.push(`MISS  ${label}: ${parsed.outcome}`);
      continue;
    }
    const timeVerdict = judge(parsed.ms, BOUND_MS);
    const memoryVerdict = maxMiB === undefined ? 'PASS' : judge(parsed.maxRssMiB, maxMiB);
    const verdict = timeVerdict === 'PASS' && memoryVerdict === 'PASS' ? 'PASS' : 'MISS';
    const bound = `<= ${formatMs(BOUND_MS)} ms${maxMiB === undefined ? '' : `, <= ${maxMiB} MiB`}`;
    rows.push([label, formatMs(parsed.ms), parsed.maxRssMiB.toFixed(0), bound, verdict, parsed.outcome]);
    targets.push(
      `${verdict.padEnd(4)}  ${label}: ${formatMs(parsed.ms)} ms, peak RSS ${parsed.maxRssMiB.toFixed(0)} MiB (${bound})`,
    );
  }
  console.log('\nLoading bounds (issue 11): each contract loaded by the engine in a fresh process');
  console.log(renderTable(['contract', 'ms', 'peak RSS MiB', 'bound', 'result', 'outcome'], rows));
  return targets;
}
