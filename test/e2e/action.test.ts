/**
 * The built action (`dist/index.js`) end to end, in a child process, against a staging server and a GitHub API
 * stand-in that validates every request against GitHub's OpenAPI description. Build first: `npm run bundle`.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { GitHubApiStandIn } from '../support/github-api-stand-in.js';
import { startGitHubApiStandIn } from '../support/github-api-stand-in.js';
import type { ActionRun, RunActionOptions } from '../support/run-action.js';
import { FIXTURES, runAction } from '../support/run-action.js';
import type { StagingServer } from '../support/staging-server.js';
import { startStagingServer } from '../support/staging-server.js';
import { startTunnelProxy } from '../support/tunnel-proxy.js';

const TOKEN = 'ghs_e2eWorkflowToken0123456789abcdef';
const API_KEY = 'sk_live_e2e_0123456789_secret';
const OWNER = 'Codertocat';
const REPO = 'Hello-World';
/** The number in test/fixtures/pull-request-opened.json. */
const PR_NUMBER = 2;
const MARKER = '<!-- webhook-contracts:Contracts/webhooks -->';

let api: GitHubApiStandIn;
let staging: StagingServer;
/** What `/score` answers; each test sets it. */
let scoreStatus = 200;

beforeAll(async () => {
  api = await startGitHubApiStandIn({ token: TOKEN });
  staging = await startStagingServer();
  staging.route('/score', (request, response) => {
    // The key is echoed back in failures, as a careless service would: it must never reach a report.
    const body =
      scoreStatus === 200
        ? '{"data":{"score":42}}'
        : JSON.stringify({ error: 'upstream down', key: request.headers['x-api-key'] });
    response.writeHead(scoreStatus, { 'content-type': 'application/json' });
    response.end(body);
  });
});

afterAll(async () => {
  await api.close();
  await staging.close();
});

beforeEach(() => {
  scoreStatus = 200;
  api.reset();
  staging.resetStats();
});

afterEach(() => {
  // Every request the action made was a valid GitHub API call.
  expect(api.violations).toEqual([]);
});

/** A contract with one webhook fired for `samples` leads. */
function makeContract(samples: number): string {
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
    '  - name: Score lead',
    "    url: '${STAGING_URL}/score'",
    '    method: POST',
    "    headers: { Content-Type: application/json, X-Api-Key: '${API_KEY}' }",
    '    template: \'{"email": {{lead.Email Address}}}\'',
    '    encoding: json',
    '    responseType: json',
    '    mappings: { data.score: leadScore }',
    '',
  ].join('\n');
}

async function makeWorkspace(contract: string): Promise<string> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'wc-workspace-'));
  await writeFile(path.join(workspace, 'webhook-contracts.yml'), contract);
  return workspace;
}

async function run(workspace: string, overrides: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({
    token: TOKEN,
    workspace,
    apiUrl: api.url,
    ...overrides,
    inputs: { 'allowed-hosts': `127.0.0.1:${staging.port}`, ...overrides.inputs },
    env: { STAGING_URL: staging.url, API_KEY, ...overrides.env },
  });
}

function stickyComments(): { id: number; body: string }[] {
  return api.comments(OWNER, REPO, PR_NUMBER).filter((comment) => comment.body.includes(MARKER));
}

function warnings(result: ActionRun): string[] {
  return result.commands.filter((command) => command.command === 'warning').map((command) => command.message);
}

function errorAnnotations(
  result: ActionRun,
): { properties: Readonly<Record<string, string>>; message: string }[] {
  return result.commands.filter((command) => command.command === 'error');
}

/** The GitHub operations called, from request number `from` on. */
function operations(from = 0): (string | undefined)[] {
  return api.requests.slice(from).map((request) => request.operationId);
}

