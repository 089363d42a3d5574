/**
 * Runs the built action (`dist/index.js`) in a child process the way a runner does: a scrubbed environment, an
 * `INPUT_*` variable for every input of action.yml (its default unless the test gives a value), the runner's
 * `GITHUB_*` variables and files, and an event payload. Returns what the step left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from './yaml-text.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ACTION_BUNDLE = path.join(REPO_ROOT, 'dist', 'index.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

export interface RunActionOptions {
  /** Input values by their action.yml name; the others get action.yml's defaults. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The workflow token `${{ github.token }}` expands to. */
  readonly token: string;
  /** Where the contracts are: GITHUB_WORKSPACE and the working directory. */
  readonly workspace: string;
  readonly apiUrl: string;
  /** Default `pull_request`. */
  readonly eventName?: string;
  /** Default: the pull_request fixture. */
  readonly eventPath?: string;
  readonly workflow?: string;
  readonly job?: string;
  /** Extra variables, e.g. the contracts' `${NAME}` values. */
  readonly env?: Readonly<Record<string, string>>;
  /** The child is killed after this long (a hung action must fail the test, not hang it). */
  readonly timeoutMs?: number;
}

/** One workflow command written to stdout, e.g. `::error file=a.yml,line=3::message`. */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

export interface ActionRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** GITHUB_OUTPUT, parsed. */
  readonly outputs: Readonly<Record<string, string>>;
  /** GITHUB_STEP_SUMMARY's content. */
  readonly summary: string;
  readonly commands: readonly WorkflowCommand[];
  /** RUNNER_TEMP of the run (the JSON report goes there when no path is given); the caller deletes it. */
  readonly runnerTemp: string;
}

interface ActionYml {
  readonly inputs: Record<string, { readonly default?: string }>;
}

/** Runs the bundle once. Build it first with `npm run bundle` (`npm test` does). */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  if (!existsSync(ACTION_BUNDLE))
    throw new Error(`${ACTION_BUNDLE} is missing: run \`npm run bundle\` first`);
  const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'wc-runner-'));
  const outputFile = path.join(runnerTemp, 'github_output');
  const summaryFile = path.join(runnerTemp, 'step_summary.md');
  // The runner creates both files before the step starts; @actions/core refuses to append to a missing one.
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');

  const env: Record<string, string> = {
    ...(await readInputDefaults(options.token)),
    ...Object.fromEntries(
      Object.entries(options.inputs ?? {}).map(([name, value]) => [inputVariable(name), value]),
    ),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: options.eventPath ?? path.join(FIXTURES, 'pull-request-opened.json'),
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_WORKFLOW: options.workflow ?? 'Contracts',
    GITHUB_JOB: options.job ?? 'webhooks',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  };

  const { exitCode, stdout, stderr } = await spawnBundle(
    env,
    options.workspace,
    options.timeoutMs ?? 120_000,
  );
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseGitHubOutput(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    commands: parseWorkflowCommands(stdout),
    runnerTemp,
  };
}

/** `INPUT_<NAME>`: upper-cased, spaces to `_`, dashes kept (as the runner and @actions/core do). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** The runner sets every declared input, using action.yml's default when the workflow gives none. */
async function readInputDefaults(token: string): Promise<Record<string, string>> {
  const actionYml = parse(await readFile(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;
  return Object.fromEntries(
    Object.entries(actionYml.inputs).map(([name, input]) => [
      inputVariable(name),
      String(input.default ?? '').replace('${{ github.token }}', token),
    ]),
  );
}

function spawnBundle(
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION_BUNDLE], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/**
 * Parses the GITHUB_OUTPUT file: `name<<DELIMITER` heredocs as @actions/core writes them, and plain
 * `name=value` lines as a shell step would.
 */
export function parseGitHubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, name = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      index += 1;
      while (index < lines.length && lines[index] !== delimiter) {
        value.push(lines[index] ?? '');
        index += 1;
      }
      if (index >= lines.length) throw new Error(`GITHUB_OUTPUT: the heredoc for ${name} is not closed`);
      outputs[name] = value.join('\n');
      continue;
    }
    const assignment = /^([^=]+)=(.*)$/.exec(line);
    if (assignment !== null) outputs[assignment[1] ?? ''] = assignment[2] ?? '';
  }
  return outputs;
}

/** Parses `::command key=value,key=value::message` lines, unescaping as the runner does. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (match === null) continue;
    const [, command = '', rawProperties = '', message = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of rawProperties === '' ? [] : rawProperties.split(',')) {
      const equals = pair.indexOf('=');
      if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
    }
    commands.push({ command, properties, message: unescapeData(message) });
  }
  return commands;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}
