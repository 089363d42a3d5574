/**
 * Turns the CLI's argv into one typed, validated command. Every mistake is an InputError naming the flag,
 * so the user is told what to change, never shown a stack trace.
 */
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import { parseDuration } from '../contracts/duration.js';
import { InputError } from '../contracts/errors.js';
import type { Shard } from '../engine/ports.js';
import { parseAllowedHosts } from '../requests/allowed-hosts.js';

// Read through getBuiltinModule, not imported: an ES import of `node:util` reads every export, which makes Node
// build the lazy ones (TextDecoder and more): about 4 ms of each CLI start in a profile.
const { parseArgs } = process.getBuiltinModule('node:util');

export const COMMAND_NAMES = ['run', 'render', 'merge'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The contract file `run` and `render` read when no file is named. */
export const DEFAULT_CONTRACT_FILE = 'webhook-contracts.yml';
/** Same as the action's `concurrency` default. */
export const DEFAULT_CONCURRENCY = 8;
/** Marketo is reported to queue past 20 concurrent calls; a little headroom for faster staging, no more. */
export const MAX_CONCURRENCY = 64;
/** Retries exist to ride out a flaky staging server, not to hide a broken one. */
export const MAX_RETRIES = 5;

export interface HelpCommand {
  readonly command: 'help';
  /** Absent: the top-level usage. */
  readonly topic?: CommandName;
}

export interface VersionCommand {
  readonly command: 'version';
}

export interface RunCommand {
  readonly command: 'run';
  readonly files: readonly string[];
  readonly reportJson?: string;
  readonly reportJunit?: string;
  readonly concurrency: number;
  readonly timeoutMs?: number;
  readonly allowedHosts: readonly string[] | 'any';
  readonly shard?: Shard;
  readonly retries: number;
  /** PEM file of extra CA certificates to trust. */
  readonly caFile?: string;
  /** Absent: decided from the environment and the terminal. */
  readonly color?: boolean;
  readonly quiet: boolean;
}

export interface RenderCommand {
  readonly command: 'render';
  readonly files: readonly string[];
  readonly sample?: string;
  readonly webhook?: string;
}

export interface MergeCommand {
  readonly command: 'merge';
  readonly files: readonly string[];
  readonly reportJson?: string;
  readonly reportJunit?: string;
  readonly color?: boolean;
}

export type CliCommand = HelpCommand | VersionCommand | RunCommand | RenderCommand | MergeCommand;

/**
 * Parses argv (without the node binary and script path).
 * @throws InputError for an unknown command or flag, a missing value, or a value out of range.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  // A leading `--` is npm's, not ours: `npx webhook-contracts -- --version` passes it on (it is how the flags
  // reach us under `npm exec`, which would otherwise read `--version` itself), so it is skipped.
  const [first, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (first === undefined) throw new InputError('no command given: use run, render or merge (see --help)');
  if (first === '--help' || first === '-h') return { command: 'help' };
  // `version` as a word too: npm never reads it as one of its own flags.
  if (first === '--version' || first === '-V' || first === 'version') return { command: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help' };
    return { command: 'help', topic: assertCommandName(topic) };
  }
  const command = assertCommandName(first);
  if (wantsHelp(rest)) return { command: 'help', topic: command };
  switch (command) {
    case 'run':
      return parseRunArgs(rest);
    case 'render':
      return parseRenderArgs(rest);
    case 'merge':
      return parseMergeArgs(rest);
  }
}

function assertCommandName(word: string): CommandName {
  if ((COMMAND_NAMES as readonly string[]).includes(word)) return word as CommandName;
  if (word.startsWith('-'))
    throw new InputError(`unknown option ${word}: a command comes first (run, render or merge)`);
  throw new InputError(`unknown command '${word}': use run, render or merge (see --help)`);
}

/** `--help` anywhere before `--` wins over every other flag, even an invalid one. */
function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

const REPORT_OPTIONS = {
  'report-json': { type: 'string' },
  'report-junit': { type: 'string' },
} as const;

const COLOR_OPTION = { color: { type: 'boolean' } } as const;

function parseRunArgs(args: readonly string[]): RunCommand {
  const { values, positionals } = parseCommandArgs('run', args, {
    ...REPORT_OPTIONS,
    ...COLOR_OPTION,
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    'allowed-hosts': { type: 'string', multiple: true },
    shard: { type: 'string' },
    retries: { type: 'string' },
    'ca-file': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  return {
    command: 'run',
    files: positionals.length > 0 ? positionals : [DEFAULT_CONTRACT_FILE],
    ...optional('reportJson', assertReportPath('--report-json', values['report-json'])),
    ...optional('reportJunit', assertReportPath('--report-junit', values['report-junit'])),
    concurrency:
      values.concurrency === undefined
        ? DEFAULT_CONCURRENCY
        : parseIntegerArg('--concurrency', values.concurrency, 1, MAX_CONCURRENCY),
    ...optional('timeoutMs', values.timeout === undefined ? undefined : parseTimeoutArg(values.timeout)),
    allowedHosts:
      values['allowed-hosts'] === undefined ? 'any' : parseAllowedHostsArg(values['allowed-hosts']),
    ...optional('shard', values.shard === undefined ? undefined : parseShardArg(values.shard)),
    retries: values.retries === undefined ? 0 : parseIntegerArg('--retries', values.retries, 0, MAX_RETRIES),
    ...optional('caFile', assertNonEmpty('--ca-file', values['ca-file'])),
    ...optional('color', values.color),
    quiet: values.quiet ?? false,
  };
}

function parseRenderArgs(args: readonly string[]): RenderCommand {
  const { values, positionals } = parseCommandArgs('render', args, {
    sample: { type: 'string' },
    webhook: { type: 'string' },
  });
  return {
    command: 'render',
    files: positionals.length > 0 ? positionals : [DEFAULT_CONTRACT_FILE],
    ...optional('sample', assertNonEmpty('--sample', values.sample)),
    ...optional('webhook', assertNonEmpty('--webhook', values.webhook)),
  };
}

function parseMergeArgs(args: readonly string[]): MergeCommand {
  const { values, positionals } = parseCommandArgs('merge', args, { ...REPORT_OPTIONS, ...COLOR_OPTION });
  // No default here: guessing which JSON files are shard reports would merge the wrong ones.
  if (positionals.length === 0)
    throw new InputError('merge needs the JSON reports to merge, e.g. reports/*.json');
  return {
    command: 'merge',
    files: positionals,
    ...optional('reportJson', assertReportPath('--report-json', values['report-json'])),
    ...optional('reportJunit', assertReportPath('--report-junit', values['report-junit'])),
    ...optional('color', values.color),
  };
}

type OptionSpecs = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** `parseArgs` in strict mode, its errors rewritten to name the flag and the command. */
function parseCommandArgs<const T extends OptionSpecs>(
  command: CommandName,
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true, allowNegative: true });
  } catch (error) {
    throw new InputError(describeParseError(command, error), { cause: error });
  }
}

