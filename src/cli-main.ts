#!/usr/bin/env node
/** The CLI's entry: the only module with top-level work. Sets the exit code and lets the process end on its own. */
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import type { CliStream, main as CliMain } from './cli.js';

// The CLI is built for Node 24 (the Actions runtime): on an older Node it would fail on a missing API with a
// stack trace, so it says what it needs instead.
const MINIMUM_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) < MINIMUM_NODE_MAJOR) {
  process.stderr.write(
    `webhook-contracts needs Node.js ${MINIMUM_NODE_MAJOR} or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(2);
}

// The CLI proper is a CommonJS bundle beside this file (dist/cli-run.cjs, built from ./cli.ts), loaded with a code
// cache written after each run (see code-cache-loader.ts); this entry is only ever run bundled.
// Imported after the version check: the loader uses APIs an older Node lacks (process.getBuiltinModule).
const { createCodeCacheLoader, defaultCodeCacheDirectory } = await import('./adapters/code-cache-loader.js');
const loader = createCodeCacheLoader({ directory: defaultCodeCacheDirectory() });
const { main } = loader.load(fileURLToPath(new URL('./cli-run.cjs', import.meta.url))) as {
  main: typeof CliMain;
};
// Only a run that fired its checks (exit 0 or 1) writes the cache: it exists to speed up a run's start, and a
// `--help` or a run stopped by a contract error would cache too little of it.
process.once('exit', (code) => {
  if (process.argv[2] === 'run' && (code === 0 || code === 1)) loader.save();
});

let stdoutWatched = false;
// process.stdout and process.stderr are made on first use, which costs milliseconds before the first request:
// the CLI reads whether each is a terminal from its file descriptor, and touches the stream only to write.
const stdout: CliStream = {
  write: (text) => {
    if (!stdoutWatched) {
      stdoutWatched = true;
      // `webhook-contracts run | head` closes stdout early: that is the reader's choice, not a crash to report.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
    }
    return process.stdout.write(text);
  },
  isTTY: isatty(1),
  get columns() {
    return process.stdout.columns;
  },
};
const stderr: CliStream = {
  write: (text) => process.stderr.write(text),
  isTTY: isatty(2),
  get columns() {
    return process.stderr.columns;
  },
};

process.exitCode = await main(process.argv.slice(2), {
  stdout,
  stderr,
  env: process.env,
  cwd: process.cwd(),
});
