/**
 * The GitHub Action: reads the inputs, runs the contracts (or merges shard reports), and reports the result as
 * outputs, annotations, a job summary and one sticky pull request comment.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';

import * as core from '@actions/core';

import type { ActionSettings } from './action-inputs.js';
import { INPUT, OUTPUT, readActionSettings } from './action-inputs.js';
import { annotateContractProblems, annotateFailedChecks } from './annotations.js';
import { createContractSource } from '../files/contract-files.js';
import { readReportFiles, writeReportFile } from '../files/report-files.js';
import { readCaFile } from '../http/ca-file.js';
import { createProgressReporter } from '../reports/console-progress.js';
import { createHttpClient } from '../http/http-client.js';
import { fitToBytes, MAX_SUMMARY_BYTES, renderErrorSummary, writeJobSummary } from './job-summary.js';
import { addSecret, createMaskingContractSource } from '../files/masking-contract-source.js';
import { postPullRequestComment } from './pull-request-comment.js';
import {
  endLogGroup,
  logDebug,
  logError,
  logFailure,
  logInfo,
  logWarning,
  startLogGroup,
} from './runner-log.js';
import type { CheckResult, RunReport } from '../judging/check-result.js';
import { ContractFileError, InputError, ReportFileError } from '../contracts/errors.js';
import { mergeReports } from '../reports/merge-reports.js';
import { createGrowingRedactor, createRedactor, redactReport } from '../reports/redaction/redact-secrets.js';
import { renderJsonReport } from '../reports/render-json-report.js';
import { renderJunit } from '../reports/render-junit.js';
import { renderSummaryMarkdown } from '../reports/render-summary-markdown.js';
import { withCampaignProjection } from '../reports/campaign-projection.js';
import { runContracts } from '../engine/run-contracts.js';
import { applyInputDefaults } from './input-defaults.js';

/** Bodies over this are cut off and reported as `too-large` (SPEC section 3). */
const MAX_BODY_BYTES = 1024 * 1024;

type Redact = (text: string) => string;

/** What the run produced, for the outputs and the summary that are written whatever happened. */
interface RunState {
  report?: RunReport;
  reportPath: string;
  commentUrl: string;
  summary?: string;
  redact: Redact;
}

/**
 * Runs the action. Never rejects: every failure ends as `core.setFailed` with a message (exit code 1, or 2 for invalid contracts and inputs), and the
 * outputs and job summary are written in every case.
 */
export async function run(): Promise<void> {
  // Inputs the runner did not pass (a local run) get action.yml's defaults, as the runner would give them.
  applyInputDefaults(process.env);
  const secrets = new Set<string>();
  try {
    await runAction(secrets);
  } catch (error) {
    // A safety net: runAction handles its own failures, but a rejection must never end the step silently, nor
    // show a secret the runner's masks might miss in a form it does not know.
    logFailure(describeError(error, createRedactor([...secrets])));
  }
}

