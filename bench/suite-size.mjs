/**
 * Suite size (issue 11): time and peak RSS of 10,000 and 100,000 checks (100 webhooks × N/100 samples, concurrency
 * 16, 0 ms) for the engine and for a bare undici loop sending the same requests, each in a fresh child process,
 * and the memory each check costs over the bare loop: the slope between the two sizes, so the fixed cost of a
 * process (Node, the bundle, the contract's text) cancels out. Target: at most 1 KiB per check.
 *
 * `npm run bench:suite-size` (or `node bench/suite-size.mjs`); informs, never gates (always exits 0). Only loopback.
 */
import { resolve } from 'node:path';
import { buildEngine } from './lib/build-engine.mjs';
import { measurePeakMemory } from './lib/measure-memory.mjs';
import { startServerProcess } from './lib/server-process.mjs';
import { formatMs, judge, renderTable } from './lib/stats.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SIZES = [10_000, 100_000];
const WEBHOOKS = 100;
const CONCURRENCY = 16;
const TARGET_BYTES_PER_CHECK = 1024;
const TIMEOUT_MS = 180_000;

const engine = await buildEngine(ROOT);
const server = await startServerProcess();
try {
  const url = `${server.origin}/d0`;
  /** @type {Record<string, Record<number, import('./lib/measure-memory.mjs').MemoryResult>>} */
  const results = { engine: {}, undici: {} };
  for (const count of SIZES) {
    results.undici[count] = await measurePeakMemory(
      { mode: 'undici', url, count, concurrency: CONCURRENCY },
      TIMEOUT_MS,
    );
    results.engine[count] = engine.ok
      ? await measurePeakMemory(
          {
            mode: 'engine',
            engineFile: engine.file,
            url,
            count,
            concurrency: CONCURRENCY,
            webhooks: WEBHOOKS,
          },
          TIMEOUT_MS,
        )
      : { ok: false, reason: engine.reason };
  }
  const describe = (/** @type {import('./lib/measure-memory.mjs').MemoryResult} */ result, count) =>
    result.ok
      ? [
          `${formatMs(result.ms)} ms`,
          `${result.maxRssMiB.toFixed(1)} MiB`,
          result.passed === count ? 'all' : `${result.passed} of ${count}`,
        ]
      : [result.reason, '', ''];
  const rows = SIZES.flatMap((count) => [
    [`engine, ${count.toLocaleString('en-US')} checks`, ...describe(results.engine[count], count)],
    [`undici loop, ${count.toLocaleString('en-US')} requests`, ...describe(results.undici[count], count)],
  ]);
  console.log(`Suite size: ${WEBHOOKS} webhooks × N/${WEBHOOKS} samples, concurrency ${CONCURRENCY}, 0 ms\n`);
  console.log(renderTable(['run', 'time', 'peak RSS', 'passed'], rows));

  const [small, large] = SIZES;
  const mib = (kind, count) => {
    const result = results[kind][count];
    return result?.ok ? result.maxRssMiB : undefined;
  };
  const values = [mib('engine', small), mib('engine', large), mib('undici', small), mib('undici', large)];
  if (values.every((value) => value !== undefined)) {
    const [engineSmall, engineLarge, undiciSmall, undiciLarge] = /** @type {number[]} */ (values);
    const perCheck = ((engineLarge - engineSmall) * 1024 * 1024) / (large - small);
    const perRequest = ((undiciLarge - undiciSmall) * 1024 * 1024) / (large - small);
    const over = perCheck - perRequest;
    console.log(
      `\nPer check (slope ${small.toLocaleString('en-US')} -> ${large.toLocaleString('en-US')}): engine ${perCheck.toFixed(0)} B, ` +
        `undici loop ${perRequest.toFixed(0)} B, over the bare loop ${over.toFixed(0)} B ` +
        `(target <= ${TARGET_BYTES_PER_CHECK} B) ${judge(over, TARGET_BYTES_PER_CHECK)}`,
    );
  } else {
    console.log('\nPer check: n/a (a run failed)');
  }
} finally {
  await server.stop();
  if (engine.ok) await engine.dispose();
}
