/**
 * The benchmark: `npm run bench` (or `node bench/run.mjs [--quick | --full]`). See bench/README.md for what
 * each figure means. It informs and never gates: every target is marked PASS or MISS, and it always exits 0.
 *
 * Every request goes to a loopback server on 127.0.0.1 in a child process; every loop and every wait is
 * bounded, and the default run fits in about three minutes on two cores.
 */
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildEngine } from './lib/build-engine.mjs';
import { measureCliStart } from './lib/measure-cli-start.mjs';
import { measureLoadingBounds } from './lib/loading-bounds.mjs';
import { measureWholeProcess } from './lib/measure-process.mjs';
import { writeReadmeTable } from './lib/readme-table.mjs';
import { runParserBench } from './parsers.mjs';
import { loadNewman, loadStepci } from './lib/measure-competitors.mjs';
import { runEngineOnce } from './lib/measure-engine.mjs';
import { measurePeakMemory } from './lib/measure-memory.mjs';
import { runUndiciOnce } from './lib/measure-undici.mjs';
import { startServerProcess } from './lib/server-process.mjs';
import {
  describeError,
  formatMs,
  formatRatio,
  judge,
  median,
  renderTable,
  withTimeout,
} from './lib/stats.mjs';
import { makeContractYaml, samplesPerWebhook } from './lib/workload.mjs';

const BENCH_DIR = import.meta.dirname;
const ROOT = resolve(BENCH_DIR, '..');

/** Targets (see README): overhead over bare undici, pipelining against a slow server, start-up, memory. */
const TARGET_RATIO = 1.15;
const TARGET_SERVER_LIMIT_RATIO = 1.2;
const TARGET_CLI_START_MS = 150;
const TARGET_PEAK_MIB = 150;

const REPEATS = 3;
const CLI_RUNS = 5;
const MEMORY_CHECKS = 10_000;
const COMPETITOR_CHECKS = 1_000;
const COMPETITOR_WARM_UP_CHECKS = 100;
const SLOW_DELAY_MS = 25;
/** The realistic shape: this many webhooks, each with N / MANY_WEBHOOKS samples (the other shape is 1 x N). */
const MANY_WEBHOOKS = 100;
/** A competitor run slower than this is not repeated: one run says enough, and the bench stays bounded. */
const COMPETITOR_SINGLE_RUN_MS = 10_000;
/** Past this, the remaining sections are skipped (each started one still ends within its own bound). */
const BUDGET_MS = { quick: 120_000, default: 170_000, full: 900_000 };

const HELP = `Usage: node bench/run.mjs [--quick | --full | --process [--write-readme] | --parsers]

  --process  only the whole-process rows (the CLI as a child process against a bare undici process, median of
             7 alternating pairs); --write-readme puts them in README.md's performance table
  --parsers  only the YAML parser comparison (bench/parsers.mjs)

  (default)  1,000 and 10,000 checks at 0 ms, concurrency 1 and 16, each as 1 webhook x N samples and as
             ${MANY_WEBHOOKS} webhooks x N/${MANY_WEBHOOKS} samples; 1,000 checks at 25 ms, concurrency 16
  --quick    only the 1,000-check rows (a smoke run, well under a minute)
  --full     adds 1,000 checks at 25 ms with concurrency 1, 10,000 at 25 ms with concurrency 16, and
             Step CI at concurrency 1 (~10 min)

Sections are skipped, and say so, once the run is past its time budget (2, 3 or 15 minutes).

Newman and Step CI are measured when installed: npm --prefix bench install
Always exits 0: the bench informs, it does not gate.
`;

/**
 * @typedef {object} Scenario
 * @property {number} count
 * @property {number} concurrency
 * @property {number} delayMs
 * @property {number} webhooks 1 (one webhook with N samples) or MANY_WEBHOOKS (N / MANY_WEBHOOKS samples each)
 */

