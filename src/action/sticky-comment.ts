/**
 * One sticky comment per workflow job on a pull request: found by its hidden marker, updated in place, created
 * only when none exists. Never a second one.
 */
import { setTimeout as delay } from 'node:timers/promises';

import type { GitHubClient } from './github-retry.js';
import { isHttpError, isServerError } from './github-retry.js';

export interface StickyCommentTarget {
  readonly owner: string;
  readonly repo: string;
  /** The pull request's number (pull requests are issues for comments). */
  readonly issueNumber: number;
  /** The hidden HTML comment that identifies this job's comment. */
  readonly marker: string;
}

export interface FoundComment {
  readonly id: number;
  readonly url: string;
}

export type StickyCommentOutcome =
  | { readonly kind: 'created' | 'updated'; readonly id: number; readonly url: string }
  /** `createIfMissing` was false and there was nothing to update. */
  | { readonly kind: 'absent' }
  | { readonly kind: 'failed'; readonly status: number | undefined; readonly message: string };

export interface UpsertOptions {
  /** False updates an existing comment only (a passing run after a failing one); true also creates one. */
  readonly createIfMissing: boolean;
  /** How many times a create that failed with a 5xx starts over (look again, then update or create). */
  readonly createAttempts?: number;
}

const CREATE_RETRY_DELAY_MS = 500;

/**
 * The marker of one job's comment: `<!-- webhook-contracts:WORKFLOW/JOB -->`, the same on every run of the job.
 *
 * Workflow and job names are free text (a line break, `-->`, a bidi override), and a marker that changed or
 * broke would make each run post another comment. So each name is percent-encoded as UTF-8, except printable
 * ASCII other than `%` (the escape), `/` (the separator), `<` and `>`, and a `-` right after another (`--`
 * cannot end a comment then): one line, inert, and the same as before for plain ASCII names.
 */
export function buildCommentMarker(workflow: string, job: string): string {
  return `<!-- webhook-contracts:${encodeIdentity(workflow)}/${encodeIdentity(job)} -->`;
}

const ENCODED_CHARACTER = /[^\x20-\x7e]|[%/<>]|(?<=-)-/gu;

function encodeIdentity(name: string): string {
  // A lone surrogate has no UTF-8 form: TextEncoder writes U+FFFD for it, as the environment would have.
  return name.replace(ENCODED_CHARACTER, (character) =>
    Array.from(
      new TextEncoder().encode(character),
      (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(''),
  );
}

/**
 * Looks through every page of the pull request's comments for the first one that starts with the marker.
 * Pagination stops at the page where it is found.
 */
export async function findStickyComment(
  client: GitHubClient,
  target: StickyCommentTarget,
): Promise<FoundComment | undefined> {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    // The marker opens our comment; a reviewer quoting it (`> <!-- … -->`) does not make theirs ours.
    const found = page.data.find((comment) => comment.body?.trimStart().startsWith(target.marker) === true);
    if (found !== undefined) return { id: found.id, url: found.html_url };
  }
  return undefined;
}

/**
 * Updates the job's comment in place, or creates it (when allowed). Never throws for API failures: they come
 * back as a `failed` outcome for the caller to turn into a warning, because a comment is a convenience and
 * must not break the run.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: StickyCommentTarget,
  body: string,
  options: UpsertOptions,
): Promise<StickyCommentOutcome> {
  const createAttempts = options.createAttempts ?? 3;
  try {
    for (let attempt = 1; ; attempt += 1) {
      const existing = await findStickyComment(client, target);
      if (existing !== undefined) {
        const { data } = await client.rest.issues.updateComment({
          owner: target.owner,
          repo: target.repo,
          comment_id: existing.id,
          body,
        });
        return { kind: 'updated', id: data.id, url: data.html_url };
      }
      if (!options.createIfMissing) return { kind: 'absent' };
      try {
        const { data } = await client.rest.issues.createComment({
          owner: target.owner,
          repo: target.repo,
          issue_number: target.issueNumber,
          body,
        });
        return { kind: 'created', id: data.id, url: data.html_url };
      } catch (error) {
        // A 5xx on create may still have created the comment: look again before trying, so never two.
        if (!isServerError(error) || attempt >= createAttempts) throw error;
        await delay(CREATE_RETRY_DELAY_MS * attempt);
      }
    }
  } catch (error) {
    return {
      kind: 'failed',
      status: isHttpError(error) ? error.status : undefined,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** A warning for a failed comment that says how to fix it. */
export function describeCommentFailure(outcome: {
  readonly status: number | undefined;
  readonly message: string;
}): string {
  const answered =
    outcome.status === undefined ? outcome.message : `GitHub answered ${outcome.status} (${outcome.message})`;
  if (outcome.status === 403 || outcome.status === 404 || outcome.status === 401) {
    return (
      `Could not post the pull request comment: ${answered}. The token cannot write to this pull request. ` +
      'Give the job `permissions: pull-requests: write`; a pull request from a fork always gets a read-only ' +
      'token, so post the comment from a second workflow triggered by `workflow_run` instead. ' +
      'The job summary has the full report.'
    );
  }
  return `Could not post the pull request comment: ${answered}. The job summary has the full report.`;
}