describe('the action on a pull request', () => {
  it('creates the sticky comment on the first failing run and updates it on the second', async () => {
    scoreStatus = 500;
    const workspace = await makeWorkspace(makeContract(2));

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

    const before = api.requests.length;
    const second = await run(workspace);

    expect(second.exitCode).toBe(1);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.id).toBe(created?.id);
    expect(operations(before)).toEqual(['issues/list-comments', 'issues/update-comment']);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
  });

  it('masks the token first and keeps secrets out of the comment, summary, report and log', async () => {
    scoreStatus = 500;
    const workspace = await makeWorkspace(makeContract(1));

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
    scoreStatus = 500;
    const bodies = Array.from({ length: 150 }, (_, index) =>
      index === 119 ? `${MARKER}\nold result` : `comment ${index} from a reviewer`,
    );
    api.seedComments(OWNER, REPO, PR_NUMBER, bodies.slice(0, 119));
    api.seedComments(OWNER, REPO, PR_NUMBER, bodies.slice(119, 120), 'github-actions[bot]');
    api.seedComments(OWNER, REPO, PR_NUMBER, bodies.slice(120));
    const markedId = api.comments(OWNER, REPO, PR_NUMBER)[119]?.id;

    const result = await run(await makeWorkspace(makeContract(1)));

    expect(api.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(150);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.id).toBe(markedId);
    expect(stickyComments()[0]?.body).toContain('❌ 1 of 1 check failed');
    expect(api.requests.map((request) => [request.operationId, request.query['page'] ?? '1'])).toEqual([
      ['issues/list-comments', '1'],
      ['issues/list-comments', '2'],
      ['issues/update-comment', '1'],
    ]);
    expect(result.outputs['comment-url']).toContain(`#issuecomment-${markedId}`);
  });

  it('updates an earlier failing comment to the passing text when the checks pass again (on-failure)', async () => {
    const workspace = await makeWorkspace(makeContract(2));
    scoreStatus = 500;
    await run(workspace);
    expect(stickyComments()[0]?.body).toContain('❌');

    scoreStatus = 200;
    const passing = await run(workspace);

    expect(passing.exitCode).toBe(0);
    expect(passing.outputs).toMatchObject({ total: '2', passed: '2', failed: '0' });
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.body).toContain('✅ all 2 checks passed');
    expect(stickyComments()[0]?.body).not.toContain('❌');
    expect(passing.outputs['comment-url']).toContain('#issuecomment-');
  });

  it('posts nothing for a passing run when no comment exists yet (on-failure)', async () => {
    const result = await run(await makeWorkspace(makeContract(2)));

    expect(result.exitCode).toBe(0);
    expect(api.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(0);
    expect(operations()).toEqual(['issues/list-comments']);
    expect(result.outputs['comment-url']).toBe('');
    // Passing checks are counted in the log, not listed one by one.
    expect(result.stdout).toContain('2/2 checks done');
    expect(result.stdout).not.toContain('Score lead (lead0)');
  });

  it('posts a passing comment with comment: always, and none at all with comment: never', async () => {
    const workspace = await makeWorkspace(makeContract(1));

    await run(workspace, { inputs: { comment: 'always' } });
    expect(stickyComments()[0]?.body).toContain('✅ 1 check passed');

    const before = api.requests.length;
    scoreStatus = 500;
    const never = await run(workspace, { inputs: { comment: 'never' } });
    expect(never.exitCode).toBe(1);
    expect(operations(before)).toEqual([]);
  });

  it('turns a 403 on the comment into a warning naming the fix, and still writes the summary and outputs', async () => {
    scoreStatus = 500;
    api.injectFault({
      method: 'POST',
      status: 403,
      times: Infinity,
      message: 'Resource not accessible by integration',
    });
    const workspace = await makeWorkspace(makeContract(1));

    const failing = await run(workspace);

    expect(failing.exitCode).toBe(1);
    expect(warnings(failing).join('\n')).toMatch(/pull-requests: write/);
    expect(warnings(failing).join('\n')).toMatch(/workflow_run/);
    expect(failing.summary).toContain('❌ 1 of 1 check failed');
    expect(failing.outputs).toMatchObject({ total: '1', passed: '0', failed: '1', 'comment-url': '' });
    expect(api.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(0);

    const tolerant = await run(workspace, { inputs: { 'fail-on-failure': 'false' } });

    expect(tolerant.exitCode).toBe(0);
    expect(warnings(tolerant).join('\n')).toMatch(/pull-requests: write/);
    expect(tolerant.outputs).toMatchObject({ failed: '1', 'comment-url': '' });
    expect(tolerant.summary).toContain('❌ 1 of 1 check failed');
  });

  it('retries a 5xx and a secondary rate limit on the comment, and still posts exactly one', async () => {
    scoreStatus = 500;
    api.injectFault({ method: 'GET', status: 502, times: 1, message: 'Server Error' });
    api.injectFault({
      method: 'POST',
      status: 403,
      times: 1,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '0' },
    });

    const result = await run(await makeWorkspace(makeContract(1)));

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
    api.injectFault({ method: 'GET', status: 503, times: Infinity, message: 'Service Unavailable' });

    const result = await run(await makeWorkspace(makeContract(1)), { inputs: { comment: 'always' } });

    expect(result.exitCode).toBe(0);
    expect(operations()).toEqual(Array.from({ length: 4 }, () => 'issues/list-comments'));
    expect(warnings(result).join('\n')).toMatch(
      /Could not post the pull request comment: GitHub answered 503/,
    );
    expect(result.outputs).toMatchObject({ total: '1', passed: '1', failed: '0', 'comment-url': '' });
  });

  it('keeps 5,000 failures under the comment and summary limits, with at most 10 error annotations', async () => {
    scoreStatus = 500;
    const contract = makeContract(5_000);
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
    const report = JSON.parse(await readFile(result.outputs['report'] ?? '', 'utf8')) as {
      checks: unknown[];
    };
    expect(report.checks).toHaveLength(5_000);
  }, 180_000);
});