/**
 * @typedef {object} ScenarioResult
 * @property {Scenario} scenario
 * @property {number[]} engineMs
 * @property {number[]} undiciMs
 * @property {number[]} setupMs engine only: start to first request
 * @property {number[]} afterSetupMs engine only: first request to the end
 * @property {string[]} notes
 */

/**
 * @param {'quick' | 'default' | 'full'} mode
 * @returns {Scenario[]}
 */
function planScenarios(mode) {
  const counts = mode === 'quick' ? [1_000] : [1_000, 10_000];
  /** @type {Scenario[]} */
  const scenarios = [];
  for (const webhooks of [1, MANY_WEBHOOKS]) {
    for (const count of counts) {
      for (const concurrency of [1, 16]) scenarios.push({ count, concurrency, delayMs: 0, webhooks });
    }
  }
  if (mode === 'full') scenarios.push({ count: 1_000, concurrency: 1, delayMs: SLOW_DELAY_MS, webhooks: 1 });
  scenarios.push({ count: 1_000, concurrency: 16, delayMs: SLOW_DELAY_MS, webhooks: 1 });
  if (mode === 'full')
    scenarios.push({ count: 10_000, concurrency: 16, delayMs: SLOW_DELAY_MS, webhooks: 1 });
  return scenarios;
}

/**
 * The least time the server itself needs: each of `concurrency` connections waits `delayMs` per request.
 * @param {Scenario} scenario
 * @returns {number}
 */
function serverLimitMs({ count, concurrency, delayMs }) {
  return (count / concurrency) * delayMs;
}

/**
 * A hung run is abandoned (and reported) after this long: generous, but bounded.
 * @param {Scenario} scenario
 * @returns {number}
 */
function runTimeoutMs(scenario) {
  return 4 * serverLimitMs(scenario) + 60_000;
}

/**
 * `1 webhook × 1,000 samples` or `100 webhooks × 10 samples`: the contract's shape.
 * @param {{ count: number, webhooks: number }} scenario
 * @returns {string}
 */
function describeShape({ count, webhooks }) {
  const samples = samplesPerWebhook({ count, webhooks }).toLocaleString('en-US');
  return `${webhooks} webhook${webhooks === 1 ? '' : 's'} × ${samples} sample${samples === '1' ? '' : 's'}`;
}

/**
 * @param {Scenario} scenario
 * @returns {string}
 */
function describeScenario(scenario) {
  const { count, concurrency, delayMs } = scenario;
  return `${count.toLocaleString('en-US')} checks (${describeShape(scenario)}), concurrency ${concurrency}, ${delayMs} ms`;
}

/**
 * @param {string} origin
 * @param {Scenario} scenario
 * @returns {string}
 */
function urlFor(origin, { delayMs }) {
  return `${origin}/d${delayMs}`;
}

/**
 * Checks one run did the whole workload; a fast run that skipped checks is not a result.
 * @param {import('./lib/measure-engine.mjs').RunTiming} timing
 * @param {number} count
 * @returns {string | undefined} what was wrong
 */
function findShortfall(timing, count) {
  if (timing.sent === count && timing.passed === count) return undefined;
  const why = timing.firstFailure === undefined ? '' : `; first failure: ${timing.firstFailure}`;
  return `sent ${timing.sent} and passed ${timing.passed} of ${count}${why}`;
}

/**
 * @param {() => Promise<import('./lib/measure-engine.mjs').RunTiming>} run
 * @param {number} count
 * @param {number} timeoutMs
 * @param {string} label
 * @returns {Promise<{ timing?: import('./lib/measure-engine.mjs').RunTiming, problem?: string }>}
 */
async function measureOnce(run, count, timeoutMs, label) {
  try {
    const timing = await withTimeout(run(), timeoutMs, label);
    const problem = findShortfall(timing, count);
    return problem === undefined ? { timing } : { timing, problem: `${label}: ${problem}` };
  } catch (error) {
    return { problem: `${label}: ${describeError(error)}` };
  }
}

/**
 * @param {string[]} argv
 * @returns {'quick' | 'default' | 'full' | 'help' | 'process' | 'parsers'}
 */
