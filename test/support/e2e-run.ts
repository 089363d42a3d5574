/**
 * The set-up the end-to-end tests share, so each test file reads as its scenario: a staging server on 127.0.0.1,
 * the GitHub REST stand-in (when a workflow token is given), a temporary workspace holding the contract files,
 * and the built CLI (`dist/cli.js`) or action (`dist/index.js`) run in a child process with a scrubbed
 * environment. `setUpE2eRun` registers the vitest hooks that start it all (`beforeAll`), reset the servers'
 * records before each test (`beforeEach`) and close and delete it all (`afterAll`).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import type { GitHubApiStandIn, StandInComment } from './github-api-stand-in.js';
import { startGitHubApiStandIn } from './github-api-stand-in.js';
import type { JsonReport } from './json-report.js';
import { parseJsonReport } from './json-report.js';
import type { ActionRun, RunActionOptions } from './run-action.js';
import { runAction } from './run-action.js';
import type { NodeResult } from './run-node.js';
import { CLI, ensureBundle, runNode } from './run-node.js';
import type { StagingServer } from './staging-server.js';
import { startStagingServer } from './staging-server.js';

/** The pull request of test/fixtures/pull-request-opened.json, where the action comments. */
export const PULL_REQUEST = { owner: 'Codertocat', repo: 'Hello-World', number: 2 } as const;

/** Where the action posts when no stand-in runs: a closed port on loopback, so a stray call fails at once. */
const NO_GITHUB_API = 'http://127.0.0.1:9';
const NO_STAND_IN_TOKEN = 'ghs_noStandInToken0123456789abcdef';

export interface E2eRunOptions {
  /** The temporary directories' name prefix, e.g. `wc-hostile-` (it shows which test left one behind). */
  readonly prefix: string;
  /** The workflow token: the GitHub REST stand-in is started and accepts only it. None: no stand-in. */
  readonly token?: string;
  /** Variables of every run (the contracts' `${NAME}` values); `STAGING_URL` is always the staging server. */
  readonly env?: Readonly<Record<string, string>> | ((staging: StagingServer) => Record<string, string>);
  /** Adds the test's routes to the staging server, before the contracts are written. */
  readonly routes?: (staging: StagingServer) => void;
  /**
   * The workspace's files by name (the contracts and any data file they read; names may hold folders), or a
   * function of the staging server (for its URL) giving them.
   */
  readonly contracts?:
    Readonly<Record<string, string>> | ((staging: StagingServer) => Readonly<Record<string, string>>);
}

export interface CliRunOptions {
  /** Added to the run's variables (and over them). */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: the workspace. */
  readonly cwd?: string;
}

export type ActionRunOptions = Partial<Omit<RunActionOptions, 'token' | 'apiUrl'>>;

export interface E2eActionRun extends ActionRun {
  /** stdout as the runner shows it: the `::add-mask::` lines (turned into masks, never printed) left out. */
  readonly log: string;
  /** The newest comment on the pull request after the run; undefined without one or without the stand-in. */
  readonly comment: string | undefined;
}

export interface E2eRun {
  readonly staging: StagingServer;
  /** The stand-in; only when a token was given. */
  readonly api: GitHubApiStandIn;
  /** The shared workspace, holding the `contracts` files. */
  readonly workspace: string;
  /** Runs `node dist/cli.js args…` in the workspace with PATH, STAGING_URL and the fixture's variables only. */
  readonly runCli: (args: readonly string[], options?: CliRunOptions) => Promise<NodeResult>;
  /**
   * Runs `dist/index.js` as the runner does (see run-action.ts), in the workspace unless another is given, with
   * the fixture's variables, and `allowed-hosts` the staging server unless the inputs say otherwise.
   */
  readonly runAction: (options?: ActionRunOptions) => Promise<E2eActionRun>;
  /**
   * A new directory with these files (names may hold folders), deleted after the tests: a workspace for runs that
   * must not see each other's files, or a place outside the workspace.
   */
  readonly makeWorkspace: (files: Readonly<Record<string, string>>) => Promise<string>;
  /** Writes a file into the shared workspace (making its folders); returns its name. */
  readonly writeFile: (name: string, content: string | Uint8Array) => Promise<string>;
  /** A file of the shared workspace (a report a run wrote), as text. */
  readonly readFile: (name: string) => Promise<string>;
  /** A JSON report a run wrote into the shared workspace. */
  readonly readReport: (name: string) => Promise<JsonReport>;
  /** The comments on the pull request, oldest first. */
  readonly comments: () => StandInComment[];
}

