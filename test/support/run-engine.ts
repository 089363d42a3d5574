/** Runs the engine (`runContracts`) on in-memory contract files, with quiet logs and test-friendly settings. */
import { performance } from 'node:perf_hooks';

import type { CheckResult, RunReport } from '../../src/judging/check-result.js';
import type { ContractSourceFile, HttpClient, Log, RunSettings } from '../../src/engine/ports.js';
import { runContracts } from '../../src/engine/run-contracts.js';
import { makeContractSource } from './make-contract-source.js';

export const SILENT_LOG: Log = { info: () => undefined, warning: () => undefined, debug: () => undefined };

/**
 * Runs `files` through `http`. Settings default to: concurrency 4, a 1 MiB body cap, any host allowed, one
 * attempt, an empty environment; `settings` overrides them.
 */
export async function runEngine(
  files: readonly ContractSourceFile[],
  options: { readonly http: HttpClient; readonly settings?: Partial<RunSettings> },
): Promise<RunReport> {
  const { report } = await runContracts(
    {
      contracts: files.map((source) => source.file),
      concurrency: 4,
      maxBodyBytes: 1024 * 1024,
      allowedHosts: 'any',
      retries: 0,
      env: {},
      ...options.settings,
    },
    { http: options.http, files: makeContractSource(files), log: SILENT_LOG, now: () => performance.now() },
  );
  return report;
}

/** The check of the webhook named `name` (the first, when it has several samples). */
export function findCheck(report: RunReport, name: string): CheckResult {
  const check = report.checks.find((candidate) => candidate.webhook === name);
  if (check === undefined) throw new Error(`no check for ${name}`);
  return check;
}
