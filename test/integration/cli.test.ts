/**
 * `webhook-contracts run` in the bundled CLI (dist/cli.js, from `npm run bundle`) run as a child process, as a user
 * runs it, against real servers on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';

import { makeHooksContract } from '../support/contract-yaml.js';
import { setUpE2eRun } from '../support/e2e-run.js';
import { startTunnelProxy } from '../support/tunnel-proxy.js';

const SECRET = 'sk-live-7f3a9c41d2';

const e2e = setUpE2eRun({ prefix: 'wc-cli-', env: { API_KEY: SECRET } });

describe('webhook-contracts run', () => {
  it('exits 0 and prints the table when every check passes', async () => {
    const file = await e2e.writeFile('passing.yml', makeHooksContract(['/json'], { twoSamples: true }));
    const result = await e2e.runCli(['run', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓\s+Hook 1\s+alice\s+200/);
    expect(result.stdout).toMatch(/✓\s+Hook 1\s+bob\s+200/);
    expect(result.stdout).toContain('2 checks: 2 passed, 0 failed');
    expect(e2e.staging.hits('/json')).toBe(2);
  });

  // The bundle loads yaml, fast-xml-parser and ajv from files of their own (dist/cli-*.cjs) on first use, and
  // undici's proxy agent only when a proxy is set: these runs go through each of those paths in the built CLI.
  it('loads what a run needs on demand: XML responses, response schemas', async () => {
    const file = await e2e.writeFile(
      'on-demand.yml',
      `version: 1
samples:
  alice: { lead: { Email: alice@example.com } }
fields:
  leadScore: integer
  tier: string
webhooks:
  - name: XML hook
    url: '\${STAGING_URL}/xml'
    responseType: xml
    mappings: { result.data.score: leadScore }
  - name: Schema hook
    url: '\${STAGING_URL}/json'
    responseType: json
    mappings: { data.tier: tier }
    expect:
      schema: { type: object, required: [data], properties: { data: { properties: { tier: { enum: [gold] } } } } }
`,
    );
    const result = await e2e.runCli(['run', file]);
    expect(result.stdout).toMatch(/✓\s+XML hook\s+alice\s+200/);
    expect(result.stdout).toMatch(/✓\s+Schema hook\s+alice\s+200/);
    expect(result.code).toBe(0);
  });

  it('sends through HTTP_PROXY when it is set', async () => {
    const proxy = await startTunnelProxy();
    try {
      const file = await e2e.writeFile('proxied.yml', makeHooksContract(['/json']));
      const result = await e2e.runCli(['run', file], { env: { HTTP_PROXY: proxy.url } });
      expect(result.code).toBe(0);
      expect(proxy.tunnels()).toEqual([`127.0.0.1:${e2e.staging.port}`]);
      expect(e2e.staging.hits('/json')).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('reads webhook-contracts.yml when no file is named', async () => {
    await e2e.writeFile('webhook-contracts.yml', makeHooksContract(['/json']));
    const result = await e2e.runCli(['run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 check: 1 passed, 0 failed');
  });

  it('exits 1 when a check fails, naming the problem', async () => {
    const file = await e2e.writeFile('failing.yml', makeHooksContract(['/json', '/status/500']));
    const result = await e2e.runCli(['run', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗\s+Hook 2\s+alice\s+500 .*status/);
    expect(result.stdout).toContain('2 checks: 1 passed, 1 failed');
  });

  it('exits 2 with every located problem and sends nothing when a contract is invalid', async () => {
    const file = await e2e.writeFile(
      'invalid.yml',
      `version: 1
fields:
  leadScore: int
webhooks:
  - name: Broken
    url: '\${STAGING_URL}/json'
    method: POST
    template: '{"email": "\\d"}'
    mappings: { data.score: leadScore }
  - name: Unset secret
    url: '\${NOT_SET_ANYWHERE}/json'
`,
    );
    const result = await e2e.runCli(['run', file]);
    expect(result.code).toBe(2);
    const located = result.stderr.split('\n').filter((line) => line.startsWith(`${file}:`));
    expect(located.length).toBeGreaterThanOrEqual(3);
    for (const line of located) expect(line).toMatch(/^invalid\.yml:\d+:\d+: \S/);
    expect(result.stderr).toMatch(/invalid\.yml:3:\d+: .*int/);
    expect(result.stderr).toContain('NOT_SET_ANYWHERE');
    expect(result.stderr).toContain('nothing was sent');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(e2e.staging.connections()).toBe(0);
  });

  it('exits 2 for a missing file and a glob that matches nothing, listing both', async () => {
    const result = await e2e.runCli(['run', 'missing.yml', 'contracts/**/*.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yml:1:1: file not found');
    expect(result.stderr).toContain('contracts/**/*.yml:1:1: the glob matches no files');
    expect(e2e.staging.connections()).toBe(0);
  });

  it('writes the JSON and JUnit reports, creating their directories, with the secret removed', async () => {
    // /echo answers with the request's headers, so the secret comes back in the response snippet.
    const file = await e2e.writeFile('echo.yml', makeHooksContract(['/echo']));
    const result = await e2e.runCli([
      'run',
      file,
      '--report-json',
      'out/json/report.json',
      '--report-junit',
      'out/junit/report.xml',
    ]);
    expect(result.code).toBe(1);
    const json = await e2e.readFile('out/json/report.json');
    const report = JSON.parse(json) as { version: number; summary: { total: number }; checks: unknown[] };
    expect(report.version).toBe(1);
    expect(report.summary.total).toBe(1);
    expect(report.checks).toHaveLength(1);
    const junit = await e2e.readFile('out/junit/report.xml');
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toContain('<testcase');
    expect(json).toContain('***');
    for (const text of [json, junit, result.stdout, result.stderr]) expect(text).not.toContain(SECRET);
  });

  it('refuses a secret-bearing request to a host outside --allowed-hosts', async () => {
    const file = await e2e.writeFile('blocked.yml', makeHooksContract(['/json']));
    const result = await e2e.runCli(['run', file, '--allowed-hosts', 'staging.example.com']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('blocked');
    expect(e2e.staging.connections()).toBe(0);
  });

  it('prints progress lines on a non-terminal stderr, and none with --quiet', async () => {
    const file = await e2e.writeFile('progress.yml', makeHooksContract(['/json'], { twoSamples: true }));
    const loud = await e2e.runCli(['run', file]);
    expect(loud.stderr).toContain('2/2 checks done');
    const quiet = await e2e.runCli(['run', file, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('checks done');
  });

  it('exits 2 naming the flag for an unknown flag or a bad value', async () => {
    const unknown = await e2e.runCli(['run', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --frobnicate');
    const badTimeout = await e2e.runCli(['run', '--timeout', '45s']);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain('--timeout');
    const badShard = await e2e.runCli(['run', '--shard', '3/2']);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toContain('--shard');
    expect(e2e.staging.connections()).toBe(0);
  });
});
