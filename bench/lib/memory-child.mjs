/**
 * Runs one workload in a fresh process and prints its peak resident set size as one JSON line:
 * `{ "maxRssKiB": n, "ms": n, "passed": n }`. argv[2] is a JSON object:
 * `{ mode: 'engine' | 'undici' | 'idle', engineFile?, url?, count?, concurrency?, webhooks? }`.
 * Modules are imported only for the mode asked, so `idle` is the cost of a bare node process.
 */
import { pathToFileURL } from 'node:url';

const options = JSON.parse(process.argv[2] ?? '{}');
/** @type {import('./measure-engine.mjs').RunTiming | undefined} */
let timing;
if (options.mode === 'engine') {
  const { runEngineOnce } = await import('./measure-engine.mjs');
  const { makeContractYaml } = await import('./workload.mjs');
  const engine = await import(pathToFileURL(options.engineFile).href);
  const contractText = makeContractYaml({
    url: options.url,
    count: options.count,
    webhooks: options.webhooks,
  });
  timing = await runEngineOnce(engine, { contractText, concurrency: options.concurrency });
} else if (options.mode === 'undici') {
  const { runUndiciOnce } = await import('./measure-undici.mjs');
  timing = await runUndiciOnce({ url: options.url, count: options.count, concurrency: options.concurrency });
}
// Linux reports maxRSS in KiB: the peak over the whole life of this process.
process.stdout.write(
  JSON.stringify({
    maxRssKiB: process.resourceUsage().maxRSS,
    ms: timing?.ms ?? 0,
    passed: timing?.passed ?? 0,
  }) + '\n',
);