/** `secrets` collects every secret as it is learnt (the token, then the contracts' values), for any redaction. */
async function runAction(secrets: Set<string>): Promise<void> {
  // The token is masked before anything is logged: a log line must never be able to show it.
  const token = core.getInput(INPUT.githubToken);
  addSecret(token, { mask: (form) => core.setSecret(form), secrets });
  const state: RunState = { reportPath: '', commentUrl: '', redact: createRedactor([...secrets]) };
  try {
    const settings = readActionSettings();
    const report =
      settings.mode === 'merge'
        ? mergeReports(await readReportFiles(settings.reports, workspacePath()))
        : await runChecks(settings, secrets);
    state.redact = createRedactor([...secrets]);
    // Projected after redaction, so the names it carries are redacted too; a shard's own projection is replaced.
    const redacted = withCampaignProjection(redactReport(report, state.redact), settings.campaignSize);
    state.report = redacted;
    state.reportPath = await writeReports(redacted, settings);
    state.summary = fitToBytes(
      (maxChars) =>
        renderSummaryMarkdown(redacted, {
          maxChars,
          ...(settings.shard === undefined
            ? {}
            : { shard: `${settings.shard.index}/${settings.shard.count}` }),
        }),
      MAX_SUMMARY_BYTES,
    );
    const failing = redacted.summary.failed > 0 && settings.failOnFailure;
    annotateFailedChecks(redacted, {
      annotate: logError,
      workspace: workspacePath(),
      reserved: failing ? 1 : 0,
    });
    state.commentUrl = await postPullRequestComment(redacted, settings);
    const { total, failed } = redacted.summary;
    const checks = `${total} webhook contract check${total === 1 ? '' : 's'}`;
    if (failed === 0) logInfo(total === 1 ? 'The 1 webhook contract check passed.' : `All ${checks} passed.`);
    else if (failing) logFailure(`${failed} of ${checks} failed: see the job summary.`);
    else logWarning(`${failed} of ${checks} failed (fail-on-failure is false).`);
  } catch (error) {
    state.redact = createRedactor([...secrets]);
    if (error instanceof ContractFileError) {
      annotateContractProblems(
        error.problems.map((problem) => ({ ...problem, message: state.redact(problem.message) })),
        { annotate: logError, workspace: workspacePath(), reserved: 1 },
      );
    }
    const message = describeError(error, state.redact);
    // A report that was already rendered stays in the summary, above the error that came after it.
    state.summary =
      (state.summary === undefined ? '' : `${state.summary}\n`) +
      renderErrorSummary(summaryTitleFor(error), message);
    logFailure(message);
    // SPEC exit codes: 2 when the contracts or inputs are invalid, as the CLI does; 1 is a failing check.
    if (isUsageError(error)) process.exitCode = 2;
  } finally {
    try {
      writeOutputs(state);
    } catch (error) {
      // Still write the summary; a step gated on a missing output is skipped, which is the safe side.
      logWarning(
        state.redact(
          `Could not write the outputs: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    await writeJobSummary(state.redact(state.summary ?? ''), (message) => logWarning(message));
  }
}

/** Fires the webhooks. Secrets are masked as the contract files are read and collected into `secrets`. */
async function runChecks(settings: ActionSettings, secrets: Set<string>): Promise<RunReport> {
  const env = process.env;
  const mask = (value: string): void => core.setSecret(value);
  const { publicEnv } = settings;
  const files = createMaskingContractSource(createContractSource(), { env, publicEnv, mask, secrets });
  const ca =
    settings.caFile === undefined
      ? undefined
      : await readCaFile(settings.caFile, workspacePath(), `Input '${INPUT.caFile}'`);
  const http = createHttpClient(ca === undefined ? {} : { ca });
  // Log lines pass through the redactor as well as the runner's masks: a mask only works on the runner.
  const redact = createGrowingRedactor(secrets);
  // Periodic counts (every 10 % or 10 s) show a long run is alive in the log.
  const progress = createProgressReporter({
    stream: { write: (text: string) => logInfo(text.trimEnd()), isTTY: false },
    now: () => performance.now(),
  });
  startLogGroup('Webhook contract checks');
  let failed = 0;
  try {
    const result = await runContracts(
      {
        contracts: settings.contracts,
        concurrency: settings.concurrency,
        maxBodyBytes: MAX_BODY_BYTES,
        allowedHosts: settings.allowedHosts,
        retries: settings.retries,
        env,
        publicEnv,
        ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
        ...(settings.shard === undefined ? {} : { shard: settings.shard }),
      },
      {
        http,
        files,
        now: () => performance.now(),
        log: {
          info: (message) => logInfo(redact(message)),
          warning: (message) => logWarning(redact(message)),
          debug: (message) => logDebug(redact(message)),
        },
        onCheck: (check, done, total) => {
          // A failing check gets its own line; passing ones are only counted, so 10,000 checks stay readable.
          if (!check.passed) {
            failed += 1;
            logInfo(redact(describeFailedCheck(check, done, total)));
          }
          progress.onCheck(done, total, failed);
        },
      },
    );
    for (const secret of result.secrets) addSecret(secret, { mask, secrets });
    return result.report;
  } finally {
    progress.finish();
    endLogGroup();
    await http.close();
  }
}

/** Writes the JSON report (to RUNNER_TEMP when no path was given) and the JUnit report; returns the JSON's path. */
async function writeReports(report: RunReport, settings: ActionSettings): Promise<string> {
  const workspace = workspacePath();
  const jsonPath =
    settings.reportJson === undefined
      ? path.join(
          await mkdtemp(path.join(process.env['RUNNER_TEMP'] ?? os.tmpdir(), 'webhook-contracts-')),
          'report.json',
        )
      : path.resolve(workspace, settings.reportJson);
  await writeReportFile(`Input '${INPUT.reportJson}':`, jsonPath, renderJsonReport(report), workspace);
  logInfo(`JSON report: ${jsonPath}`);
  if (settings.reportJunit !== undefined) {
    await writeReportFile(
      `Input '${INPUT.reportJunit}':`,
      settings.reportJunit,
      renderJunit(report),
      workspace,
    );
    logInfo(`JUnit report: ${path.resolve(workspace, settings.reportJunit)}`);
  }
  return jsonPath;
}

function workspacePath(): string {
  return process.env['GITHUB_WORKSPACE'] ?? process.cwd();
}

/** Outputs are always written, empty when the run stopped before there was a report. */
function writeOutputs(state: RunState): void {
  const summary = state.report?.summary;
  core.setOutput(OUTPUT.total, summary === undefined ? '' : String(summary.total));
  core.setOutput(OUTPUT.passed, summary === undefined ? '' : String(summary.passed));
  core.setOutput(OUTPUT.failed, summary === undefined ? '' : String(summary.failed));
  core.setOutput(OUTPUT.report, state.reportPath);
  core.setOutput(OUTPUT.commentUrl, state.commentUrl);
}

/** `✗ 12/40 Score lead (alice): 500 Internal Server Error, 84 ms`. */
function describeFailedCheck(check: CheckResult, done: number, total: number): string {
  const answer =
    check.code === null
      ? (check.errorType ?? 'no response')
      : `${check.code} ${check.errorType ?? ''}`.trimEnd();
  const latency = check.latencyMs === null ? '' : `, ${Math.round(check.latencyMs)} ms`;
  return `✗ ${done}/${total} ${check.webhook} (${check.sample}): ${answer}${latency}`;
}

function summaryTitleFor(error: unknown): string {
  if (error instanceof ContractFileError) return 'Webhook contracts: the contract files are invalid';
  if (error instanceof InputError) return 'Webhook contracts: an input is invalid';
  if (error instanceof ReportFileError) return 'Webhook contracts: a shard report is invalid';
  return 'Webhook contracts: the run failed';
}

/**
 * A message for any thrown value. Known errors are the user's to fix and get their message alone (no stack);
 * anything else is our bug, so its stack goes to the debug log and a non-Error throw is shown, not dropped.
 */
function isUsageError(error: unknown): error is ContractFileError | InputError | ReportFileError {
  return (
    error instanceof ContractFileError || error instanceof InputError || error instanceof ReportFileError
  );
}

/**
 * The message's lines. Only a contract error has several, one per problem, each already on one line
 * (`formatProblem`); any other message is one line of text, whatever it holds.
 */
function describeError(error: unknown, redact: Redact): string[] {
  if (error instanceof ContractFileError) {
    const problems = error.problems.map((problem) => ({
      ...problem,
      file: redact(problem.file),
      message: redact(problem.message),
    }));
    return new ContractFileError(problems).message.split('\n');
  }
  if (isUsageError(error)) return [redact(error.message)];
  if (error instanceof Error) {
    const header = `${error.name}: ${error.message}`;
    // The frames are ours; the message may hold anything, so it stays one line.
    const frames =
      error.stack?.startsWith(header) === true ? error.stack.slice(header.length).split('\n') : [];
    logDebug([header, ...frames.filter((frame) => frame !== '')].map(redact));
    return [redact(`Unexpected error: ${error.message}`)];
  }
  return [redact(`Unexpected error (a non-Error value was thrown): ${inspect(error, { depth: 3 })}`)];
}
