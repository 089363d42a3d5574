// Builds the committed bundles: dist/index.js (the action) and the CLI, dist/cli.js: a small entry that turns on
// Node's compile cache and then loads the rest, dist/cli-run.js (the cache only helps modules loaded after it),
// which loads ajv, yaml, fast-xml-parser and undici's llhttp parser from their own files (dist/cli-*.cjs) when a run
// first needs them.
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
const cli = await build({
  ...commonOptions,
  metafile: true,
  legalComments: 'linked',
  entryPoints: { cli: 'src/cli-main.ts' },
  outdir: 'dist',
  plugins: [undiciPlugin, createOnDemandPlugin({ split: true }), lazyHttp2Plugin],
  // The dynamic import in src/cli-main.ts becomes its own file, named without a hash so dist/ diffs stay readable.
  splitting: true,
  chunkNames: 'cli-run',
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
  [action.metafile, cli.metafile, ...vendors.map((vendor) => vendor.metafile)],
  `${root}dist/licenses.txt`,
);
