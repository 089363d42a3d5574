/**
 * The CLI: `webhook-contracts run | render | merge`. Reads argv in one place (cli-args), builds the adapters,
 * calls the same engine as the action, prints to the streams it is given and returns the exit code.
 * No work happens at import time; src/cli-main.ts is the entry that calls `main`.
 */
import { performance } from 'node:perf_hooks';

import packageJson from '../../package.json' with { type: 'json' };
import type { MergeCommand, RenderCommand, RunCommand } from './cli-args.js';
import { parseCliArgs } from './cli-args.js';
import { renderUsage } from './cli-usage.js';
import { readConsoleOptions } from './console-options.js';
import { renderRequests } from './render-command.js';
import { createProgressReporter, createSilentProgress } from '../reports/console-progress.js';
import { createContractSource } from '../files/contract-files.js';
import { createMaskingContractSource } from '../files/masking-contract-source.js';
import { readCaFile } from '../http/ca-file.js';
import { createHttpClient } from '../http/http-client.js';
import { readReportFiles, writeReportFile } from '../files/report-files.js';
import type { RunReport } from '../judging/check-result.js';
import { ContractFileError, formatProblem, InputError, ReportFileError } from '../contracts/errors.js';
import { escapeControlCharacters } from '../contracts/escape-control-characters.js';
import { mergeReports } from '../reports/merge-reports.js';
import { withCampaignProjection } from '../reports/campaign-projection.js';
import type { PublicEnvNames } from '../contracts/public-env.js';
import type { ContractSource, Log } from '../engine/ports.js';
import { createGrowingRedactor, createRedactor, redactReport } from '../reports/redaction/redact-secrets.js';
import type { Redact } from '../reports/redaction/redact-secrets.js';
import { renderConsoleTable } from '../reports/render-console-table.js';
import { renderJsonReport } from '../reports/render-json-report.js';
import { renderJunit } from '../reports/render-junit.js';
import { runContracts } from '../engine/run-contracts.js';

/** Exit codes. 0-2 are SPEC section 3; 3 tells CI "the tool broke", not "your contracts are wrong". */
export const EXIT_CODE = { passed: 0, failed: 1, invalid: 2, internal: 3 } as const;

/** Bodies over this are cut off and reported as `too-large` (SPEC section 3). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Where `${NAME}` values, NO_COLOR and FORCE_COLOR are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative contract, report and output paths are resolved from here. */
  readonly cwd: string;
}

/**
 * Runs the CLI with `argv` (without the node binary and script path).
 * Never throws: known errors become messages on stderr and exit code 2, anything else exit code 3.
 * @returns the exit code.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // Every `${NAME}` value is collected as the contract files are read, so that whatever is printed after that,
  // a log line, a contract error or a crash, is redacted.
  const secrets = new Set<string>();
  const redact = createGrowingRedactor(secrets);
  const context: CliContext = { io, secrets, redact };
  try {
    if (argv.length === 0) {
      io.stderr.write(renderUsage());
      return EXIT_CODE.invalid;
    }
    const command = parseCliArgs(argv);
    switch (command.command) {
      case 'help':
        io.stdout.write(renderUsage(command.topic));
        return EXIT_CODE.passed;
      case 'version':
        io.stdout.write(`${packageJson.version}\n`);
        return EXIT_CODE.passed;
      case 'run':
        return await runCommand(command, context);
      case 'render':
        return await renderCommand(command, context);
      case 'merge':
        return await mergeCommand(command, io);
    }
  } catch (error) {
    return reportError(error, io.stderr, redact);
  }
}

/** What a command needs besides its arguments: the streams, and the secrets read so far with their redactor. */
interface CliContext {
  readonly io: CliIo;
  readonly secrets: Set<string>;
  readonly redact: Redact;
}

/** Reads contract files, collecting their secret `${NAME}` values (there is no runner log to mask them in). */
function createCollectingSource(context: CliContext, publicEnv: PublicEnvNames): ContractSource {
  return createMaskingContractSource(createContractSource({ cwd: context.io.cwd }), {
    env: context.io.env,
    publicEnv,
    mask: () => undefined,
    secrets: context.secrets,
  });
}

