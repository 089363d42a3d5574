/** One timed run of the engine (`runContracts` with the real HTTP adapter) over an in-memory contract. */
import { performance } from 'node:perf_hooks';

/** Everything the engine logs is dropped: the bench measures the work, not a terminal. */
const SILENT_LOG = { info() {}, warning() {}, debug() {} };

/**
 * @typedef {object} RunTiming
 * @property {number} ms wall time of the whole run
 * @property {number} passed checks (or requests) that came back as expected
 * @property {number} sent requests sent
 * @property {number | undefined} setupMs time from the start to the first request (engine only)
 * @property {string | undefined} firstFailure the first failure's message, when a check failed
 */

/**
 * Runs `runContracts` once. The HTTP client is created before the clock starts and closed after it stops,
 * exactly as the undici loop does with its Agent.
 * @param {import('./build-engine.mjs').EngineModule} engine
 * @param {{ contractText: string, concurrency: number }} options
 * @returns {Promise<RunTiming>}
 */
export async function runEngineOnce(engine, { contractText, concurrency }) {
  const inner = engine.createHttpClient();
  let sent = 0;
  /** @type {number | undefined} */
  let firstSendAt;
  let closed = false;
  // A counting wrapper: one function call per request, to check the engine really sent N requests.
  const http = {
    /** @type {(request: object, options: object) => Promise<object>} */
    send(request, options) {
      sent += 1;
      firstSendAt ??= performance.now();
      return inner.send(request, options);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return inner.close();
    },
  };
  const settings = {
    contracts: ['bench.yml'],
    concurrency,
    maxBodyBytes: 1024 * 1024,
    allowedHosts: 'any',
    retries: 0,
    env: {},
  };
  const deps = {
    http,
    files: { read: async () => ({ files: [{ file: 'bench.yml', text: contractText }], problems: [] }) },
    log: SILENT_LOG,
    now: () => performance.now(),
  };
  const started = performance.now();
  try {
    const { report } = await engine.runContracts(settings, deps);
    const ms = performance.now() - started;
    const failed = report.checks.find((check) => !check.passed);
    return {
      ms,
      passed: report.summary.passed,
      sent,
      setupMs: firstSendAt === undefined ? undefined : firstSendAt - started,
      firstFailure: failed?.failures[0]?.message,
    };
  } finally {
    await http.close();
  }
}
