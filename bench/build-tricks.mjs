// Is each build trick of scripts/bundle-options.mjs worth its lines? Builds the CLI once with every trick and once
// without each one (outside the tree), then times CLI start to first request (spawn -> the loopback server sees
// the request) for all of them in interleaved rounds, so a busy moment hits every variant alike. "same build" is
// the full build again: its difference from "all tricks" is the noise of this run.
//
//   node bench/build-tricks.mjs [rounds]     # default 21 rounds; prints medians and bundle sizes
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

import {
  CLI_RUN_FILE,
  cliRunPlugin,
  commonOptions,
  createOnDemandPlugin,
  lazyHttp2Plugin,
  undiciPlugin,
  vendorEntrySources,
  vendorFileName,
} from '../scripts/bundle-options.mjs';
import { measureCliStart } from './lib/measure-cli-start.mjs';
import { median } from './lib/stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 21);

/** A plugin that resolves src/'s `undici` to `file` (undiciPlugin, given later, then only sees the rest). */
const resolveSrcUndiciTo = (name, file) => ({
  name,
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) =>
      args.importer.startsWith(join(ROOT, 'src')) ? { path: join(ROOT, file) } : undefined,
    );
  },
});

/** src/'s `undici` as the whole package (undiciPlugin then only dedups the @actions copies). */
const fullUndiciPlugin = resolveSrcUndiciTo('bench-full-undici', 'node_modules/undici/index.js');
/** src/'s `undici` to the dispatcher subset, as undiciPlugin does, but the @actions copies left as npm nested them. */
const subsetOnlyPlugin = resolveSrcUndiciTo('bench-subset-only', 'scripts/undici-dispatchers.mjs');

const ALL = [undiciPlugin, createOnDemandPlugin({ split: true }), lazyHttp2Plugin];
const without = (plugin) => ALL.filter((candidate) => candidate !== plugin);
const VARIANTS = {
  'all tricks': { plugins: ALL },
  'same build': { plugins: ALL },
  'no undici subset': { plugins: [fullUndiciPlugin, ...ALL] },
  'no on-demand files': { plugins: without(ALL[1]) },
  'no lazy http2': { plugins: without(lazyHttp2Plugin) },
  'no compile cache': { plugins: ALL, env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  'no minify': { plugins: ALL, minifyWhitespace: false, minifySyntax: false },
};

/** The CLI as scripts/bundle.mjs lays it out: the entry (cli.js), then the CLI itself (cli-run.js). */
async function buildVariant(directory, { plugins, env: _env, ...options }) {
  const shared = { ...commonOptions, ...options, target: 'node22', logLevel: 'error', legalComments: 'none' };
  await build({
    ...shared,
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile: join(directory, 'cli.js'),
    banner: {},
    plugins: [cliRunPlugin],
  });
  await build({
    ...shared,
    entryPoints: [join(ROOT, 'src/cli/run-process.ts')],
    outfile: join(directory, CLI_RUN_FILE),
    plugins,
  });
  for (const [name, contents] of Object.entries(vendorEntrySources())) {
    await build({
      ...shared,
      format: 'cjs',
      banner: {},
      plugins: [],
      stdin: { contents, resolveDir: ROOT, sourcefile: `${name}-entry.cjs`, loader: 'js' },
      outfile: join(directory, vendorFileName(name)),
    });
  }
  const names = await readdir(directory);
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(directory, name))).size));
  return {
    cliBytes: (await stat(join(directory, CLI_RUN_FILE))).size,
    totalBytes: sizes.reduce((a, b) => a + b, 0),
  };
}

/** dist/index.js with and without deduplicating the @actions packages' undici copies. */
async function measureActionDedup(directory) {
  const sizeOf = async (plugins, file) => {
    await build({
      ...commonOptions,
      logLevel: 'error',
      legalComments: 'none',
      entryPoints: [join(ROOT, 'src/action/main.ts')],
      outfile: join(directory, file),
      plugins,
    });
    return (await stat(join(directory, file))).size;
  };
  const onDemand = createOnDemandPlugin({ split: false });
  return {
    deduped: await sizeOf([undiciPlugin, onDemand, lazyHttp2Plugin], 'deduped.js'),
    nested: await sizeOf([subsetOnlyPlugin, onDemand, lazyHttp2Plugin], 'nested.js'),
  };
}

const scratch = await mkdtemp(join(tmpdir(), 'wc-build-tricks-'));
try {
  const built = {};
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const directory = join(scratch, name.replaceAll(' ', '-'));
    built[name] = { directory, env: variant.env, ...(await buildVariant(directory, variant)), samples: [] };
  }
  const dedup = await measureActionDedup(join(scratch, 'action'));
  for (let round = 0; round < ROUNDS; round += 1) {
    // Each round in another order, so no variant always runs right after the same one.
    const names = Object.keys(built);
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const result = await measureCliStart({
        cliFile: join(built[name].directory, 'cli.js'),
        runs: 1,
        env: built[name].env,
      });
      if (!result.ok) throw new Error(`${name}: ${result.reason}`);
      built[name].samples.push(...result.samplesMs);
    }
  }
  const base = median(built['all tricks'].samples);
  console.log(
    `CLI start to first request, ${ROUNDS} interleaved rounds (medians; delta = slower than all tricks; paired = median of the per-round differences):`,
  );
  for (const [name, variant] of Object.entries(built)) {
    const ms = median(variant.samples);
    // Paired: the same round's difference, so a busy stretch that slows a whole round cancels out.
    const paired = median(variant.samples.map((sample, i) => sample - (built['all tricks'].samples[i] ?? 0)));
    console.log(
      `  ${name.padEnd(20)} ${ms.toFixed(1).padStart(7)} ms  delta ${(ms - base).toFixed(1).padStart(6)} ms  ` +
        `paired ${paired.toFixed(1).padStart(6)} ms  ` +
        `cli-run.js ${(variant.cliBytes / 1024).toFixed(0).padStart(5)} KiB  all files ${(variant.totalBytes / 1024).toFixed(0)} KiB`,
    );
  }
  console.log(
    `dist/index.js: ${(dedup.deduped / 1024).toFixed(0)} KiB with the @actions undici copies deduplicated, ` +
      `${(dedup.nested / 1024).toFixed(0)} KiB without`,
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
