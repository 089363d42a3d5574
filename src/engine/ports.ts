/**
 * The interfaces the engine needs from the outside world. Only types live here: the adapters in
 * src/adapters implement them, and tests pass their own.
 */
import type { CallOutcome } from '../judging/call-outcome.js';
import type { CheckResult } from '../judging/check-result.js';
import type { ContractSourceFile, ContractSourceRead } from '../contracts/contract-source.js';
import type { PublicEnvNames } from '../contracts/public-env.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import type { SampleFileRead } from '../contracts/sample-files.js';

export interface SendOptions {
  /** Whole-call budget: connect, headers and body. */
  readonly timeoutMs: number;
  /** Bodies over this are cut off and reported as `too-large`. */
  readonly maxBodyBytes: number;
  /** How failure messages name the request's host (src/requests/describe-host.ts); as written when absent. */
  readonly describeHost?: (url: string) => string;
}

/** Sends one rendered request and reports what happened; never throws for network faults. */
export interface HttpClient {
  send(request: RenderedRequest, options: SendOptions): Promise<CallOutcome>;
  close(): Promise<void>;
}

// What the loader reads is the loader's type; the engine's port hands it over.
export type { ContractSourceFile, ContractSourceRead };

/** Expands paths and globs and reads the contract files; an unreadable file is a problem, not a throw. */
export interface ContractSource {
  read(patterns: readonly string[]): Promise<ContractSourceRead>;
  /**
   * Reads a data file a contract names under `samples:` (`path` relative to `contractFile`); a file outside the
   * repository, too large or unreadable is a message, not a throw. Without it, data files are refused.
   */
  readSampleFile?(contractFile: string, path: string): Promise<SampleFileRead>;
}

export interface Log {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

/** Which part of the suite this job runs: 1-based `index` of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface RunSettings {
  /** Paths or globs of contract files. */
  readonly contracts: readonly string[];
  readonly concurrency: number;
  /** Overrides every contract's timeout; never above Marketo's 30 s. */
  readonly timeoutMs?: number;
  readonly maxBodyBytes: number;
  /** Hosts that may receive a request carrying a secret; `any` lifts the restriction (CLI default). */
  readonly allowedHosts: readonly string[] | 'any';
  readonly shard?: Shard;
  /** Extra attempts for network errors, timeouts, 429 and 503. 0 = one attempt, as Marketo does. */
  readonly retries: number;
  /** Where `${NAME}` values are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The variables of `env` whose values are not secrets (action input `public-env`, `--public-env`). */
  readonly publicEnv?: PublicEnvNames;
}

export interface RunDeps {
  readonly http: HttpClient;
  readonly files: ContractSource;
  readonly log: Log;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
  /** Called as each check finishes (progress lines). */
  readonly onCheck?: (result: CheckResult, done: number, total: number) => void;
}
