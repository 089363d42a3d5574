/**
 * Parses one generated contract with one parser in a fresh process and prints one JSON line:
 * `{ coldMs, warmMs: number[], rssMiB, ok }`. argv[2] is `{ parser, webhooks, samples, engineFile? }`.
 * A fresh process per parser and shape, so the cold figure (first parse: the parser's code is compiled and
 * optimised as it runs) and the memory figure belong to that parser alone.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { makeContractJson, makeContractYaml } from './workload.mjs';

const WARM_RUNS = 10;
const options = JSON.parse(process.argv[2] ?? '{}');
const BENCH_DIR = join(import.meta.dirname, '..');
const ROOT = join(BENCH_DIR, '..');
const fromBench = createRequire(join(BENCH_DIR, 'package.json'));
const fromRoot = createRequire(join(ROOT, 'package.json'));

const shape = {
  url: 'http://127.0.0.1:1/d0',
  count: options.webhooks * options.samples,
  webhooks: options.webhooks,
};
const yamlText = makeContractYaml(shape);
const jsonText = makeContractJson(shape);

/** @type {Record<string, () => () => unknown>} each loads its parser, then returns the parse to time */
const PARSERS = {
  'yaml 2 (parseDocument + toJS)': () => {
    const { parseDocument } = fromBench('yaml');
    return () => parseDocument(yamlText, { uniqueKeys: false, merge: true }).toJS({ maxAliasCount: 1000 });
  },
  'js-yaml 4 (load)': () => {
    const { load } = fromBench('js-yaml-4');
    return () => load(yamlText);
  },
  'js-yaml 5 (parseEvents + constructFromEvents)': () => {
    const { CORE_SCHEMA, constructFromEvents, mergeTag, parseEvents } = fromRoot('js-yaml');
    const schema = CORE_SCHEMA.withTags(mergeTag);
    return () => constructFromEvents(parseEvents(yamlText, { maxDepth: 100 }), { source: yamlText, schema });
  },
  'ours: readYaml (js-yaml 5 events, tree index, value)': () => {
    const { readYaml } = engine;
    return () => {
      const read = readYaml('bench.yml', yamlText);
      if (!read.ok) throw new Error('readYaml refused the bench contract');
      return read;
    };
  },
  'ours: parseContractFiles (YAML, schema, rules)': () => () =>
    engine.parseContractFiles(
      [{ file: 'bench.yml', text: yamlText }],
      {},
      { countSecretCharacters: engine.countSecretCharacters },
    ),
  'JSON.parse (the same data as JSON)': () => () => JSON.parse(jsonText),
};

// Imported before the clock starts, as the CLI has loaded its bundle before it reads a contract.
const engine = options.engineFile === undefined ? {} : await import(pathToFileURL(options.engineFile).href);

try {
  const make = PARSERS[options.parser];
  if (make === undefined) throw new Error(`unknown parser ${options.parser}`);
  const parse = make();
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  parse();
  const coldMs = performance.now() - started;
  // Peak over the first parse: what loading costs a run, which parses once.
  const rssMiB = (process.resourceUsage().maxRSS * 1024 - rssBefore) / (1024 * 1024);
  const warmMs = [];
  for (let run = 0; run < WARM_RUNS; run += 1) {
    started = performance.now();
    parse();
    warmMs.push(performance.now() - started);
  }
  process.stdout.write(`${JSON.stringify({ ok: true, coldMs, warmMs, rssMiB })}\n`);
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stdout.write(`${JSON.stringify({ ok: false, reason })}\n`);
}
