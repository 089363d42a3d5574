/**
 * The YAML parser, chosen by measurement: `node bench/parsers.mjs` (or `npm run bench -- --parsers`) parses the
 * bench's own contracts (1 webhook × 10,000 samples, 100 × 100, 100 × 10) with each candidate, each in a fresh
 * process: the first parse (cold), the median of 10 more (warm), and the peak RSS the first parse adds.
 * `yaml` and js-yaml 4 are optional (npm --prefix bench install); js-yaml 5 is the project's parser.
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngine } from './lib/build-engine.mjs';
import { runNodeChild } from './lib/run-child.mjs';
import { formatMs, median, renderTable } from './lib/stats.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CHILD = fileURLToPath(new URL('./lib/parser-child.mjs', import.meta.url));
const SHAPES = [
  { webhooks: 1, samples: 10_000 },
  { webhooks: 100, samples: 100 },
  { webhooks: 100, samples: 10 },
];
const PARSERS = [
  'yaml 2 (parseDocument + toJS)',
  'js-yaml 4 (load)',
  'js-yaml 5 (parseEvents + constructFromEvents)',
  'ours: readYaml (js-yaml 5 events, tree index, value)',
  'ours: parseContractFiles (YAML, schema, rules)',
  'JSON.parse (the same data as JSON)',
];

/**
 * Prints the parser table; returns its lines for a caller that collects them.
 * @returns {Promise<string[]>}
 */
export async function runParserBench() {
  const engine = await buildEngine(ROOT);
  const lines = [];
  const print = (/** @type {string} */ line) => {
    lines.push(line);
    console.log(line);
  };
  try {
    print(
      `YAML parsers on the bench's contracts (node ${process.version}, ${cpus().length} CPUs, load average ${(loadavg()[0] ?? 0).toFixed(1)}); each in a fresh process; times in ms`,
    );
    print(`Reproduce: node bench/parsers.mjs   (optional parsers: npm --prefix bench install)\n`);
    for (const shape of SHAPES) {
      const rows = [];
      for (const parser of PARSERS) {
        const needsEngine = parser.startsWith('ours');
        if (needsEngine && !engine.ok) {
          rows.push([parser, '-', '-', '-', `engine: ${engine.reason}`]);
          continue;
        }
        const options = { parser, ...shape, ...(engine.ok && { engineFile: engine.file }) };
        const result = await runNodeChild([CHILD, JSON.stringify(options)], { timeoutMs: 120_000, env: {} });
        const parsed = parseLastLine(result.stdout);
        if (parsed === undefined || !parsed.ok) {
          const reason = parsed?.reason ?? (result.timedOut ? 'timed out' : `exit ${result.code}`);
          rows.push([parser, '-', '-', '-', /Cannot find module/.test(reason) ? 'not installed' : reason]);
          continue;
        }
        rows.push([
          parser,
          formatMs(parsed.coldMs),
          median(parsed.warmMs).toFixed(1),
          parsed.rssMiB.toFixed(0),
          '',
        ]);
      }
      print(
        `${shape.webhooks} webhook${shape.webhooks === 1 ? '' : 's'} × ${shape.samples.toLocaleString('en-US')} samples`,
      );
      print(renderTable(['parser', 'cold ms', 'warm ms', '+RSS MiB', ''], rows));
      print('');
    }
  } finally {
    if (engine.ok) await engine.dispose();
  }
  return lines;
}

/**
 * @param {string} stdout
 * @returns {{ ok: boolean, coldMs: number, warmMs: number[], rssMiB: number, reason?: string } | undefined}
 */
function parseLastLine(stdout) {
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    return undefined;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === join(ROOT, 'bench', 'parsers.mjs')) {
  await runParserBench();
}
