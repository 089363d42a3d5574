/**
 * `webhook-contracts render` and `merge` in the bundled CLI (dist/cli.js) run as a child process against a staging
 * server on 127.0.0.1: the requests shown with their secrets masked, and shard reports joined.
 */
import { describe, expect, it } from 'vitest';

import { makeHooksContract } from '../support/contract-yaml.js';
import { setUpE2eRun } from '../support/e2e-run.js';

const SECRET = 'sk-live-7f3a9c41d2';

const e2e = setUpE2eRun({ prefix: 'wc-cli-', env: { API_KEY: SECRET } });

describe('webhook-contracts render', () => {
  it('prints the requests with every secret masked, and sends nothing', async () => {
    const file = await e2e.writeFile('render.yml', makeHooksContract(['/json'], { twoSamples: true }));
    const result = await e2e.runCli(['render', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Hook 1 × alice');
    expect(result.stdout).toContain('POST ***/json');
    expect(result.stdout).toContain('X-Api-Key: ***');
    expect(result.stdout).toContain('{"email": "bob@example.com"}');
    expect(result.stdout).not.toContain(SECRET);
    expect(result.stdout).not.toContain(e2e.staging.url);
    expect(e2e.staging.connections()).toBe(0);
  });

  it('filters by --webhook and --sample, and names the choices when nothing matches', async () => {
    const file = await e2e.writeFile(
      'render-two.yml',
      makeHooksContract(['/json', '/other'], { twoSamples: true }),
    );
    const one = await e2e.runCli(['render', file, '--webhook', 'Hook 2', '--sample', 'bob']);
    expect(one.code).toBe(0);
    expect(one.stdout.match(/^### /gm)).toHaveLength(1);
    expect(one.stdout).toContain('### Hook 2 × bob');
    const none = await e2e.runCli(['render', file, '--sample', 'carol']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("'alice', 'bob'");
    expect(e2e.staging.connections()).toBe(0);
  });
});

describe('webhook-contracts merge', () => {
  it('joins two shard reports into one table and report', async () => {
    const file = await e2e.writeFile(
      'shards.yml',
      makeHooksContract(['/json', '/status/503', '/json'], { twoSamples: true }),
    );
    const first = await e2e.runCli(['run', file, '--shard', '1/2', '--report-json', 'shards/1.json']);
    const second = await e2e.runCli(['run', file, '--shard', '2/2', '--report-json', 'shards/2.json']);
    expect([first.code, second.code]).toContain(1);
    const shardTotals = await Promise.all(
      ['shards/1.json', 'shards/2.json'].map(async (name) => {
        const report = await e2e.readReport(name);
        return report.summary.total;
      }),
    );
    expect(shardTotals).toEqual([3, 3]);

    const merged = await e2e.runCli([
      'merge',
      'shards/*.json',
      '--report-json',
      'merged.json',
      '--report-junit',
      'merged.xml',
    ]);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toContain('6 checks: 4 passed, 2 failed');
    const report = await e2e.readReport('merged.json');
    expect(report.summary).toEqual({ total: 6, passed: 4, failed: 2 });
    expect(report.checks.map((check) => `${check.webhook}/${check.sample}`).sort()).toEqual(
      ['Hook 1/alice', 'Hook 1/bob', 'Hook 2/alice', 'Hook 2/bob', 'Hook 3/alice', 'Hook 3/bob'].sort(),
    );
    expect(await e2e.readFile('merged.xml')).toContain('tests="6"');
  });

  it('exits 2 for a file that is not a report', async () => {
    await e2e.writeFile('bad/report.json', '{"hello": "world"}');
    const result = await e2e.runCli(['merge', 'bad/report.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad/report.json');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when no report is named', async () => {
    const result = await e2e.runCli(['merge']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('merge needs the JSON reports');
  });
});