async function runCommand(command: RunCommand, context: CliContext): Promise<number> {
  const { io } = context;
  const ca = command.caFile === undefined ? undefined : await readCaFile(command.caFile, io.cwd, '--ca-file');
  const http = createHttpClient(ca === undefined ? {} : { ca });
  const now = (): number => performance.now();
  const progress = command.quiet
    ? createSilentProgress()
    : createProgressReporter({ stream: io.stderr, now });
  let result;
  let failed = 0;
  try {
    result = await runContracts(
      {
        contracts: command.files,
        concurrency: command.concurrency,
        maxBodyBytes: MAX_BODY_BYTES,
        allowedHosts: command.allowedHosts,
        retries: command.retries,
        env: io.env,
        publicEnv: command.publicEnv,
        ...(command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs }),
        ...(command.shard === undefined ? {} : { shard: command.shard }),
      },
      {
        http,
        files: createCollectingSource(context, command.publicEnv),
        log: createStderrLog(io, command.quiet, context.redact),
        now,
        onCheck: (check, done, total) => {
          if (!check.passed) failed += 1;
          progress.onCheck(done, total, failed);
        },
      },
    );
  } finally {
    progress.finish();
    await http.close();
  }
  for (const secret of result.secrets) context.secrets.add(secret);
  // Every secret is known now: a redactor of exactly those (none: the report passes as it is, uncopied).
  const report = redactReport(result.report, createRedactor([...context.secrets]));
  return await finishReport(report, command, io);
}

async function mergeCommand(command: MergeCommand, io: CliIo): Promise<number> {
  // Shard reports were redacted when written; merging adds nothing secret.
  const { duplicates, ...report } = mergeReports(await readReportFiles(command.files, io.cwd));
  if (duplicates > 0) {
    // Overlapping shards or a report given twice: harmless for the result, but the matrix is probably wrong.
    io.stderr.write(
      `warning: ${duplicates} check${duplicates === 1 ? ' appears' : 's appear'} in more than one report; the first was kept\n`,
    );
  }
  return await finishReport(report, command, io);
}

/** Prints the table, writes the requested reports, and turns the summary into the exit code. */
async function finishReport(
  report: RunReport,
  command: RunCommand | MergeCommand,
  io: CliIo,
): Promise<number> {
  const projected = withCampaignProjection(report, command.campaignSize);
  io.stdout.write(renderConsoleTable(projected, readConsoleOptions(command, io)));
  if (command.reportJson !== undefined) {
    await writeReportFile('--report-json', command.reportJson, renderJsonReport(projected), io.cwd);
  }
  if (command.reportJunit !== undefined) {
    await writeReportFile('--report-junit', command.reportJunit, renderJunit(report), io.cwd);
  }
  return report.summary.failed > 0 ? EXIT_CODE.failed : EXIT_CODE.passed;
}

async function renderCommand(command: RenderCommand, context: CliContext): Promise<number> {
  const source = createCollectingSource(context, command.publicEnv);
  context.io.stdout.write(await renderRequests(command, { ...context, env: context.io.env, source }));
  return EXIT_CODE.passed;
}

/** Engine messages go to stderr so stdout holds only the table (pipe-friendly). */
function createStderrLog(io: CliIo, quiet: boolean, redact: Redact): Log {
  const debug = (io.env['WEBHOOK_CONTRACTS_DEBUG'] ?? '') !== '';
  return {
    info: (message) => {
      if (!quiet) io.stderr.write(`${escapeControlCharacters(redact(message))}\n`);
    },
    warning: (message) => io.stderr.write(`warning: ${escapeControlCharacters(redact(message))}\n`),
    debug: (message) => {
      if (debug) io.stderr.write(`debug: ${escapeControlCharacters(redact(message))}\n`);
    },
  };
}

/**
 * Known errors are the user's to fix: a clear message, no stack. Anything else is our bug: the stack helps
 * the report, and a distinct exit code keeps CI from blaming the contracts.
 */
function reportError(error: unknown, stderr: CliStream, redact: Redact): number {
  if (error instanceof ContractFileError) {
    // Redacted before formatting: formatting escapes line breaks, which would hide a secret split by one.
    for (const problem of error.problems)
      stderr.write(`${formatProblem({ ...problem, message: redact(problem.message) })}\n`);
    const count = error.problems.length;
    stderr.write(`${count} problem${count === 1 ? '' : 's'} in the contracts; nothing was sent.\n`);
    return EXIT_CODE.invalid;
  }
  if (error instanceof InputError || error instanceof ReportFileError) {
    stderr.write(`webhook-contracts: ${escapeControlCharacters(redact(error.message))}\n`);
    return EXIT_CODE.invalid;
  }
  stderr.write(
    `webhook-contracts: internal error (a bug; please report it with the lines below)\n${describeInternalError(error, redact)}\n`,
  );
  return EXIT_CODE.internal;
}

/** The error and its stack frames. Its message may quote contract text: one line, through the terminal's door. */
function describeInternalError(error: unknown, redact: Redact): string {
  if (!(error instanceof Error)) return escapeControlCharacters(redact(String(error)));
  // Redacted whole before escaping: a secret split by a line break is found only in the whole text.
  const written = `${error.name}: ${error.message}`;
  // The stack starts with the header as written: compared before redaction, or a redacted header loses the frames.
  const frames = error.stack?.startsWith(written) === true ? error.stack.slice(written.length) : '';
  return (
    escapeControlCharacters(redact(written)) +
    frames
      .split('\n')
      .map((frame) => escapeControlCharacters(redact(frame)))
      .join('\n')
  );
}
