/**
 * Turns the CLI's argv into one typed, validated command. Every mistake is an InputError naming the flag,
 * so the user is told what to change, never shown a stack trace.
 */
import { InputError } from '../contracts/errors.js';
import { parsePublicEnvNames } from '../contracts/public-env.js';
import type { PublicEnvNames } from '../contracts/public-env.js';
import type { Shard } from '../engine/ports.js';
import {
  parseAllowedHostsArg,
  parseIntegerArg,
  parseShardArg,
  parseTimeoutArg,
} from './parse-option-values.js';

export { parseAllowedHostsArg, parseIntegerArg, parseShardArg, parseTimeoutArg };

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
/** Same as the action's `campaign-size` default: the leads the campaign projection assumes. */
export const DEFAULT_CAMPAIGN_SIZE = 10_000;
export const MAX_CAMPAIGN_SIZE = 100_000_000;

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
  /** Leads in the campaign projection. */
  readonly campaignSize: number;
  /** Never cut the table, even on a terminal. */
  readonly wide: boolean;
  /** Only the failing checks' rows. */
  readonly failuresOnly: boolean;
  /** Variables whose values are not secrets (`--public-env`). */
  readonly publicEnv: PublicEnvNames;
}

export interface RenderCommand {
  readonly command: 'render';
  readonly files: readonly string[];
  readonly publicEnv: PublicEnvNames;
  readonly sample?: string;
  readonly webhook?: string;
}

export interface MergeCommand {
  readonly command: 'merge';
  readonly files: readonly string[];
  readonly reportJson?: string;
  readonly reportJunit?: string;
  readonly color?: boolean;
  readonly campaignSize: number;
  readonly wide: boolean;
  readonly failuresOnly: boolean;
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
const CAMPAIGN_OPTION = { 'campaign-size': { type: 'string' } } as const;
const TABLE_OPTIONS = { wide: { type: 'boolean' }, 'failures-only': { type: 'boolean' } } as const;
// Repeatable, each a comma-separated list, as `--allowed-hosts`.
const PUBLIC_ENV_OPTION = { 'public-env': { type: 'string', multiple: true } } as const;

function parsePublicEnvArg(values: readonly string[] | undefined): PublicEnvNames {
  return parsePublicEnvNames(values ?? [], '--public-env');
}

function parseCampaignSize(value: string | undefined): number {
  return value === undefined
    ? DEFAULT_CAMPAIGN_SIZE
    : parseIntegerArg('--campaign-size', value, 1, MAX_CAMPAIGN_SIZE);
}

function parseRunArgs(args: readonly string[]): RunCommand {
  const { values, positionals } = parseCommandArgs('run', args, {
    ...REPORT_OPTIONS,
    ...COLOR_OPTION,
    ...CAMPAIGN_OPTION,
    ...TABLE_OPTIONS,
    ...PUBLIC_ENV_OPTION,
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
    campaignSize: parseCampaignSize(values['campaign-size']),
    wide: values.wide ?? false,
    failuresOnly: values['failures-only'] ?? false,
    publicEnv: parsePublicEnvArg(values['public-env']),
  };
}

function parseRenderArgs(args: readonly string[]): RenderCommand {
  const { values, positionals } = parseCommandArgs('render', args, {
    ...PUBLIC_ENV_OPTION,
    sample: { type: 'string' },
    webhook: { type: 'string' },
  });
  return {
    command: 'render',
    files: positionals.length > 0 ? positionals : [DEFAULT_CONTRACT_FILE],
    publicEnv: parsePublicEnvArg(values['public-env']),
    ...optional('sample', assertNonEmpty('--sample', values.sample)),
    ...optional('webhook', assertNonEmpty('--webhook', values.webhook)),
  };
}

function parseMergeArgs(args: readonly string[]): MergeCommand {
  const { values, positionals } = parseCommandArgs('merge', args, {
    ...REPORT_OPTIONS,
    ...COLOR_OPTION,
    ...CAMPAIGN_OPTION,
    ...TABLE_OPTIONS,
  });
  // No default here: guessing which JSON files are shard reports would merge the wrong ones.
  if (positionals.length === 0)
    throw new InputError('merge needs the JSON reports to merge, e.g. reports/*.json');
  return {
    command: 'merge',
    files: positionals,
    ...optional('reportJson', assertReportPath('--report-json', values['report-json'])),
    ...optional('reportJunit', assertReportPath('--report-junit', values['report-junit'])),
    ...optional('color', values.color),
    campaignSize: parseCampaignSize(values['campaign-size']),
    wide: values.wide ?? false,
    failuresOnly: values['failures-only'] ?? false,
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
