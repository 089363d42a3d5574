/**
 * The sticky pull request comment as the action posts it: which pull request, whether to post at all under the
 * `comment` policy, the body, and what a failure becomes (a warning, never a failed step).
 */
import * as github from '@actions/github';

import type { RunReport } from '../judging/check-result.js';
import { renderCommentMarkdown } from '../reports/render-comment-markdown.js';
import type { ActionSettings } from './action-inputs.js';
import { INPUT } from './action-inputs.js';
import { installGitHubRetries } from './github-retry.js';
import { logDebug, logInfo, logWarning } from './runner-log.js';
import { buildCommentMarker, describeCommentFailure, upsertStickyComment } from './sticky-comment.js';

/** GitHub refuses a comment body over 65,536 characters; leave room for what GitHub adds. */
const MAX_COMMENT_CHARS = 65_000;
const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target']);

/**
 * Posts or updates the sticky comment as the `comment` policy says, on pull request events only.
 *
 * @returns the comment's URL, or '' when none was written. Never throws: a failure is a warning.
 */
export async function postPullRequestComment(report: RunReport, settings: ActionSettings): Promise<string> {
  const { context } = github;
  const pullNumber = settings.pullRequest ?? readPullRequestNumber(context.payload);
  if (settings.comment === 'never') return '';
  // An explicit `pull-request` input comments from any event (a `workflow_run` workflow commenting for forks).
  if (
    (settings.pullRequest === undefined && !PULL_REQUEST_EVENTS.has(context.eventName)) ||
    pullNumber === undefined
  ) {
    logDebug(`No pull request comment: the event is ${context.eventName}, not a pull request.`);
    return '';
  }
  const failed = report.summary.failed > 0;
  // on-failure: a passing run posts nothing new, but a comment left by an earlier failing run must not go on
  // saying the contracts fail, so it is updated to the passing text.
  const createIfMissing = settings.comment === 'always' || failed;
  if (settings.githubToken === '') {
    logWarning(`No pull request comment: the '${INPUT.githubToken}' input is empty.`);
    return '';
  }
  const marker = buildCommentMarker(process.env['GITHUB_WORKFLOW'] ?? '', process.env['GITHUB_JOB'] ?? '');
  const detailsUrl = readRunUrl();
  const body = renderCommentMarkdown(report, {
    maxChars: MAX_COMMENT_CHARS,
    marker,
    ...(settings.shard === undefined ? {} : { shard: `${settings.shard.index}/${settings.shard.count}` }),
    ...(detailsUrl === undefined ? {} : { detailsUrl, runUrl: detailsUrl }),
  });
  // Octokit's own messages (deprecations, request errors) quote what the API answered: through the door too.
  const client = github.getOctokit(settings.githubToken, {
    baseUrl: context.apiUrl,
    log: { debug: logDebug, info: logDebug, warn: logInfo, error: logInfo },
  });
  installGitHubRetries(client, {
    maxRetries: 3,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    log: (message) => logInfo(message),
  });
  const { owner, repo } = context.repo;
  const outcome = await upsertStickyComment(client, { owner, repo, issueNumber: pullNumber, marker }, body, {
    createIfMissing,
  });
  switch (outcome.kind) {
    case 'created':
    case 'updated':
      logInfo(`Pull request comment ${outcome.kind}: ${outcome.url}`);
      return outcome.url;
    case 'absent':
      return '';
    case 'failed':
      logWarning(describeCommentFailure(outcome));
      return '';
  }
}

function readPullRequestNumber(payload: typeof github.context.payload): number | undefined {
  const number: unknown = payload.pull_request?.number;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** The run's page, where the job summary is shown. */
function readRunUrl(): string | undefined {
  const {
    GITHUB_SERVER_URL: server = 'https://github.com',
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: runId,
  } = process.env;
  if (repository === undefined || runId === undefined || runId === '') return undefined;
  return `${server}/${repository}/actions/runs/${runId}`;
}
