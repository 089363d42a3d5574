/**
 * The baseline: the same N POST requests with `undici.request` through one Agent at the same concurrency,
 * reading each body and parsing it as JSON, and nothing else. The engine cannot be faster than this; the
 * ratio engine / undici is its overhead.
 */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { makeRequestBody } from './workload.mjs';

const HEADERS = { 'content-type': 'application/json' };

/**
 * @param {{ url: string, count: number, concurrency: number, samples?: number }} options `samples`: request
 *   `index` sends sample `index % samples`'s body, as the engine does when several webhooks share the samples
 * @returns {Promise<import('./measure-engine.mjs').RunTiming>}
 */
export async function runUndiciOnce({ url, count, concurrency, samples = count }) {
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  let next = 0;
  let passed = 0;
  let sent = 0;
  const worker = async () => {
    // Bounded: each worker takes indexes until all `count` are taken.
    for (let index = next++; index < count; index = next++) {
      sent += 1;
      const response = await request(url, {
        method: 'POST',
        headers: HEADERS,
        body: makeRequestBody(index % samples),
        dispatcher: agent,
      });
      const data = JSON.parse(await response.body.text());
      if (response.statusCode === 200 && data?.data?.score === 42) passed += 1;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ms: performance.now() - started, passed, sent, setupMs: undefined, firstFailure: undefined };
  } finally {
    await agent.close();
  }
}