function parseMode(argv) {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  if (argv.includes('--process')) return 'process';
  if (argv.includes('--parsers')) return 'parsers';
  if (argv.includes('--full')) return 'full';
  if (argv.includes('--quick')) return 'quick';
  return 'default';
}

/**
 * A bundle's size: its files (the CLI is an entry and the chunk it loads) added up, in KiB.
 * @param {string} label
 * @param {readonly string[]} files relative to the repository root
 * @returns {string}
 */
function describeSize(label, files) {
  const missing = files.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) return `${label}: not built (npm run bundle)`;
  const bytes = files.reduce((sum, file) => sum + statSync(join(ROOT, file)).size, 0);
  const parts = files.length > 1 ? ` (${files.join(' + ')})` : '';
  return `${label}: ${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB${parts}`;
}

async function main() {
  const mode = parseMode(process.argv.slice(2));
  if (mode === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (mode === 'parsers') {
    await runParserBench();
    return;
  }
  if (mode === 'process') {
    const targetLines = await runWholeProcessSection(process.argv.includes('--write-readme'));
    console.log(`Targets:\n${targetLines.map((line) => `  ${line}`).join('\n')}`);
    return;
  }
  // Every request goes to 127.0.0.1 directly: a proxy in the environment would change what is measured.
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
    delete process.env[name];
  }
  const began = performance.now();
  const cpu = cpus();
  console.log(
    `webhook-contracts bench (${mode}): node ${process.version}, ${cpu.length} CPU${cpu.length === 1 ? '' : 's'} (${cpu[0]?.model.trim() ?? 'unknown'})`,
  );
  const load = loadavg()[0] ?? 0;
  console.log(
    `Load average ${load.toFixed(1)}${load > cpu.length * 0.5 ? ': other work on this machine inflates every figure' : ''}.`,
  );
  console.log(`Each figure is the median of ${REPEATS} runs after one warm-up; times in ms.\n`);
  const budgetMs = BUDGET_MS[mode];
  const overBudget = () => performance.now() - began > budgetMs;
  const SKIPPED_BUDGET = `skipped: past the ${budgetMs / 1000} s budget${mode === 'full' ? '' : ' (--full allows more)'}`;

  // ---- the whole process first: what a user waits for (issue 12) ------------------------------------------------
  const processTargets = await runWholeProcessSection(false);

  const server = await startServerProcess();
  const engineBuild = await buildEngine(ROOT);
  if (!engineBuild.ok) console.log(`Engine: ${engineBuild.reason}; engine figures are skipped.\n`);
  const engine = engineBuild.ok ? engineBuild.module : undefined;

  try {
    // ---- engine vs bare undici --------------------------------------------------------------------------------
    /** @type {Map<string, string>} contract text by count, shape and delay (generated outside the clock) */
    const contracts = new Map();
    const contractFor = (/** @type {Scenario} */ scenario) => {
      const key = `${scenario.count} ${scenario.webhooks} ${scenario.delayMs}`;
      let text = contracts.get(key);
      if (text === undefined) {
        const { count, webhooks } = scenario;
        text = makeContractYaml({ url: urlFor(server.origin, scenario), count, webhooks });
        contracts.set(key, text);
      }
      return text;
    };

    const warmUp = { count: 1_000, concurrency: 16, delayMs: 0, webhooks: 1 };
    /** @type {string[]} */
    const warmUpProblems = [];
    if (engine !== undefined) {
      const { problem } = await measureOnce(
        () => runEngineOnce(engine, { contractText: contractFor(warmUp), concurrency: warmUp.concurrency }),
        warmUp.count,
        runTimeoutMs(warmUp),
        'engine warm-up',
      );
      if (problem !== undefined) warmUpProblems.push(problem);
    }
    const { problem: undiciWarmUpProblem } = await measureOnce(
      () => runUndiciOnce({ url: urlFor(server.origin, warmUp), ...warmUp }),
      warmUp.count,
      runTimeoutMs(warmUp),
      'undici warm-up',
    );
    if (undiciWarmUpProblem !== undefined) warmUpProblems.push(undiciWarmUpProblem);
    for (const problem of warmUpProblems) console.log(`! ${problem}`);

    /** @type {ScenarioResult[]} */
    const results = [];
    for (const scenario of planScenarios(mode)) {
      /** @type {ScenarioResult} */
      const result = { scenario, engineMs: [], undiciMs: [], setupMs: [], afterSetupMs: [], notes: [] };
      results.push(result);
      if (overBudget()) {
        result.notes.push(SKIPPED_BUDGET);
        console.log(`  ${describeScenario(scenario)}: ${SKIPPED_BUDGET}`);
        continue;
      }
      const timeoutMs = runTimeoutMs(scenario);
      let engineBroken = engine === undefined;
      // Engine and undici alternate, so drift (thermal, other load) touches both alike.
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        if (!engineBroken && engine !== undefined) {
          const contractText = contractFor(scenario);
          const { timing, problem } = await measureOnce(
            () => runEngineOnce(engine, { contractText, concurrency: scenario.concurrency }),
            scenario.count,
            timeoutMs,
            'engine',
          );
          if (problem !== undefined || timing === undefined) {
            result.notes.push(problem ?? 'engine: no timing');
            engineBroken = true; // one broken run says enough; don't repeat it
          } else {
            result.engineMs.push(timing.ms);
            if (timing.setupMs !== undefined) {
              result.setupMs.push(timing.setupMs);
              result.afterSetupMs.push(timing.ms - timing.setupMs);
            }
          }
        }
        const { timing, problem } = await measureOnce(
          () =>
            runUndiciOnce({
              url: urlFor(server.origin, scenario),
              ...scenario,
              samples: samplesPerWebhook(scenario),
            }),
          scenario.count,
          timeoutMs,
          'undici',
        );
        if (problem !== undefined || timing === undefined) result.notes.push(problem ?? 'undici: no timing');
        else result.undiciMs.push(timing.ms);
      }
      const engineMedian = result.engineMs.length > 0 ? median(result.engineMs) : undefined;
      console.log(
        `  ${describeScenario(scenario)}: engine ${formatMs(engineMedian)}, undici ${formatMs(median(result.undiciMs))}` +
          (result.notes.length > 0 ? `  (${result.notes[0]})` : ''),
      );
    }

    /** @type {string[]} */
    const targetLines = [...processTargets];
    const rows = results.map(({ scenario, engineMs, undiciMs, setupMs, afterSetupMs, notes }) => {
      const engineMedian = engineMs.length === REPEATS ? median(engineMs) : undefined;
      const undiciMedian = undiciMs.length === REPEATS ? median(undiciMs) : undefined;
      const ratio =
        engineMedian !== undefined && undiciMedian !== undefined ? engineMedian / undiciMedian : undefined;
      const verdict = judge(ratio, TARGET_RATIO);
      targetLines.push(
        `${verdict.padEnd(4)}  engine/undici <= ${TARGET_RATIO}x: ${formatRatio(ratio)} (${describeScenario(scenario)})`,
      );
      return [
        describeShape(scenario),
        scenario.count.toLocaleString('en-US'),
        String(scenario.concurrency),
        `${scenario.delayMs} ms`,
        formatMs(engineMedian),
        formatMs(undiciMedian),
        formatRatio(ratio),
        `<= ${TARGET_RATIO}x`,
        verdict,
        formatMs(setupMs.length > 0 ? median(setupMs) : undefined),
        formatRatio(
          afterSetupMs.length === REPEATS && undiciMedian !== undefined
            ? median(afterSetupMs) / undiciMedian
            : undefined,
        ),
        notes.length > 0 ? `see note ${notes.length > 1 ? `(${notes.length})` : ''}`.trim() : '',
      ];
    });
    console.log('\nEngine (runContracts) against a bare undici loop, same process, same server');
    console.log(
      renderTable(
        [
          'contract',
          'checks',
          'conc',
          'delay',
          'engine ms',
          'undici ms',
          'ratio',
          'target',
          'result',
          'setup ms',
          'ratio after setup',
          '',
        ],
        rows,
      ),
    );
    for (const { scenario, notes } of results) {
      for (const note of notes) console.log(`  note (${describeScenario(scenario)}): ${note}`);
    }

    // ---- against the server's own limit -----------------------------------------------------------------------
    const slow = results.find(
      ({ scenario }) =>
        scenario.count === 1_000 &&
        scenario.concurrency === 16 &&
        scenario.delayMs === SLOW_DELAY_MS &&
        scenario.webhooks === 1,
    );
    if (slow !== undefined) {
      const limit = serverLimitMs(slow.scenario);
      const engineMedian = slow.engineMs.length === REPEATS ? median(slow.engineMs) : undefined;
      const undiciMedian = slow.undiciMs.length === REPEATS ? median(slow.undiciMs) : undefined;
      const ratio = engineMedian === undefined ? undefined : engineMedian / limit;
      const verdict = judge(ratio, TARGET_SERVER_LIMIT_RATIO);
      console.log(
        `\nServer limit, ${describeScenario(slow.scenario)}: 1,000 / 16 x 25 ms = ${formatMs(limit)} ms; ` +
          `engine ${formatMs(engineMedian)} ms = ${formatRatio(ratio)} (target <= ${TARGET_SERVER_LIMIT_RATIO}x) ${verdict}; ` +
          `undici ${formatMs(undiciMedian)} ms = ${formatRatio(undiciMedian === undefined ? undefined : undiciMedian / limit)}`,
      );
      targetLines.push(
        `${verdict.padEnd(4)}  engine/server limit <= ${TARGET_SERVER_LIMIT_RATIO}x: ${formatRatio(ratio)} (${describeScenario(slow.scenario)})`,
      );
    }

    // ---- CLI start to first request ---------------------------------------------------------------------------
    const cliFile = join(ROOT, 'dist', 'cli.js');
    if (overBudget()) {
      console.log(`\nCLI start to first request: ${SKIPPED_BUDGET}`);
      targetLines.push(`n/a   CLI start to first request <= ${TARGET_CLI_START_MS} ms: ${SKIPPED_BUDGET}`);
    } else if (!existsSync(cliFile)) {
      console.log('\nCLI start to first request: skipped: dist/cli.js is not built (npm run bundle)');
      targetLines.push(
        `n/a   CLI start to first request <= ${TARGET_CLI_START_MS} ms: dist/cli.js not built`,
      );
    } else {
      const cli = await measureCliStart({ cliFile, runs: CLI_RUNS });
      if (cli.ok) {
        const startMs = median(cli.samplesMs);
        const verdict = judge(startMs, TARGET_CLI_START_MS);
        console.log(
          `\nCLI start to first request (node dist/cli.js run <contract>): median ${formatMs(startMs)} ms of ${CLI_RUNS} ` +
            `[${cli.samplesMs.map((ms) => formatMs(ms)).join(', ')}] (target <= ${TARGET_CLI_START_MS} ms) ${verdict}`,
        );
        targetLines.push(
          `${verdict.padEnd(4)}  CLI start to first request <= ${TARGET_CLI_START_MS} ms: ${formatMs(startMs)} ms`,
        );
      } else {
        console.log(`\nCLI start to first request: failed: ${cli.reason}`);
        targetLines.push(`n/a   CLI start to first request <= ${TARGET_CLI_START_MS} ms: ${cli.reason}`);
      }
    }

    // ---- peak memory --------------------------------------------------------------------------------------------
    const memoryScenario = { count: MEMORY_CHECKS, concurrency: 16, delayMs: 0, webhooks: 1 };
    const memoryUrl = urlFor(server.origin, memoryScenario);
    const memoryTimeout = runTimeoutMs(memoryScenario);
    /** @type {import('./lib/measure-memory.mjs').MemoryResult} */
    const skipped = { ok: false, reason: SKIPPED_BUDGET };
    const idle = overBudget() ? skipped : await measurePeakMemory({ mode: 'idle' }, 30_000);
    const undiciMemory = overBudget()
      ? skipped
      : await measurePeakMemory({ mode: 'undici', url: memoryUrl, ...memoryScenario }, memoryTimeout);
    const describeMemory = (/** @type {import('./lib/measure-memory.mjs').MemoryResult} */ memory) =>
      memory.ok ? `${memory.maxRssMiB.toFixed(1)} MiB` : memory.reason;
    const { count: memoryCount, concurrency: memoryConcurrency } = memoryScenario;
    console.log(
      `\nPeak RSS (maxRSS of a fresh child process, ${memoryCount.toLocaleString('en-US')} checks, concurrency ${memoryConcurrency}, 0 ms):`,
    );
    for (const webhooks of [1, MANY_WEBHOOKS]) {
      const shape = describeShape({ count: MEMORY_CHECKS, webhooks });
      if (!engineBuild.ok) {
        console.log(`  engine, ${shape}: skipped: engine not available`);
        targetLines.push(`n/a   peak RSS <= ${TARGET_PEAK_MIB} MiB (${shape}): engine not available`);
        continue;
      }
      const engineMemory = overBudget()
        ? skipped
        : await measurePeakMemory(
            { mode: 'engine', engineFile: engineBuild.file, url: memoryUrl, ...memoryScenario, webhooks },
            memoryTimeout,
          );
      const peak = engineMemory.ok ? engineMemory.maxRssMiB : undefined;
      const shortfall =
        engineMemory.ok && engineMemory.passed !== MEMORY_CHECKS
          ? ` (only ${engineMemory.passed} of ${MEMORY_CHECKS} checks passed)`
          : '';
      const verdict = judge(peak, TARGET_PEAK_MIB);
      console.log(
        `  engine, ${shape.padEnd(27)} ${describeMemory(engineMemory)}${shortfall} (target <= ${TARGET_PEAK_MIB} MiB) ${verdict}`,
      );
      targetLines.push(
        `${verdict.padEnd(4)}  peak RSS at ${MEMORY_CHECKS.toLocaleString('en-US')} checks <= ${TARGET_PEAK_MIB} MiB: ${describeMemory(engineMemory)} (${shape})`,
      );
    }
    console.log(`  ${'undici loop'.padEnd(35)} ${describeMemory(undiciMemory)}`);
    console.log(`  ${'idle node'.padEnd(35)} ${describeMemory(idle)}`);

    // ---- bundle sizes ---------------------------------------------------------------------------------------------
    // The CLI's start loads cli.js; a run adds cli-yaml.cjs; only some runs load the others (ajv, fast-xml-parser).
    const sizes = [
      describeSize('action', ['dist/index.js']),
      describeSize('CLI at start', ['dist/cli.js']),
      describeSize('CLI for a run', ['dist/cli-yaml.cjs']),
    ].join('; ');
    console.log(`\nBundle size: ${sizes}`);
    targetLines.push(`info  bundle size: ${sizes}`);

    // ---- Newman and Step CI ---------------------------------------------------------------------------------------
    console.log(
      `\nOther tools, ${COMPETITOR_CHECKS.toLocaleString('en-US')} checks at 0 ms (ratio = engine / tool; below 1 is faster):`,
    );
    // Their dependencies use deprecated Node APIs; the warnings are noise in a report about timings.
    process.noDeprecation = true;
    const competitors = [
      { name: 'Newman', tool: loadNewman(BENCH_DIR), concurrencies: [1] },
      { name: 'Step CI', tool: loadStepci(BENCH_DIR), concurrencies: mode === 'full' ? [1, 16] : [16] },
    ];
    for (const { name, tool, concurrencies } of competitors) {
      if (!tool.installed) {
        console.log(`  ${name.padEnd(8)} skipped: not installed (npm --prefix bench install)`);
        continue;
      }
      for (const concurrency of concurrencies) {
        if (overBudget()) {
          console.log(
            `  ${name.padEnd(8)} concurrency ${String(concurrency).padStart(2)}: ${SKIPPED_BUDGET}`,
          );
          continue;
        }
        const scenario = { count: COMPETITOR_CHECKS, concurrency, delayMs: 0 };
        const url = urlFor(server.origin, scenario);
        const timeoutMs = runTimeoutMs(scenario) * 2;
        const warm = await measureOnce(
          () => tool.run({ url, count: COMPETITOR_WARM_UP_CHECKS, concurrency }),
          COMPETITOR_WARM_UP_CHECKS,
          timeoutMs,
          `${name} warm-up`,
        );
        /** @type {number[]} */
        const times = [];
        let problem = warm.problem;
        for (let repeat = 0; repeat < REPEATS && problem === undefined; repeat += 1) {
          const once = await measureOnce(
            () => tool.run({ url, ...scenario }),
            scenario.count,
            timeoutMs,
            name,
          );
          if (once.problem !== undefined || once.timing === undefined) problem = once.problem;
          else times.push(once.timing.ms);
          if ((once.timing?.ms ?? 0) > COMPETITOR_SINGLE_RUN_MS) break;
        }
        const ours = results.find(
          (result) =>
            result.scenario.count === scenario.count &&
            result.scenario.concurrency === concurrency &&
            result.scenario.delayMs === 0 &&
            result.scenario.webhooks === 1,
        );
        const ourMedian =
          ours !== undefined && ours.engineMs.length === REPEATS ? median(ours.engineMs) : undefined;
        const theirMedian = times.length > 0 && problem === undefined ? median(times) : undefined;
        const ratio =
          ourMedian !== undefined && theirMedian !== undefined ? ourMedian / theirMedian : undefined;
        console.log(
          `  ${name.padEnd(8)} concurrency ${String(concurrency).padStart(2)}: ${formatMs(theirMedian)} ms` +
            `${times.length === 1 ? ' (1 run: too slow to repeat)' : ''}; ` +
            `engine ${formatMs(ourMedian)} ms; ratio ${formatRatio(ratio)}` +
            (problem === undefined ? '' : `  (${problem})`),
        );
      }
    }

    // ---- loading bounds (issue 11) -----------------------------------------------------------------------------
    if (!engineBuild.ok) targetLines.push('n/a   loading bounds: engine not available');
    else if (overBudget()) targetLines.push(`n/a   loading bounds: ${SKIPPED_BUDGET}`);
    else
      for (const line of await measureLoadingBounds({ engineFile: engineBuild.file })) targetLines.push(line);

    console.log('\nTargets (informative; the bench never fails the build):');
    for (const line of targetLines) console.log(`  ${line}`);
    console.log(`\nDone in ${((performance.now() - began) / 1000).toFixed(1)} s.`);
  } finally {
    await server.stop();
    if (engineBuild.ok) await engineBuild.dispose();
  }
}

/**
 * The whole-process rows; with `writeReadme`, also README.md's table.
 * @param {boolean} writeReadme
 * @returns {Promise<string[]>} target lines
 */
async function runWholeProcessSection(writeReadme) {
  const cliFile = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cliFile)) {
    console.log('Whole process: skipped: dist/cli.js is not built (npm run bundle)');
    return ['n/a   whole process: dist/cli.js not built'];
  }
  console.log('Whole process (CLI child against a bare undici child):');
  const result = await measureWholeProcess({ cliFile });
  if (writeReadme) {
    const written = await writeReadmeTable(join(ROOT, 'README.md'), result);
    console.log(
      written ? 'README.md: performance table updated.' : 'README.md: no bench markers found; not updated.',
    );
  }
  console.log('');
  return result.targetLines;
}

try {
  await main();
} catch (error) {
  console.log(
    `\nThe bench stopped early: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}
// A run abandoned after its time limit may still hold sockets: leave now, and always with 0.
process.exit(0);
