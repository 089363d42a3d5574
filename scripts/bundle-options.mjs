/**
 * The esbuild options every bundle of ours shares: scripts/bundle.mjs (dist/) and the bench's engine build
 * (bench/lib/build-engine.mjs), so the bench measures what ships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src') + sep;
const UNDICI_DISPATCHERS = join(ROOT, 'scripts', 'undici-dispatchers.mjs');

/**
 * Every copy of undici nested under node_modules/@actions, by version: the first path in sorted order is the one
 * bundled, so the choice does not depend on the order esbuild resolves in.
 * @returns {Map<string, string>} version -> index.js of the chosen copy
 */
function findActionsUndiciCopies() {
  /** @type {string[]} */
  const found = [];
  const walk = (/** @type {string} */ directory, /** @type {number} */ depth) => {
    const undici = join(directory, 'node_modules', 'undici', 'package.json');
    if (existsSync(undici)) found.push(dirname(undici));
    if (depth === 0 || !existsSync(join(directory, 'node_modules', '@actions'))) return;
    for (const name of readdirSync(join(directory, 'node_modules', '@actions')).sort()) {
      walk(join(directory, 'node_modules', '@actions', name), depth - 1);
    }
  };
  walk(ROOT, 3);
  /** @type {Map<string, string>} */
  const byVersion = new Map();
  for (const directory of found.filter((path) => path.includes(`${sep}@actions${sep}`)).sort()) {
    const { version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    if (!byVersion.has(version)) byVersion.set(version, join(directory, 'index.js'));
  }
  return byVersion;
}

/**
 * `undici` imported from src/ resolves to scripts/undici-dispatchers.mjs (only the dispatchers we use): CLI start
 * to first request 50-106 ms faster, dist/cli.js 782 -> 457 KiB (bench/build-tricks.mjs, medians of 31, 31 and 41 interleaved starts on a loaded 2-core machine, where building the same bundle twice differed by up to 35 ms). The `@actions/*` packages each nest
 * their own copy of undici 6; copies of the same version are bundled once instead of two or three times:
 * dist/index.js 2416 -> 1874 KiB (size only; the action's start was not measured).
 * @type {import('esbuild').Plugin}
 */
export const undiciPlugin = {
  name: 'webhook-contracts-undici',
  setup(build) {
    const copies = findActionsUndiciCopies();
    build.onResolve({ filter: /^undici$/ }, (args) => {
      if (args.importer.startsWith(SRC)) return { path: UNDICI_DISPATCHERS };
      if (!args.importer.includes(`${sep}node_modules${sep}@actions${sep}`)) return undefined;
      const index = createRequire(args.importer).resolve('undici');
      const { version } = JSON.parse(readFileSync(join(dirname(index), 'package.json'), 'utf8'));
      return { path: copies.get(version) ?? index };
    });
  },
};

/**
 * Packages src/ needs only for some runs, grouped by the file they ship in when split out: ajv (a contract with
 * `expect.schema`, a report to merge; re2js runs its patterns), the YAML parser (js-yaml, in `cli-yaml.cjs`: not needed by `--help` or
 * `merge`) and fast-xml-parser (XML responses only).
 */
export const ON_DEMAND_GROUPS = {
  ajv: ['ajv', 'ajv/dist/2019.js', 'ajv/dist/2020.js', 'ajv-formats', 're2js'],
  yaml: ['js-yaml'],
  'fast-xml-parser': ['fast-xml-parser'],
  // Its decoding tables are built when it loads (10 ms of start on a busy machine); only redaction of a run with
  // secrets reads entities.
  entities: ['entities'],
};

/** The file the CLI loads group `group` from, beside dist/cli.js. */
export function vendorFileName(group) {
  return `cli-${group}.cjs`;
}

/**
 * The packages of ON_DEMAND_GROUPS are loaded on first use rather than at every start: src/'s import gets a module
 * whose exports are getters that load the package then. Inline (the action, the bench), the package is bundled
 * and only its evaluation waits; split (the CLI), it lives in its own file (`vendorFileName`, built by
 * scripts/bundle.mjs), so a run that never needs ajv does not even read it: a smaller file to read and compile at
 * each start (dist/cli.js 1018 -> 457 KiB; start 11-73 ms faster, above that noise in two runs of three). Tests
 * and type checks use the packages directly.
 * @param {{ split: boolean }} options
 * @returns {import('esbuild').Plugin}
 */
export function createOnDemandPlugin({ split }) {
  const groupOf = new Map(
    Object.entries(ON_DEMAND_GROUPS).flatMap(([group, specifiers]) =>
      specifiers.map((specifier) => [specifier, group]),
    ),
  );
  return {
    name: 'webhook-contracts-on-demand',
    setup(build) {
      const require = createRequire(join(ROOT, 'package.json'));
      build.onResolve({ filter: /^(ajv|js-yaml|fast-xml-parser|re2js|entities)/ }, (args) =>
        args.importer.startsWith(SRC) && groupOf.has(args.path)
          ? { path: args.path, namespace: 'on-demand' }
          : undefined,
      );
      // The split form's require of the group's file is left for Node to resolve, beside the bundle, at run time.
      build.onResolve({ filter: /^\.\/cli-.*\.cjs$/, namespace: 'on-demand' }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => {
        // Every export the package has (a function's own `name`, `length`, `prototype` are not exports).
        const names = Object.getOwnPropertyNames(require(args.path)).filter(
          (name) => !['length', 'name', 'prototype', 'arguments', 'caller'].includes(name),
        );
        const source = split
          ? `require(${JSON.stringify(`./${vendorFileName(groupOf.get(args.path))}`)})[${JSON.stringify(args.path)}]`
          : `require(${JSON.stringify(args.path)})`;
        const contents = [
          `let loaded;`,
          `const load = () => (loaded ??= ${source});`,
          `for (const name of ${JSON.stringify(names)}) {`,
          `  Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });`,
          `}`,
        ].join('\n');
        return { contents, loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

/**
 * The source of each file the split CLI loads on demand, by its name for `vendorFileName`: for a group of
 * ON_DEMAND_GROUPS: an object of its packages by specifier.
 * @returns {Record<string, string>}
 */
export function vendorEntrySources() {
  const sources = {};
  for (const [group, specifiers] of Object.entries(ON_DEMAND_GROUPS)) {
    sources[group] =
      `module.exports = {\n${specifiers.map((specifier) => `  ${JSON.stringify(specifier)}: require(${JSON.stringify(specifier)}),`).join('\n')}\n};\n`;
  }
  return sources;
}

/**
 * undici's Client requires its HTTP/2 half (`client-h2.js`, which loads `node:http2`) at start, though it is
 * used only when a TLS connection negotiates h2, which ours never offer (`allowH2` is off). In the bundles that
 * require becomes a function that loads client-h2 on its first call: 17-27 ms less at every CLI start, in each of
 * three runs (within their noise, but the same sign and size each time, and as an earlier A/B found: 17 ms), and
 * HTTP/2 still works if it is ever enabled.
 * @type {import('esbuild').Plugin}
 */
export const lazyHttp2Plugin = {
  name: 'webhook-contracts-lazy-http2',
  setup(build) {
    build.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      args.importer.endsWith(join('undici', 'lib', 'dispatcher', 'client.js')) && args.namespace === 'file'
        ? // Relative to the root: the path names the module in the bundle, which must not depend on the checkout's place.
          { path: relative(ROOT, join(dirname(args.importer), 'client-h2.js')), namespace: 'lazy-client-h2' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-client-h2' }, (args) => ({
      contents: `module.exports = function connectH2(client, socket) { return require(${JSON.stringify(join(ROOT, args.path))})(client, socket); };`,
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
export const commonOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  treeShaking: true,
  // Whitespace and syntax only: a third less to ship and read (dist/cli.js 673 -> 457 KiB, every CLI file
  // 1685 -> 1183 KiB); its effect on CLI start was within noise (+41, +15, -15 ms). Names stay as written, so
  // stack traces remain readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [undiciPlugin, createOnDemandPlugin({ split: false }), lazyHttp2Plugin],
  // Some CommonJS dependencies call require() at run time; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);",
  },
};

/** The CLI itself, loaded by dist/cli.js once the compile cache is on (src/cli/main.ts). */
export const CLI_RUN_FILE = 'cli-run.js';

/**
 * dist/cli.js keeps its import of the CLI (src/cli/run-process.ts) as an import of dist/cli-run.js, a file of its
 * own: Node's compile cache covers only files compiled after it is turned on. The cache makes CLI start to first
 * request 12 ms faster (paired median of 15 interleaved rounds of bench/build-tricks.mjs, load average about 3).
 * @type {import('esbuild').Plugin}
 */
export const cliRunPlugin = {
  name: 'webhook-contracts-cli-run',
  setup(build) {
    build.onResolve({ filter: /^\.\/run-process\.js$/ }, () => ({
      path: `./${CLI_RUN_FILE}`,
      external: true,
    }));
  },
};
