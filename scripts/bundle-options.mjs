/**
 * The esbuild options every bundle of ours shares: scripts/bundle.mjs (dist/) and the bench's engine build
 * (bench/lib/build-engine.mjs), so the bench measures what ships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
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
 * `undici` imported from src/ resolves to scripts/undici-dispatchers.mjs (only the dispatchers we use). The
 * `@actions/*` packages each nest their own copy of undici 6; copies of the same version are bundled once instead
 * of two or three times.
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
 * Packages src/ needs only for some runs: ajv (a contract with `expect.schema`, a report to merge), yaml (not
 * needed by `--help` or `merge`) and fast-xml-parser (XML responses only). In the bundles they are loaded on first use rather than at every start (about
 * 20 ms of the CLI's start): src/'s import gets a module whose exports are getters that load the package then.
 * Tests and type checks use the packages directly.
 * @type {import('esbuild').Plugin}
 */
export const onDemandPlugin = {
  name: 'webhook-contracts-on-demand',
  setup(build) {
    const require = createRequire(join(ROOT, 'package.json'));
    build.onResolve(
      { filter: /^(ajv|ajv\/dist\/2019\.js|ajv\/dist\/2020\.js|ajv-formats|yaml|fast-xml-parser)$/ },
      (args) => (args.importer.startsWith(SRC) ? { path: args.path, namespace: 'on-demand' } : undefined),
    );
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => {
      // Every export the package has (a function's own `name`, `length`, `prototype` are not exports).
      const names = Object.getOwnPropertyNames(require(args.path)).filter(
        (name) => !['length', 'name', 'prototype', 'arguments', 'caller'].includes(name),
      );
      const contents = [
        `let loaded;`,
        `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        `for (const name of ${JSON.stringify(names)}) {`,
        `  Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });`,
        `}`,
      ].join('\n');
      return { contents, loader: 'js', resolveDir: ROOT };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
export const commonOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  treeShaking: true,
  // Whitespace and syntax only: a fifth less for Node to read and compile at each start (measured: the CLI's
  // import went from about 111 ms to 83 ms), while names stay as written, so stack traces remain readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [undiciPlugin, onDemandPlugin],
  // Some CommonJS dependencies call require() at run time; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);",
  },
};
