/**
 * The CLI process: wires the real streams to `main`, sets the exit code and lets the process end on its own.
 * Loaded by main.ts (dist/cli.js) once the Node version is checked and the compile cache is on.
 */
import { isatty } from 'node:tty';
import type { CliStream } from './run-cli.js';
import { main } from './run-cli.js';

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
