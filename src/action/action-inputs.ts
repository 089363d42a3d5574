/**
 * Reads every action input in one place (as `actions/checkout`'s input-helper does). Names live once, here, and
 * match action.yml; defaults live in action.yml only, so an empty string below means "the user left it empty".
 */
import * as core from '@actions/core';

import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import { parseDuration } from '../contracts/duration.js';
import { InputError } from '../contracts/errors.js';
import { parsePublicEnvNames } from '../contracts/public-env.js';
import type { PublicEnvNames } from '../contracts/public-env.js';
import type { Shard } from '../engine/ports.js';
import { parseAllowedHosts } from '../requests/allowed-hosts.js';

/** Input names, exactly as in action.yml. */
export const INPUT = {
  contracts: 'contracts',
  githubToken: 'github-token',
  comment: 'comment',
  failOnFailure: 'fail-on-failure',
  allowedHosts: 'allowed-hosts',
  concurrency: 'concurrency',
  timeout: 'timeout',
  reportJson: 'report-json',
  reportJunit: 'report-junit',
  shard: 'shard',
  retries: 'retries',
  mode: 'mode',
  reports: 'reports',
  caFile: 'ca-file',
  pullRequest: 'pull-request',
  campaignSize: 'campaign-size',
  publicEnv: 'public-env',
} as const;

/** Output names, exactly as in action.yml. */
export const OUTPUT = {
  total: 'total',
  passed: 'passed',
  failed: 'failed',
  report: 'report',
  commentUrl: 'comment-url',
} as const;

export const COMMENT_POLICIES = ['on-failure', 'always', 'never'] as const;
export type CommentPolicy = (typeof COMMENT_POLICIES)[number];

export const ACTION_MODES = ['run', 'merge'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

/** Upper bounds that keep a typo (`concurrency: 8000`) from becoming an accidental load test on staging. */
const MAX_CONCURRENCY = 64;
const MAX_RETRIES = 5;
/** A projection is a sentence, not a load test: any campaign size Marketo users run fits. */
export const MAX_CAMPAIGN_SIZE = 100_000_000;

export interface ActionSettings {
  readonly mode: ActionMode;
  readonly contracts: readonly string[];
  /** Shard JSON reports to merge (`merge` mode). */
  readonly reports: readonly string[];
  readonly githubToken: string;
  readonly comment: CommentPolicy;
  readonly failOnFailure: boolean;
  readonly allowedHosts: readonly string[];
  readonly concurrency: number;
  readonly timeoutMs?: number;
  readonly reportJson?: string;
  readonly reportJunit?: string;
  readonly shard?: Shard;
  readonly retries: number;
  /** PEM file of extra CA certificates for staging endpoints. */
  readonly caFile?: string;
  /** The pull request to comment on; absent: the event's. */
  readonly pullRequest?: number;
  /** Leads in the campaign projection. */
  readonly campaignSize: number;
  /** Variables whose values are not secrets: declared by the workflow, never by a contract file. */
  readonly publicEnv: PublicEnvNames;
}

/**
 * Reads and validates every input.
 *
 * @throws InputError naming the input when a value is invalid.
 */
export function readActionSettings(): Readonly<ActionSettings> {
  const timeoutMs = readTimeout();
  const reportJson = readOptional(INPUT.reportJson);
  const reportJunit = readOptional(INPUT.reportJunit);
  const shard = readShard();
  const caFile = readOptional(INPUT.caFile);
  const pullRequest = readPullRequest();
  const mode = readChoice(INPUT.mode, ACTION_MODES);
  const contracts = core.getMultilineInput(INPUT.contracts);
  const reports = splitList(core.getMultilineInput(INPUT.reports));
  if (mode === 'run' && contracts.length === 0) {
    throw new InputError(`Input '${INPUT.contracts}' is empty: name at least one contract file or glob.`);
  }
  if (mode === 'merge' && reports.length === 0) {
    throw new InputError(`Input '${INPUT.reports}' is empty: merge mode needs the shards' JSON reports.`);
  }
  return {
    mode,
    contracts,
    reports,
    githubToken: core.getInput(INPUT.githubToken),
    comment: readChoice(INPUT.comment, COMMENT_POLICIES),
    failOnFailure: readBoolean(INPUT.failOnFailure),
    allowedHosts: parseAllowedHosts(
      core.getMultilineInput(INPUT.allowedHosts),
      `Input '${INPUT.allowedHosts}'`,
    ),
    concurrency: readInteger(INPUT.concurrency, 1, MAX_CONCURRENCY),
    retries: readInteger(INPUT.retries, 0, MAX_RETRIES),
    campaignSize: readInteger(INPUT.campaignSize, 1, MAX_CAMPAIGN_SIZE),
    publicEnv: parsePublicEnvNames(core.getMultilineInput(INPUT.publicEnv), `Input '${INPUT.publicEnv}'`),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(reportJson === undefined ? {} : { reportJson }),
    ...(reportJunit === undefined ? {} : { reportJunit }),
    ...(shard === undefined ? {} : { shard }),
    ...(caFile === undefined ? {} : { caFile }),
    ...(pullRequest === undefined ? {} : { pullRequest }),
  };
}

/** Lines, and comma-separated items within a line, trimmed, empties dropped. */
function splitList(lines: readonly string[]): string[] {
  return lines
    .flatMap((line) => line.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readOptional(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

function readBoolean(name: string): boolean {
  try {
    return core.getBooleanInput(name);
  } catch (error) {
    // @actions/core's message is right but its type is a plain TypeError: make it an InputError (exit code 2).
    throw new InputError(
      `Input '${name}' must be true or false (YAML 1.2 core schema), not '${core.getInput(name)}'.`,
      { cause: error },
    );
  }
}

function readChoice<T extends string>(name: string, choices: readonly T[]): T {
  const value = core.getInput(name);
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) {
    throw new InputError(`Input '${name}' must be one of ${choices.join(', ')}, not '${value}'.`);
  }
  return choice;
}

function readInteger(name: string, min: number, max: number): number {
  const value = core.getInput(name);
  // Number('') is 0 and Number('1e3') is 1000: accept plain digits only, so what is read is what was written.
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new InputError(`Input '${name}' must be a whole number from ${min} to ${max}, not '${value}'.`);
  }
  return parsed;
}

function readTimeout(): number | undefined {
  const value = core.getInput(INPUT.timeout);
  if (value === '') return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0 || ms > MARKETO_TIMEOUT_MS) {
    throw new InputError(
      `Input '${INPUT.timeout}' must be a duration above 0 and at most 30s (Marketo's own timeout), ` +
        `such as 10s or 2500ms, not '${value}'.`,
    );
  }
  return ms;
}

function readShard(): Shard | undefined {
  const value = core.getInput(INPUT.shard);
  if (value === '') return undefined;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(
      `Input '${INPUT.shard}' must be i/n with 1 <= i <= n, such as 1/3 (from \${{ matrix.shard }}/3), ` +
        `not '${value}'.`,
    );
  }
  return { index, count };
}

function readPullRequest(): number | undefined {
  const value = core.getInput(INPUT.pullRequest);
  if (value === '') return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new InputError(
      `Input '${INPUT.pullRequest}' must be a pull request number such as 42, not '${value}'.`,
    );
  }
  return number;
}
