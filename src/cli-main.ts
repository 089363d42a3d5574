#!/usr/bin/env node
/** The CLI's entry: the only module with top-level work. Sets the exit code and lets the process end on its own. */
import module from 'node:module';
import { isatty } from 'node:tty';
import type { CliStream } from './cli.js';

// The CLI is built for Node 24 (the Actions runtime): on an older Node it would fail on a missing API with a
// stack trace, so it says what it needs instead.
const MINIMUM_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) < MINIMUM_NODE_MAJOR) {
  process.stderr.write(
    `webhook-contracts needs Node.js ${MINIMUM_NODE_MAJOR} or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(2);
}

// Node keeps the compiled code of the modules loaded after this in its compile cache (in the temporary directory),
// so a later start skips most of the parsing and compiling. Harmless when the directory is not writable: Node then
// runs without it. That is why the CLI itself is loaded below, by import(): static imports would load first.
module.enableCompileCache();

const { main } = await import('./cli.js');

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
