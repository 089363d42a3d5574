// `npm start`: the whole tool in one minute, with nothing to set up.
// Builds the CLI if needed, starts examples/staging-server.mjs on a free 127.0.0.1 port, runs
// examples/webhook-contracts.yml against it and prints the table. Some checks fail on purpose (each shows one
// common failure), so the demo exits 0 when the run did its job; only a broken demo (exit 2 or 3) fails it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { startStagingServer } from '../examples/staging-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const contracts = path.join('examples', 'webhook-contracts.yml');
// A made-up key: the demo shows that it is required by the server and masked in the output.
const apiKey = 'demo-key-0c5d7e';

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: building it (npm run bundle)...');
  const built = await runNode([path.join(root, 'scripts', 'bundle.mjs')], process.env);
  if (built !== 0) {
    console.error('the build failed; see the messages above');
    process.exit(built ?? 1);
  }
}

const server = await startStagingServer({ apiKey });
let code;
try {
  console.error(`staging server on ${server.url}; running ${contracts}\n`);
  code = await runNode([cli, 'run', contracts], {
    ...process.env,
    STAGING_URL: server.url,
    SCORING_KEY: apiKey,
  });
} finally {
  await server.close();
}

if (code === 0 || code === 1) {
  console.error(
    '\nSome checks failed on purpose: each failing webhook in examples/webhook-contracts.yml shows one common' +
      '\nfailure. The CLI exited with ' +
      code +
      ' (1 = a check failed); in CI that fails the job. See docs/contracts.md.',
  );
  process.exitCode = 0;
} else {
  console.error(`\nthe demo itself is broken: the CLI exited with ${code}`);
  process.exitCode = code ?? 1;
}

/** Runs a Node script with the same Node binary, output straight to this terminal. */
function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(signal === null ? exitCode : 1));
  });
}