describe('the action outside a pull request', () => {
  it('on push writes the summary and outputs and calls no GitHub API', async () => {
    scoreStatus = 500;
    const result = await run(await makeWorkspace(makeContract(2)), {
      eventName: 'push',
      eventPath: path.join(FIXTURES, 'push.json'),
      inputs: { comment: 'always' },
    });

    expect(result.exitCode).toBe(1);
    expect(api.requests).toEqual([]);
    expect(result.stdout).toMatch(/✗ \d\/2 Score lead \(lead0\): 500 Internal Server Error/);
    expect(result.summary).toContain('❌ 2 of 2 checks failed');
    expect(result.outputs).toMatchObject({ total: '2', passed: '0', failed: '2', 'comment-url': '' });
    expect(result.outputs['report']).toMatch(/report\.json$/);
  });
});

describe('the action behind a proxy', () => {
  it('sends the webhook calls through HTTP_PROXY, as runners behind a corporate proxy set it', async () => {
    const proxy = await startTunnelProxy();
    try {
      scoreStatus = 200;
      const result = await run(await makeWorkspace(makeContract(2)), {
        eventName: 'push',
        eventPath: path.join(FIXTURES, 'push.json'),
        env: { HTTP_PROXY: proxy.url },
      });
      expect(result.outputs).toMatchObject({ total: '2', passed: '2', failed: '0' });
      expect(result.exitCode).toBe(0);
      // The two calls run at once (concurrency 8), each through a tunnel to the staging server.
      expect(proxy.tunnels()).toEqual([`127.0.0.1:${staging.port}`, `127.0.0.1:${staging.port}`]);
    } finally {
      await proxy.close();
    }
  });
});