function describeParseError(command: CommandName, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  // Node's messages quote the flag as '--name', '--name <value>' or '-n, --name'; keep just the long flag.
  const flag = /'(?:-[^-', ], )?(-{1,2}[^' ,]+)/.exec(message)?.[1];
  const see = `(see webhook-contracts ${command} --help)`;
  if (flag === undefined) return `${message} ${see}`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag} for ${command} ${see}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument')
        ? `${flag} takes no value ${see}`
        : `${flag} needs a value ${see}`;
    default:
      return `${flag}: ${message} ${see}`;
  }
}

/** Spreads `{ [key]: value }` only when the value is present (exactOptionalPropertyTypes forbids `undefined`). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function assertNonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new InputError(`${flag} needs a non-empty value`);
  return value;
}

function assertReportPath(flag: string, value: string | undefined): string | undefined {
  return assertNonEmpty(flag, value);
}

/**
 * Parses a whole number within bounds.
 * @throws InputError naming the flag.
 */
export function parseIntegerArg(flag: string, text: string, min: number, max: number): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new InputError(`${flag} must be a whole number, got '${text}'`);
  const value = Number(trimmed);
  if (value < min || value > max)
    throw new InputError(`${flag} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Parses `--timeout` (`10s`, `1.5s`, `500ms`, as contracts write durations) into milliseconds, at most 30 s.
 * @throws InputError naming the flag.
 */
export function parseTimeoutArg(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new InputError(`--timeout must be a duration such as 10s or 500ms, got '${text}'`);
  if (ms < 1) throw new InputError(`--timeout must be at least 1ms, got '${text}'`);
  // Marketo gives up after 30 s; a longer budget would pass a webhook that fails in production.
  if (ms > MARKETO_TIMEOUT_MS) throw new InputError(`--timeout cannot exceed Marketo's 30s, got '${text}'`);
  return ms;
}

/**
 * Parses `--shard i/n` (1-based).
 * @throws InputError naming the flag.
 */
export function parseShardArg(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null)
    throw new InputError(`--shard must look like 1/3 (this shard / shard count), got '${text}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard ${text}: the shard number must be between 1 and the shard count`);
  }
  return { index, count };
}

/**
 * Parses `--allowed-hosts a,b` (repeatable) with the parser the action uses for its input (same entries, same
 * errors). Unlike the action's input, the flag cannot be empty: leaving it out is how to allow any host.
 * @throws InputError naming the flag.
 */
export function parseAllowedHostsArg(values: readonly string[]): readonly string[] {
  const hosts = parseAllowedHosts(values, '--allowed-hosts');
  if (hosts.length === 0) throw new InputError('--allowed-hosts needs at least one host name');
  return hosts;
}
