#!/usr/bin/env node
/** The CLI's entry: the only module with top-level work. Sets the exit code and lets the process end on its own. */
import module from 'node:module';

// Node keeps the compiled code of the modules loaded after this in its compile cache (in the temporary directory),
// so a later start skips most of the parsing and compiling. Harmless when the directory is not writable: Node then
// runs without it. That is why the CLI itself is loaded below, by import(): static imports would load first.
module.enableCompileCache();

const { main } = await import('./cli.js');

// `webhook-contracts run | head` closes stdout early: that is the reader's choice, not a crash to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