/** Registers the hooks and returns the fixture; call it once at the top of a test file. */
export function setUpE2eRun(options: E2eRunOptions): E2eRun {
  let staging: StagingServer | undefined;
  let api: GitHubApiStandIn | undefined;
  let workspace: string | undefined;
  let env: Record<string, string> = {};
  /** Every directory made for the tests (workspaces, runner temp directories), deleted in afterAll. */
  const made: string[] = [];

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`e2e-run: ${what} is not there (used outside a test, or no token?)`);
    return value;
  };
  const makeWorkspace = async (files: Readonly<Record<string, string>>): Promise<string> => {
    const directory = await mkdtemp(path.join(os.tmpdir(), options.prefix));
    made.push(directory);
    for (const [name, text] of Object.entries(files)) await writeInto(directory, name, text);
    return directory;
  };

  beforeAll(async () => {
    // `npm test` bundles first; build here only when a file is run on its own from a clean checkout.
    await ensureBundle();
    staging = await startStagingServer();
    if (options.token !== undefined) api = await startGitHubApiStandIn({ token: options.token });
    options.routes?.(staging);
    env = {
      STAGING_URL: staging.url,
      ...(typeof options.env === 'function' ? options.env(staging) : options.env),
    };
    const { contracts = {} } = options;
    workspace = await makeWorkspace(typeof contracts === 'function' ? contracts(staging) : contracts);
  });

  afterAll(async () => {
    await staging?.close();
    await api?.close();
    await Promise.all(made.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  beforeEach(() => {
    staging?.resetStats();
    api?.reset();
  });

  return {
    get staging() {
      return started(staging, 'the staging server');
    },
    get api() {
      return started(api, 'the GitHub API stand-in');
    },
    get workspace() {
      return started(workspace, 'the workspace');
    },
    runCli: (args, run = {}) =>
      runNode([CLI, ...args], {
        cwd: run.cwd ?? started(workspace, 'the workspace'),
        env: { PATH: process.env['PATH'] ?? '', ...env, ...run.env },
      }),
    runAction: async (run = {}) => {
      const server = started(staging, 'the staging server');
      const result = await runAction({
        token: options.token ?? NO_STAND_IN_TOKEN,
        apiUrl: api?.url ?? NO_GITHUB_API,
        workspace: started(workspace, 'the workspace'),
        ...run,
        inputs: { 'allowed-hosts': `127.0.0.1:${server.port}`, ...run.inputs },
        env: { ...env, ...run.env },
      });
      made.push(result.runnerTemp);
      return {
        ...result,
        log: result.stdout
          .split('\n')
          .filter((line) => !line.startsWith('::add-mask::'))
          .join('\n'),
        comment: api?.comments(PULL_REQUEST.owner, PULL_REQUEST.repo, PULL_REQUEST.number).at(-1)?.body,
      };
    },
    makeWorkspace,
    writeFile: async (name, content) => {
      await writeInto(started(workspace, 'the workspace'), name, content);
      return name;
    },
    readFile: (name) => readFile(path.join(started(workspace, 'the workspace'), name), 'utf8'),
    readReport: async (name) =>
      parseJsonReport(await readFile(path.join(started(workspace, 'the workspace'), name), 'utf8')),
    comments: () =>
      started(api, 'the GitHub API stand-in').comments(
        PULL_REQUEST.owner,
        PULL_REQUEST.repo,
        PULL_REQUEST.number,
      ),
  };
}

async function writeInto(directory: string, name: string, content: string | Uint8Array): Promise<void> {
  const file = path.join(directory, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}
