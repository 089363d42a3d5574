/**
 * The built action (`dist/index.js`) on the other events it runs for (push, workflow_run), behind a proxy, and
 * joining shard reports in merge mode, against a staging server and the GitHub API stand-in.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { PULL_REQUEST } from '../support/e2e-run.js';
import { FIXTURES } from '../support/run-action.js';
import { makeScoreContract, setUpScoreLeadRun } from '../support/score-lead-run.js';
import { startTunnelProxy } from '../support/tunnel-proxy.js';

const { e2e, answerScore, makeWorkspace, run, stickyComments } = setUpScoreLeadRun();

describe('the action outside a pull request', () => {
  it('on push writes the summary and outputs and calls no GitHub API', async () => {
    answerScore(500);
    const result = await run(await makeWorkspace(makeScoreContract(2)), {
      eventName: 'push',
      eventPath: path.join(FIXTURES, 'push.json'),
      inputs: { comment: 'always' },
    });

    expect(result.exitCode).toBe(1);
    expect(e2e.api.requests).toEqual([]);
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
      answerScore(200);
      const result = await run(await makeWorkspace(makeScoreContract(2)), {
        eventName: 'push',
        eventPath: path.join(FIXTURES, 'push.json'),
        env: { HTTP_PROXY: proxy.url },
      });
      expect(result.outputs).toMatchObject({ total: '2', passed: '2', failed: '0' });
      expect(result.exitCode).toBe(0);
      // The two calls run at once (concurrency 8), each through a tunnel to the staging server.
      expect(proxy.tunnels()).toEqual([`127.0.0.1:${e2e.staging.port}`, `127.0.0.1:${e2e.staging.port}`]);
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
    answerScore(500);
    const result = await run(await makeWorkspace(makeScoreContract(1)), {
      ...workflowRun,
      inputs: { 'pull-request': String(PULL_REQUEST.number) },
    });

    expect(result.exitCode).toBe(1);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.body).toMatch(/❌ 1 of 1 checks? failed/);
    expect(result.outputs['comment-url']).toMatch(/issuecomment/);
  });

  it('comments nowhere without it: the payload of a fork names no pull request', async () => {
    answerScore(500);
    const result = await run(await makeWorkspace(makeScoreContract(1)), workflowRun);

    expect(result.exitCode).toBe(1);
    expect(e2e.api.requests).toEqual([]);
    expect(result.summary).toMatch(/❌ 1 of 1 checks? failed/);
  });
});

describe('merge mode', () => {
  it('joins shard reports into one comment and summary', async () => {
    answerScore(500);
    const workspace = await makeWorkspace(makeScoreContract(4));
    const never = { comment: 'never', 'fail-on-failure': 'false' };
    await run(workspace, { inputs: { ...never, shard: '1/2', 'report-json': 'shards/report-1.json' } });
    await run(workspace, { inputs: { ...never, shard: '2/2', 'report-json': 'shards/report-2.json' } });
    expect(e2e.staging.hits('/score')).toBe(4);
    expect(e2e.api.requests).toEqual([]);

    const merged = await run(workspace, { inputs: { mode: 'merge', reports: 'shards/*.json' } });

    expect(e2e.staging.hits('/score')).toBe(4);
    expect(merged.exitCode).toBe(1);
    expect(merged.outputs).toMatchObject({ total: '4', passed: '0', failed: '4' });
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0]?.body).toContain('❌ 4 of 4 checks failed');
  });
});
