// Builds the committed bundles: dist/index.js (the action) and the CLI, dist/cli.js: a small entry that turns on
// Node's compile cache and then loads the rest, dist/cli-run.js (the cache only helps modules loaded after it).
// First regenerates src/core/contract-validator.js, the contract schema compiled ahead of time.
import { build } from 'esbuild';
import { commonOptions } from './bundle-options.mjs';
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
  // The dynamic import in src/cli-main.ts becomes its own file, named without a hash so dist/ diffs stay readable.
  splitting: true,
  chunkNames: 'cli-run',
});
writeLicenses(root, [action.metafile, cli.metafile], `${root}dist/licenses.txt`);
