/**
 * The e2e tests trust the GitHub API stand-in to refuse what GitHub would refuse: these tests show that it does,
 * so an empty `violations` list in the e2e tests means something.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { GitHubApiStandIn } from '../support/github-api-stand-in.js';
import { startGitHubApiStandIn } from '../support/github-api-stand-in.js';

const TOKEN = 'ghs_standInToken';
const COMMENTS = '/repos/octo/repo/issues/7/comments';

let api: GitHubApiStandIn;

beforeAll(async () => {
  api = await startGitHubApiStandIn({ token: TOKEN });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => api.reset());

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = TOKEN,
): Promise<{ status: number; json: unknown; link: string | null }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json(), link: response.headers.get('link') };
}

describe('the GitHub API stand-in', () => {
  it('creates, lists and updates comments as GitHub does, with no violation', async () => {
    const created = await call('POST', COMMENTS, { body: 'hello' });
    expect(created.status).toBe(201);
    const { id } = created.json as { id: number };

    const updated = await call('PATCH', `/repos/octo/repo/issues/comments/${id}`, { body: 'changed' });
    expect(updated.status).toBe(200);
    expect((updated.json as { body: string }).body).toBe('changed');
    expect((await call('GET', COMMENTS)).json).toMatchObject([{ id, body: 'changed' }]);
    expect(api.violations).toEqual([]);
    expect(api.requests.map((request) => request.operationId)).toEqual([
      'issues/create-comment',
      'issues/update-comment',
      'issues/list-comments',
    ]);
  });

  it('paginates with a Link header', async () => {
    api.seedComments(
      'octo',
      'repo',
      7,
      Array.from({ length: 150 }, (_, index) => `c${index}`),
    );

    const first = await call('GET', `${COMMENTS}?per_page=100`);
    expect(first.json).toHaveLength(100);
    expect(first.link).toContain(`<${api.url}${COMMENTS}?per_page=100&page=2>; rel="next"`);

    const second = await call('GET', `${COMMENTS}?per_page=100&page=2`);
    expect(second.json).toHaveLength(50);
    expect(second.link).not.toContain('rel="next"');
    expect(api.violations).toEqual([]);
  });

  it('refuses a route GitHub does not have', async () => {
    expect((await call('POST', '/repos/octo/repo/pulls/7/sticky-comments', { body: 'x' })).status).toBe(404);
    expect((await call('PUT', COMMENTS, { body: 'x' })).status).toBe(404);
    expect(api.violations).toHaveLength(2);
    expect(api.violations[0]).toMatch(/no such operation/);
  });

  it("refuses a body that breaks the operation's schema", async () => {
    expect((await call('POST', COMMENTS, { text: 'hello' })).status).toBe(422);
    expect((await call('POST', COMMENTS, { body: 42 })).status).toBe(422);
    expect(api.violations).toEqual([
      expect.stringMatching(/issues\/create-comment\) body must have required property 'body'/),
      expect.stringMatching(/issues\/create-comment\) body\/body must be string/),
    ]);
  });

  it('refuses a path parameter of the wrong type and an unknown query parameter', async () => {
    expect((await call('PATCH', '/repos/octo/repo/issues/comments/abc', { body: 'x' })).status).toBe(422);
    expect((await call('GET', `${COMMENTS}?sort=asc`)).status).toBe(422);
    expect(api.violations).toEqual([
      expect.stringMatching(/path parameter comment_id=abc must be integer/),
      expect.stringMatching(/unknown query parameter sort/),
    ]);
  });

  it('refuses a token that is not the workflow token', async () => {
    expect((await call('GET', COMMENTS, undefined, 'ghs_other')).status).toBe(401);
    expect(api.violations).toEqual([expect.stringMatching(/not the workflow token/)]);
  });

  it('answers injected faults the given number of times', async () => {
    api.injectFault({
      method: 'POST',
      status: 403,
      times: 1,
      message: 'Resource not accessible by integration',
    });
    expect((await call('POST', COMMENTS, { body: 'x' })).status).toBe(403);
    expect((await call('POST', COMMENTS, { body: 'x' })).status).toBe(201);
    expect(api.comments('octo', 'repo', 7)).toHaveLength(1);
  });
});
