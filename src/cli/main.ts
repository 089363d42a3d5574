#!/usr/bin/env node
/** The CLI's entry: the only module with top-level work. Sets the exit code and lets the process end on its own. */
import { isatty } from 'node:tty';
import type { CliStream } from './run-cli.js';

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
