// Builds the committed bundles: dist/index.js (the action) and the CLI, dist/cli.js: a small entry that loads the
// rest, dist/cli-run.cjs, with a code cache (src/adapters/code-cache-loader.ts); it loads ajv, yaml, fast-xml-parser
// and undici's llhttp parser from files of their own (dist/cli-*.cjs) when a run first needs them.
// First regenerates src/core/contract-validator.js, the contract schema compiled ahead of time.
import { build } from 'esbuild';
import {
  commonOptions,
  createOnDemandPlugin,
  lazyHttp2Plugin,
  undiciPlugin,
  vendorEntrySources,
  vendorFileName,
} from './bundle-options.mjs';
import { writeContractValidator } from './contract-validator-code.ts';
import { writeLicenses } from './write-licenses.mjs';

const root = new URL('..', import.meta.url).pathname;
writeContractValidator(root);

const action = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  entryPoints: ['src/action-main.ts'],
  outfile: 'dist/index.js',
});
// The CLI's entry (its Node version check and the code-cache loader) and the CLI proper, a CommonJS file the entry
// loads with its code cache (src/adapters/code-cache-loader.ts).
const cliEntry = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  entryPoints: ['src/cli-main.ts'],
  outfile: 'dist/cli.js',
});
const cli = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  format: 'cjs',
  banner: {},
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli-run.cjs',
  plugins: [undiciPlugin, createOnDemandPlugin({ split: true }), lazyHttp2Plugin],
});
const vendors = await Promise.all(
  Object.entries(vendorEntrySources()).map(([name, contents]) =>
    build({
      ...commonOptions,
      metafile: true,
      legalComments: 'linked',
      format: 'cjs',
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
