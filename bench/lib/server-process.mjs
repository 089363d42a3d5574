/** Starts and stops the loopback server's child process (see server-child.mjs). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
const START_TIMEOUT_MS = 10_000;

/**
 * @typedef {object} ServerProcess
 * @property {string} origin
 * @property {() => Promise<void>} stop
 */

/**
 * Forks the server and waits for its port.
 * @returns {Promise<ServerProcess>}
 */
export async function startServerProcess() {
  const child = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: {} });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the server process did not start in 10 s')),
      START_TIMEOUT_MS,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(/** @type {{ port: number }} */ (message).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited with ${code}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
