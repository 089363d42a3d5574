// Builds the committed bundles: dist/index.js (the action) and dist/cli.js with dist/cli-run.js (the CLI). The CLI
// loads ajv, js-yaml and fast-xml-parser from files of their own (dist/cli-*.cjs) when a run first needs them.
// Each build trick in scripts/bundle-options.mjs carries its measured gain; `node bench/build-tricks.mjs` measures
// them again.
// First regenerates src/contracts/contract-validator.js, the contract schema compiled ahead of time, and
// src/action/input-defaults.json, action.yml's input defaults.
import { chmodSync } from 'node:fs';
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
} from './bundle-options.mjs';
import { writeContractValidator } from './contract-validator-code.ts';
import { writeInputDefaults } from './input-defaults-code.ts';
import { writeLicenses } from './write-licenses.mjs';

const root = new URL('..', import.meta.url).pathname;
const CLI_TARGET = 'node22';
writeContractValidator(root);
writeInputDefaults(root);

const action = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  entryPoints: ['src/action/main.ts'],
  outfile: 'dist/index.js',
});
// The CLI is two files: dist/cli.js, a small entry that checks the Node version and turns on the compile cache
// (src/cli/compile-cache.ts), then dist/cli-run.js, the CLI itself, which the cache then covers.
const cliEntry = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  // The CLI also runs on Node 22 (src/cli/main.ts checks which); the action on the runner's Node 24.
  target: CLI_TARGET,
  plugins: [cliRunPlugin],
  // The entry requires nothing, and must run on any Node far enough to say which Node it needs.
  banner: {},
});
const cli = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  entryPoints: ['src/cli/run-process.ts'],
  outfile: `dist/${CLI_RUN_FILE}`,
  target: CLI_TARGET,
  plugins: [undiciPlugin, createOnDemandPlugin({ split: true }), lazyHttp2Plugin],
});
// npm makes a package's bin executable when it links it; committed so, a checkout stays as built (git mode 100755).
chmodSync(`${root}dist/cli.js`, 0o755);
const vendors = await Promise.all(
  Object.entries(vendorEntrySources()).map(([name, contents]) =>
    build({
      ...commonOptions,
      metafile: true,
      legalComments: 'linked',
      format: 'cjs',
      target: CLI_TARGET,
      banner: {},
      plugins: [],
      stdin: { contents, resolveDir: root, sourcefile: `${name}-entry.cjs`, loader: 'js' },
      outfile: `dist/${vendorFileName(name)}`,
    }),
  ),
);
writeLicenses(
  root,
  [action.metafile, cliEntry.metafile, cli.metafile, ...vendors.map((vendor) => vendor.metafile)],
  `${root}dist/licenses.txt`,
);
