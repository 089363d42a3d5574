#!/usr/bin/env node
/** The CLI's entry: the only module with top-level work. Sets the exit code and lets the process end on its own. */
import { isatty } from 'node:tty';
import type { CliStream } from './run-cli.js';

// The CLI is built for Node 24 (the Actions runtime): on an older Node it would fail on a missing API with a
// stack trace, so it says what it needs instead.
const MINIMUM_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) < MINIMUM_NODE_MAJOR) {
  process.stderr.write(
    `webhook-contracts needs Node.js ${MINIMUM_NODE_MAJOR} or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(2);
}

// Imported after the version check: an older Node would fail on a missing API with a stack trace.
const { main } = await import('./run-cli.js');

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
