/**
 * The scenario of the built action's tests (test/e2e/action*.test.ts): one webhook, `Score lead`, fired at the
 * staging server's `/score` for N leads, with the GitHub API stand-in. `/score` answers a score, or the status a
 * test sets, with a body that echoes the API key as a careless service would (it must never reach a report).
 * After each test, every request the action made must have been a valid GitHub API call.
 */
import { afterEach, beforeEach, expect } from 'vitest';

import { makeScoreWebhookYaml } from './contract-yaml.js';
import type { ActionRunOptions, E2eActionRun, E2eRun } from './e2e-run.js';
import { setUpE2eRun } from './e2e-run.js';
import type { StandInComment } from './github-api-stand-in.js';
import type { ActionRun, WorkflowCommand } from './run-action.js';

export const TOKEN = 'ghs_e2eWorkflowToken0123456789abcdef';
export const API_KEY = 'sk_live_e2e_0123456789_secret';
/** The sticky comment's marker for the workflow and job run-action.ts gives by default. */
export const MARKER = '<!-- webhook-contracts:Contracts/webhooks -->';

export interface ScoreLeadRun {
  readonly e2e: E2eRun;
  /** What `/score` answers from now on (200 again before each test). */
  readonly answerScore: (status: number) => void;
  /** A new workspace whose `webhook-contracts.yml` is `contract`. */
  readonly makeWorkspace: (contract: string) => Promise<string>;
  /** Runs the built action in `workspace`; API_KEY is set and `allowed-hosts` is the staging server. */
  readonly run: (workspace: string, options?: ActionRunOptions) => Promise<E2eActionRun>;
  /** The pull request's comments that carry the marker. */
  readonly stickyComments: () => StandInComment[];
  /** The GitHub operations called, from request number `from` on. */
  readonly operations: (from?: number) => (string | undefined)[];
}

/** Registers the hooks (see e2e-run.ts) and returns the scenario; call it once at the top of a test file. */
export function setUpScoreLeadRun(): ScoreLeadRun {
  let scoreStatus = 200;
  const e2e = setUpE2eRun({
    prefix: 'wc-workspace-',
    token: TOKEN,
    env: { API_KEY },
    routes: (staging) =>
      staging.route('/score', (request, response) => {
        const body =
          scoreStatus === 200
            ? '{"data":{"score":42}}'
            : JSON.stringify({ error: 'upstream down', key: request.headers['x-api-key'] });
        response.writeHead(scoreStatus, { 'content-type': 'application/json' });
        response.end(body);
      }),
  });

  beforeEach(() => {
    scoreStatus = 200;
  });

  afterEach(() => {
    expect(e2e.api.violations).toEqual([]);
  });

  return {
    e2e,
    answerScore: (status) => {
      scoreStatus = status;
    },
    makeWorkspace: (contract) => e2e.makeWorkspace({ 'webhook-contracts.yml': contract }),
    run: (workspace, options = {}) => e2e.runAction({ ...options, workspace }),
    stickyComments: () => e2e.comments().filter((comment) => comment.body.includes(MARKER)),
    operations: (from = 0) => e2e.api.requests.slice(from).map((request) => request.operationId),
  };
}

/** A contract with one webhook fired for `samples` leads. */
export function makeScoreContract(samples: number): string {
  const leads = Array.from(
    { length: samples },
    (_, index) => `  lead${index}:\n    lead: { Email Address: lead${index}@example.com }\n`,
  ).join('');
  return [
    'version: 1',
    'samples:',
    leads.trimEnd(),
    'fields:',
    '  leadScore: integer',
    'webhooks:',
    ...makeScoreWebhookYaml('Score lead', "'${STAGING_URL}/score'"),
    '',
  ].join('\n');
}

export function warnings(result: ActionRun): string[] {
  return result.commands.filter((command) => command.command === 'warning').map((command) => command.message);
}

export function errorAnnotations(result: ActionRun): WorkflowCommand[] {
  return result.commands.filter((command) => command.command === 'error');
}
