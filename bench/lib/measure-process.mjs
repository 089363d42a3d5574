/**
 * The whole process, as a user waits for it (issue 12): `node dist/cli.js run` as a child process against a bare
 * Node process (bare-child.mjs) that reads the same data as JSON from disk and sends the same requests with undici,
 * alternating, median of PAIRS pairs, concurrency 16, against a loopback server in this process (idle meanwhile,
 * so its clock readings are prompt). Each row states its target; peak RSS comes from each child's own maxRSS.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from './loopback-server.mjs';
import { formatMs, formatRatio, judge, median, renderTable } from './stats.mjs';
import { makeContractJson, makeContractYaml, makeEmail } from './workload.mjs';

const BARE = fileURLToPath(new URL('./bare-child.mjs', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./peak-rss-preload.mjs', import.meta.url));
const CONCURRENCY = 16;
export const PAIRS = 7;
const RUN_TIMEOUT_MS = 120_000;

/**
 * @typedef {object} ProcessRow
 * @property {string} label
 * @property {number} webhooks
 * @property {number} samples
 * @property {number} delayMs
 * @property {boolean} [csv] samples from a CSV file of leads (the bare process reads the same data as JSON)
 * @property {boolean} [uncached] the CLI without its compile cache (NODE_DISABLE_COMPILE_CACHE=1), as it starts in CI
 * @property {('ratio' | 'server' | 'start' | 'rss')[]} targets
 */

/** @type {ProcessRow[]} */
export const PROCESS_ROWS = [
  {
    label: '1 webhook × 10,000 samples',
    webhooks: 1,
    samples: 10_000,
    delayMs: 0,
    targets: ['ratio', 'start', 'rss'],
  },
  {
    label: '1 webhook × 10,000 samples, no compile cache (as in CI)',
    webhooks: 1,
    samples: 10_000,
    delayMs: 0,
    uncached: true,
    targets: [],
  },
  { label: '100 webhooks × 100 samples', webhooks: 100, samples: 100, delayMs: 0, targets: ['ratio', 'rss'] },
  { label: '100 webhooks × 10 samples', webhooks: 100, samples: 10, delayMs: 0, targets: ['ratio'] },
  {
    label: '100 webhooks × 10 samples, 25 ms server',
    webhooks: 100,
    samples: 10,
    delayMs: 25,
    targets: ['server'],
  },
  {
    label: '1 webhook × 10,000 leads from CSV',
    webhooks: 1,
    samples: 10_000,
    delayMs: 0,
    csv: true,
    targets: ['ratio'],
  },
];

export const TARGETS = { ratio: 1.15, server: 1.05, start: 1.5, rssMiB: 150 };

/**
 * @typedef {{ ms: number, startMs: number | undefined, requestsMs: number | undefined, rssMiB: number | undefined, code: number | null, stderr: string }} ChildRun
 */

/**
 * @param {string[]} args
 * @param {{ cwd: string, server: import('./loopback-server.mjs').LoopbackServer, rssFile: string, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<ChildRun>}
 */
function runTimed(args, { cwd, server, rssFile, env = {} }) {
  return new Promise((resolve) => {
    server.reset();
    /** @type {number | undefined} */
    let firstAt;
    server.onFirstRequest((at) => {
      firstAt = at;
    });
    let stderr = '';
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, ...args], {
      cwd,
      // HOME is the bench's own directory: the CLI's compile cache starts empty there (the warm-up pair fills it).
      env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', WC_BENCH_RSS_FILE: rssFile, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('close', async (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      server.onFirstRequest(undefined);
      const last = server.lastResponseAt();
      let rssMiB;
      try {
        rssMiB = Number(await readFile(rssFile, 'utf8')) / 1024;
        await rm(rssFile, { force: true });
      } catch {
        rssMiB = undefined;
      }
      resolve({
        ms,
        startMs: firstAt === undefined ? undefined : firstAt - started,
        requestsMs: firstAt === undefined || last === undefined ? undefined : last - firstAt,
        rssMiB,
        code,
        stderr,
      });
    });
  });
}

/**
 * Runs every row; prints the table; returns target lines and markdown rows for the README.
 * @param {{ cliFile: string, rows?: ProcessRow[], pairs?: number }} options
 */
