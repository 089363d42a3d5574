/**
 * Newman and Step CI on the same workload, when `npm --prefix bench install` has put them in
 * bench/node_modules. They are never imported from anywhere else, and never required.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makePostmanCollection, makeStepciWorkflow } from './workload.mjs';

/**
 * @typedef {{ installed: false } | { installed: true, run: (options: { url: string, count: number, concurrency: number }) => Promise<import('./measure-engine.mjs').RunTiming> }} Competitor
 */

/**
 * @param {string} benchDir
 * @param {string} name
 * @returns {((id: string) => unknown) | undefined}
 */
function tryRequireFrom(benchDir, name) {
  if (!existsSync(join(benchDir, 'node_modules', name, 'package.json'))) return undefined;
  return createRequire(join(benchDir, 'package.json'));
}

/**
 * Newman runs a collection's requests one after another: it has no concurrency.
 * @param {string} benchDir
 * @returns {Competitor}
 */
export function loadNewman(benchDir) {
  const require = tryRequireFrom(benchDir, 'newman');
  if (require === undefined) return { installed: false };
  const newman =
    /** @type {{ run: (options: object, callback: (error: unknown, summary: any) => void) => void }} */ (
      require('newman')
    );
  return {
    installed: true,
    run: ({ url, count }) =>
      new Promise((resolve, reject) => {
        const collection = makePostmanCollection({ url, count });
        const started = performance.now();
        newman.run({ collection, reporters: [], timeoutRequest: 30_000 }, (error, summary) => {
          const ms = performance.now() - started;
          if (error) return reject(error);
          const stats = summary.run.stats;
          const failedAssertions = stats.assertions.failed + stats.testScripts.failed;
          const firstFailure = summary.run.failures[0]?.error?.message;
          resolve({
            ms,
            sent: stats.requests.total,
            passed: failedAssertions === 0 ? stats.requests.total - stats.requests.failed : 0,
            setupMs: undefined,
            firstFailure,
          });
        });
      }),
  };
}

/**
 * Step CI runs tests concurrently (its `concurrency` option) and each test's steps in order.
 * @param {string} benchDir
 * @returns {Competitor}
 */
export function loadStepci(benchDir) {
  const require = tryRequireFrom(benchDir, '@stepci/runner');
  if (require === undefined) return { installed: false };
  const stepci = /** @type {{ run: (workflow: object, options: object) => Promise<any> }} */ (
    require('@stepci/runner')
  );
  return {
    installed: true,
    run: async ({ url, count, concurrency }) => {
      const workflow = makeStepciWorkflow({ url, count });
      const started = performance.now();
      const { result } = await stepci.run(workflow, { concurrency });
      const ms = performance.now() - started;
      /** @type {any[]} */
      const steps = result.tests.flatMap((/** @type {any} */ test) => test.steps);
      const failed = steps.find((step) => !step.passed);
      return {
        ms,
        sent: steps.length,
        passed: steps.filter((step) => step.passed).length,
        setupMs: undefined,
        firstFailure:
          failed === undefined ? undefined : (failed.errorMessage ?? JSON.stringify(failed.checks)),
      };
    },
  };
}
