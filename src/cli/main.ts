#!/usr/bin/env node
/**
 * The CLI's entry (dist/cli.js): checks the Node version, turns on the compile cache, then loads the CLI
 * (dist/cli-run.js, a file of its own so that the cache covers it).
 */
// The CLI runs on Node 22.17 or later (the action on the runner's Node 24): 22.17 made `fs.glob`, which expands
// contract globs, stable (22.16 warns that it is experimental). On an older Node the CLI would fail on a missing
// API with a stack trace, so it says what it needs instead. test/integration/cli.test.ts runs on Node 22 in CI.
const MINIMUM_NODE = [22, 17] as const;
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor < MINIMUM_NODE[1])) {
  process.stderr.write(
    `webhook-contracts needs Node.js ${MINIMUM_NODE.join('.')} or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(2);
}

const { enableCompileCache } = await import('./compile-cache.js');
enableCompileCache(process.env);
// Imported after the version check (an older Node would fail on a missing API with a stack trace) and after the
// cache is on (it covers only what is compiled later).
await import('./run-process.js');
