/**
 * The built action (`dist/index.js`) end to end on a pull request, in a child process, against a staging server and
 * a GitHub API stand-in that validates every request against GitHub's OpenAPI description: the sticky comment,
 * secrets, retries and the limits of the comment, summary and annotations. Build first: `npm run bundle`.
 */
import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { PULL_REQUEST } from '../support/e2e-run.js';
import { parseJsonReport } from '../support/json-report.js';
import {
  API_KEY,
  MARKER,
  TOKEN,
  errorAnnotations,
  makeScoreContract,
  setUpScoreLeadRun,
  warnings,
} from '../support/score-lead-run.js';

const { e2e, answerScore, makeWorkspace, run, stickyComments, operations } = setUpScoreLeadRun();
const { owner: OWNER, repo: REPO, number: PR_NUMBER } = PULL_REQUEST;

describe('the action on a pull request', () => {
  it('creates the sticky comment on the first failing run and updates it on the second', async () => {
    answerScore(500);
    const workspace = await makeWorkspace(makeScoreContract(2));

    const first = await run(workspace);

    expect(first.exitCode).toBe(1);
    expect(first.outputs).toMatchObject({ total: '2', passed: '0', failed: '2' });
    const [created] = stickyComments();
    expect(stickyComments()).toHaveLength(1);
    expect(created?.body).toContain('❌ 2 of 2 checks failed');
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#issuecomment-${created?.id}`,
    );
    expect(operations()).toEqual(['issues/list-comments', 'issues/create-comment']);

    const before = e2e.api.requests.length;
    const second = await run(workspace);

    expect(second.exitCode).toBe(1);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.id).toBe(created?.id);
    expect(operations(before)).toEqual(['issues/list-comments', 'issues/update-comment']);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
  });

  it('masks the token first and keeps secrets out of the comment, summary, report and log', async () => {
    answerScore(500);
    const workspace = await makeWorkspace(makeScoreContract(1));

    const result = await run(workspace);

    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`);
    expect(result.commands).toContainEqual({ command: 'add-mask', properties: {}, message: API_KEY });
    const report = await readFile(result.outputs['report'] ?? '', 'utf8');
    for (const text of [stickyComments()[0]?.body ?? '', result.summary, report]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(TOKEN);
    }
    // The log may name a secret only inside the add-mask commands, which the runner turns into masks.
    const logWithoutMasks = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(logWithoutMasks).not.toContain(API_KEY);
    expect(logWithoutMasks).not.toContain(TOKEN);
  });

  it('finds its comment on page 2 of 150 and updates it instead of adding another', async () => {
    answerScore(500);
    const bodies = Array.from({ length: 150 }, (_, index) =>
      index === 119 ? `${MARKER}\nold result` : `comment ${index} from a reviewer`,
    );
    e2e.api.seedComments(OWNER, REPO, PR_NUMBER, bodies.slice(0, 119));
    e2e.api.seedComments(OWNER, REPO, PR_NUMBER, bodies.slice(119, 120), 'github-actions[bot]');
    e2e.api.seedComments(OWNER, REPO, PR_NUMBER, bodies.slice(120));
    const markedId = e2e.comments()[119]?.id;

    const result = await run(await makeWorkspace(makeScoreContract(1)));

    expect(e2e.comments()).toHaveLength(150);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.id).toBe(markedId);
    expect(stickyComments()[0]?.body).toContain('❌ 1 of 1 check failed');
    expect(e2e.api.requests.map((request) => [request.operationId, request.query['page'] ?? '1'])).toEqual([
      ['issues/list-comments', '1'],
      ['issues/list-comments', '2'],
      ['issues/update-comment', '1'],
    ]);
    expect(result.outputs['comment-url']).toContain(`#issuecomment-${markedId}`);
  });

  it('updates an earlier failing comment to the passing text when the checks pass again (on-failure)', async () => {
    const workspace = await makeWorkspace(makeScoreContract(2));
    answerScore(500);
    await run(workspace);
    expect(stickyComments()[0]?.body).toContain('❌');

    answerScore(200);
    const passing = await run(workspace);

    expect(passing.exitCode).toBe(0);
    expect(passing.outputs).toMatchObject({ total: '2', passed: '2', failed: '0' });
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.body).toContain('✅ all 2 checks passed');
    expect(stickyComments()[0]?.body).not.toContain('❌');
    expect(passing.outputs['comment-url']).toContain('#issuecomment-');
  });

  it('posts nothing for a passing run when no comment exists yet (on-failure)', async () => {
    const result = await run(await makeWorkspace(makeScoreContract(2)));

    expect(result.exitCode).toBe(0);
    expect(e2e.comments()).toHaveLength(0);
    expect(operations()).toEqual(['issues/list-comments']);
    expect(result.outputs['comment-url']).toBe('');
    // Passing checks are counted in the log, not listed one by one.
    expect(result.stdout).toContain('2/2 checks done');
    expect(result.stdout).not.toContain('Score lead (lead0)');
  });

  it('posts a passing comment with comment: always, and none at all with comment: never', async () => {
    const workspace = await makeWorkspace(makeScoreContract(1));

    await run(workspace, { inputs: { comment: 'always' } });
    expect(stickyComments()[0]?.body).toContain('✅ 1 check passed');

    const before = e2e.api.requests.length;
    answerScore(500);
    const never = await run(workspace, { inputs: { comment: 'never' } });
    expect(never.exitCode).toBe(1);
    expect(operations(before)).toEqual([]);
  });

  it('turns a 403 on the comment into a warning naming the fix, and still writes the summary and outputs', async () => {
    answerScore(500);
    e2e.api.injectFault({
      method: 'POST',
      status: 403,
      times: Infinity,
      message: 'Resource not accessible by integration',
    });
    const workspace = await makeWorkspace(makeScoreContract(1));

    const failing = await run(workspace);

    expect(failing.exitCode).toBe(1);
    expect(warnings(failing).join('\n')).toMatch(/pull-requests: write/);
    expect(warnings(failing).join('\n')).toMatch(/workflow_run/);
    expect(failing.summary).toContain('❌ 1 of 1 check failed');
    expect(failing.outputs).toMatchObject({ total: '1', passed: '0', failed: '1', 'comment-url': '' });
    expect(e2e.comments()).toHaveLength(0);

    const tolerant = await run(workspace, { inputs: { 'fail-on-failure': 'false' } });

    expect(tolerant.exitCode).toBe(0);
    expect(warnings(tolerant).join('\n')).toMatch(/pull-requests: write/);
    expect(tolerant.outputs).toMatchObject({ failed: '1', 'comment-url': '' });
    expect(tolerant.summary).toContain('❌ 1 of 1 check failed');
  });

  it('retries a 5xx and a secondary rate limit on the comment, and still posts exactly one', async () => {
    answerScore(500);
    e2e.api.injectFault({ method: 'GET', status: 502, times: 1, message: 'Server Error' });
    e2e.api.injectFault({
      method: 'POST',
      status: 403,
      times: 1,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '0' },
    });

    const result = await run(await makeWorkspace(makeScoreContract(1)));

    expect(result.exitCode).toBe(1);
    expect(stickyComments()).toHaveLength(1);
    expect(operations()).toEqual([
      'issues/list-comments',
      'issues/list-comments',
      'issues/create-comment',
      'issues/create-comment',
    ]);
    expect(warnings(result)).toEqual([]);
  });

  it('gives up on the comment after bounded retries with a warning, without failing a passing run', async () => {
    e2e.api.injectFault({ method: 'GET', status: 503, times: Infinity, message: 'Service Unavailable' });

    const result = await run(await makeWorkspace(makeScoreContract(1)), { inputs: { comment: 'always' } });

    expect(result.exitCode).toBe(0);
    expect(operations()).toEqual(Array.from({ length: 4 }, () => 'issues/list-comments'));
    expect(warnings(result).join('\n')).toMatch(
      /Could not post the pull request comment: GitHub answered 503/,
    );
    expect(result.outputs).toMatchObject({ total: '1', passed: '1', failed: '0', 'comment-url': '' });
  });

  it('keeps 5,000 failures under the comment and summary limits, with at most 10 error annotations', async () => {
    answerScore(500);
    const contract = makeScoreContract(5_000);
    const webhookLine = String(contract.split('\n').indexOf('  - name: Score lead') + 1);
    const workspace = await makeWorkspace(contract);

    const result = await run(workspace, { inputs: { concurrency: '32' } });

    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ total: '5000', passed: '0', failed: '5000' });
    const body = stickyComments()[0]?.body ?? '';
    expect(body).toContain('❌ 5000 of 5000 checks failed');
    expect(body.length).toBeLessThan(65_536);
    // 5,000 identical failures are one row of the comment, samples in natural order, with a link to the run.
    const rows = body.split('\n').filter((line) => line.startsWith('| Score lead |'));
    expect(rows).toEqual([
      expect.stringMatching(
        /^\| Score lead \| × 5000 samples: lead0, lead1, lead2, … \| 500 \| 500 Internal Server Error \| status: /,
      ),
    ]);
    expect(body).toContain(
      '[workflow run and its job summary](https://github.com/Codertocat/Hello-World/actions/runs/1658821493)',
    );
    // The summary is the full result: counts and percentiles, the projection, every failure until 1 MiB.
    expect(Buffer.byteLength(result.summary, 'utf8')).toBeLessThan(1024 * 1024);
    expect(result.summary).toMatch(
      /\| Score lead \| 5000 \| 0 \| \*\*5000\*\* \| \d+ ms \| \d+ ms \| \d+ ms \|/,
    );
    expect(result.summary).toContain('#### A trigger campaign of 10,000 leads');
    expect(result.summary).toContain('| Score lead | lead9 | 500 |');
    expect(result.summary).not.toContain(API_KEY);
    expect(body).not.toContain(API_KEY);
    // GitHub shows 10 error annotations a step: 8 checks, the overflow line, and the step's failure.
    const errors = errorAnnotations(result);
    expect(errors).toHaveLength(10);
    const atLines = errors.filter((error) => error.properties['file'] === 'webhook-contracts.yml');
    expect(atLines).toHaveLength(8);
    expect(atLines.every((error) => error.properties['line'] === webhookLine)).toBe(true);
    expect(errors.map((error) => error.message)).toContain('4992 more failures: see the job summary');
    const report = parseJsonReport(await readFile(result.outputs['report'] ?? '', 'utf8'));
    expect(report.checks).toHaveLength(5_000);
  }, 180_000);
});