export async function measureWholeProcess({ cliFile, rows = PROCESS_ROWS, pairs = PAIRS }) {
  const server = await startLoopbackServer();
  const directory = await mkdtemp(join(tmpdir(), 'wc-bench-process-'));
  const loadBefore = loadavg()[0] ?? 0;
  /** @type {string[][]} */
  const table = [];
  /** @type {string[]} */
  const targetLines = [];
  /** @type {string[]} */
  const markdown = [];
  try {
    for (const row of rows) {
      const count = row.webhooks * row.samples;
      const url = `${server.origin}/d${row.delayMs}`;
      const yamlFile = join(directory, 'contract.yml');
      const jsonFile = join(directory, 'contract.json');
      let yaml = makeContractYaml({ url, count, webhooks: row.webhooks });
      if (row.csv === true) {
        const lines = ['Email Address'];
        for (let index = 0; index < row.samples; index += 1) lines.push(makeEmail(index));
        await writeFile(join(directory, 'leads.csv'), `${lines.join('\n')}\n`);
        yaml = yaml.replace(
          /^samples:\n(?: {2}.*\n)*/m,
          'samples:\n  - { file: leads.csv, name: Email Address }\n',
        );
      }
      await writeFile(yamlFile, yaml);
      await writeFile(jsonFile, makeContractJson({ url, count, webhooks: row.webhooks }));
      const cliArgs = [cliFile, 'run', '--quiet', '--concurrency', String(CONCURRENCY), yamlFile];
      const bareArgs = [BARE, jsonFile, String(CONCURRENCY)];
      /** @type {ChildRun[]} */ const cli = [];
      /** @type {ChildRun[]} */ const bare = [];
      let problem;
      // One warm-up pair (disk cache), then alternating pairs so drift touches both alike.
      for (let pair = 0; pair <= pairs && problem === undefined; pair += 1) {
        const ours = await runTimed(cliArgs, {
          cwd: directory,
          server,
          rssFile: join(directory, 'rss-cli'),
          env: row.uncached === true ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {},
        });
        const theirs = await runTimed(bareArgs, {
          cwd: directory,
          server,
          rssFile: join(directory, 'rss-bare'),
        });
        if (ours.code !== 0)
          problem = `CLI exit ${ours.code}: ${ours.stderr.trim().split('\n').slice(-2).join(' | ')}`;
        else if (theirs.code !== 0) problem = `bare exit ${theirs.code}`;
        else if (pair > 0) {
          cli.push(ours);
          bare.push(theirs);
        }
      }
      const pick = (/** @type {ChildRun[]} */ runs, /** @type {keyof ChildRun} */ key) => {
        const values = runs.map((run) => run[key]).filter((value) => typeof value === 'number');
        return values.length === runs.length && values.length > 0
          ? median(/** @type {number[]} */ (values))
          : undefined;
      };
      const cliMs = pick(cli, 'ms');
      const bareMs = pick(bare, 'ms');
      const ratio = cliMs !== undefined && bareMs !== undefined ? cliMs / bareMs : undefined;
      const cliStart = pick(cli, 'startMs');
      const bareStart = pick(bare, 'startMs');
      const startRatio = cliStart !== undefined && bareStart !== undefined ? cliStart / bareStart : undefined;
      const cliRss = pick(cli, 'rssMiB');
      const bareRss = pick(bare, 'rssMiB');
      const limitMs = (count / CONCURRENCY) * row.delayMs;
      const serverRatio = row.delayMs > 0 ? (pick(cli, 'requestsMs') ?? Number.NaN) / limitMs : undefined;
      // The bare process against the same limit: how close the server and its timers let anyone come.
      const bareServerRatio =
        row.delayMs > 0 ? (pick(bare, 'requestsMs') ?? Number.NaN) / limitMs : undefined;
      /** @type {string[]} */
      const verdicts = [];
      for (const target of row.targets) {
        if (target === 'ratio')
          verdicts.push(`ratio ${formatRatio(ratio)} (<= ${TARGETS.ratio}x) ${judge(ratio, TARGETS.ratio)}`);
        if (target === 'start')
          verdicts.push(
            `start ${formatRatio(startRatio)} of bare (<= ${TARGETS.start}x) ${judge(startRatio, TARGETS.start)}`,
          );
        if (target === 'rss')
          verdicts.push(
            `peak RSS ${cliRss?.toFixed(0) ?? '-'} MiB (<= ${TARGETS.rssMiB}) ${judge(cliRss, TARGETS.rssMiB)}`,
          );
        if (target === 'server')
          verdicts.push(
            `requests ${formatRatio(serverRatio)} of ${formatMs(limitMs)} ms (<= ${TARGETS.server}x; bare ${formatRatio(bareServerRatio)}) ${judge(serverRatio, TARGETS.server)}`,
          );
      }
      for (const verdict of verdicts)
        targetLines.push(`${verdict.slice(-4).trim().padEnd(4)}  ${row.label}: ${verdict.slice(0, -5)}`);
      table.push([
        row.label,
        formatMs(cliMs),
        formatMs(bareMs),
        formatRatio(ratio),
        `${formatMs(cliStart)} / ${formatMs(bareStart)}`,
        `${cliRss?.toFixed(0) ?? '-'} / ${bareRss?.toFixed(0) ?? '-'}`,
        problem ?? verdicts.map((verdict) => verdict.slice(-4).trim()).join(', '),
      ]);
      markdown.push(
        `| ${row.label} | ${formatMs(cliMs)} | ${formatMs(bareMs)} | ${row.delayMs > 0 ? `${formatRatio(serverRatio)} of the server's limit` : formatRatio(ratio)} | ${formatMs(cliStart)} / ${formatMs(bareStart)} | ${cliRss?.toFixed(0) ?? '-'} / ${bareRss?.toFixed(0) ?? '-'} | ${verdicts.join('; ') || (problem ?? (row.uncached === true ? 'no target: shows the compile cache at work' : ''))} |`,
      );
      console.log(
        `  ${row.label}: CLI ${formatMs(cliMs)} ms, bare ${formatMs(bareMs)} ms${problem === undefined ? '' : ` (${problem})`}`,
      );
    }
  } finally {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0] ?? 0;
  const loads = `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`;
  console.log(
    `\nWhole process: CLI child against a bare undici child (same data as JSON), median of ${pairs} alternating pairs, concurrency ${CONCURRENCY}; ${loads}`,
  );
  console.log('Reproduce: npm run bench -- --process');
  console.log(
    renderTable(
      [
        'contract',
        'CLI ms',
        'bare ms',
        'ratio',
        'spawn to 1st request ms (CLI / bare)',
        'peak RSS MiB (CLI / bare)',
        'result',
      ],
      table,
    ),
  );
  return { targetLines, markdown, loads };
}
