/**
 * The loopback server every figure is measured against: 127.0.0.1 only, keep-alive, one small JSON answer.
 * The path picks the delay: `/d0` answers at once, `/d25` after 25 ms.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { RESPONSE_BODY } from './workload.mjs';

/** No path may hold a request longer than this, whatever it asks for. */
const MAX_DELAY_MS = 1_000;

const RESPONSE_HEADERS = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(RESPONSE_BODY)),
};

/**
 * @typedef {object} LoopbackServer
 * @property {string} origin `http://127.0.0.1:<port>`
 * @property {number} port
 * @property {() => number} requestCount requests answered since start or the last reset
 * @property {(listener: ((at: number) => void) | undefined) => void} onFirstRequest called once, with
 *   `performance.now()`, when the next request arrives
 * @property {() => number | undefined} lastResponseAt `performance.now()` when the last answer was sent
 * @property {() => void} reset
 * @property {() => Promise<void>} close
 */

/**
 * Starts the server on an ephemeral port.
 * @returns {Promise<LoopbackServer>}
 */
export async function startLoopbackServer() {
  let count = 0;
  /** @type {number | undefined} */
  let lastAnswerAt;
  /** @type {((at: number) => void) | undefined} */
  let firstListener;

  const server = createServer((request, response) => {
    if (firstListener !== undefined) {
      const listener = firstListener;
      firstListener = undefined;
      listener(performance.now());
    }
    const match = /^\/d(\d+)/.exec(request.url ?? '');
    const delayMs = Math.min(Number(match?.[1] ?? 0), MAX_DELAY_MS);
    const answer = () => {
      count += 1;
      response.writeHead(200, RESPONSE_HEADERS);
      response.end(RESPONSE_BODY);
      lastAnswerAt = performance.now();
    };
    // Read the whole request first, as a real service would, then answer after the delay.
    request.resume();
    request.on('end', () => {
      if (delayMs === 0) answer();
      else setTimeout(answer, delayMs);
    });
  });
  // Clients keep their connections between measurements; the default 5 s would close them mid-run.
  server.keepAliveTimeout = 60_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the loopback server has no port');

  return {
    origin: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requestCount: () => count,
    onFirstRequest: (listener) => {
      firstListener = listener;
    },
    lastResponseAt: () => lastAnswerAt,
    reset: () => {
      count = 0;
      lastAnswerAt = undefined;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
