/** The CLI's entry: the only module with top-level work. Sets the exit code and lets the process end on its own. */
import { main } from './cli.js';

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