describe('the action in a workflow_run workflow (commenting for forks)', () => {
  const workflowRun = {
    eventName: 'workflow_run',
    eventPath: path.join(FIXTURES, 'workflow-run-completed.json'),
  };

  it('comments on the pull request named by the pull-request input', async () => {
    scoreStatus = 500;
    const result = await run(await makeWorkspace(makeContract(1)), {
      ...workflowRun,
      inputs: { 'pull-request': String(PR_NUMBER) },
    });

    expect(result.exitCode).toBe(1);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.body).toMatch(/❌ 1 of 1 checks? failed/);
    expect(result.outputs['comment-url']).toMatch(/issuecomment/);
  });

  it('comments nowhere without it: the payload of a fork names no pull request', async () => {
    scoreStatus = 500;
    const result = await run(await makeWorkspace(makeContract(1)), workflowRun);

    expect(result.exitCode).toBe(1);
    expect(api.requests).toEqual([]);
    expect(result.summary).toMatch(/❌ 1 of 1 checks? failed/);
  });
});

describe('invalid contracts and inputs', () => {
  it('fails with located errors, calls nothing, and still writes the outputs and summary', async () => {
    const contract = makeContract(1)
      .replace('method: POST', 'method: FETCH')
      .replace('leadScore: integer', 'leadScore: integr');

    const result = await run(await makeWorkspace(contract), { inputs: { comment: 'always' } });

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^::error file=webhook-contracts\.yml,line=\d+/m);
    const lineOf = (text: string): string =>
      String(contract.split('\n').findIndex((line) => line.includes(text)) + 1);
    const located = errorAnnotations(result).filter(
      (error) => error.properties['file'] === 'webhook-contracts.yml',
    );
    expect(located.map((error) => error.properties['line'])).toEqual(
      expect.arrayContaining([lineOf('integr'), lineOf('FETCH')]),
    );
    expect(staging.hits('/score')).toBe(0);
    expect(api.requests).toEqual([]);
    expect(result.outputs).toMatchObject({
      total: '',
      passed: '',
      failed: '',
      report: '',
      'comment-url': '',
    });
    expect(result.summary).toContain('the contract files are invalid');
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it('names an invalid input and fails without a stack trace', async () => {
    const result = await run(await makeWorkspace(makeContract(1)), { inputs: { concurrency: 'eight' } });

    expect(result.exitCode).toBe(2);
    expect(errorAnnotations(result).map((error) => error.message)).toContain(
      "Input 'concurrency' must be a whole number from 1 to 64, not 'eight'.",
    );
    expect(staging.hits('/score')).toBe(0);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(result.outputs).toMatchObject({ total: '', failed: '' });
  });
});

describe('the ca-file and pull-request inputs', () => {
  it('names an unreadable ca-file and a bad pull-request number as input errors (exit code 2)', async () => {
    const workspace = await makeWorkspace(makeContract(1));
    const badCa = await run(workspace, { inputs: { 'ca-file': 'certs/missing.pem' } });
    expect(badCa.exitCode).toBe(2);
    expect(errorAnnotations(badCa).map((error) => error.message)).toContain(
      "Input 'ca-file': cannot read certs/missing.pem (ENOENT)",
    );
    expect(staging.hits('/score')).toBe(0);

    const badPr = await run(workspace, { inputs: { 'pull-request': 'main' } });
    expect(badPr.exitCode).toBe(2);
    expect(errorAnnotations(badPr).map((error) => error.message)).toContain(
      "Input 'pull-request' must be a pull request number such as 42, not 'main'.",
    );
  });
});

describe('merge mode', () => {
  it('joins shard reports into one comment and summary', async () => {
    scoreStatus = 500;
    const workspace = await makeWorkspace(makeContract(4));
    const never = { comment: 'never', 'fail-on-failure': 'false' };
    await run(workspace, { inputs: { ...never, shard: '1/2', 'report-json': 'shards/report-1.json' } });
    await run(workspace, { inputs: { ...never, shard: '2/2', 'report-json': 'shards/report-2.json' } });
    expect(staging.hits('/score')).toBe(4);
    expect(api.requests).toEqual([]);

    const merged = await run(workspace, { inputs: { mode: 'merge', reports: 'shards/*.json' } });

    expect(staging.hits('/score')).toBe(4);
    expect(merged.exitCode).toBe(1);
    expect(merged.outputs).toMatchObject({ total: '4', passed: '0', failed: '4' });
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.body).toContain('❌ 4 of 4 checks failed');
  });
});
