// Builds the two committed bundles: dist/index.js (the action) and dist/cli.js (the CLI).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  legalComments: 'linked',
  treeShaking: true,
  logLevel: 'warning',
  // Some CommonJS dependencies call require() at run time; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/action-main.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/cli-main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
