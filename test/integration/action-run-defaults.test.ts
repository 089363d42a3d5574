/**
 * The exported `run()` of src/action/run-action.ts, called in-process the way `@github/local-action` calls it:
 * with no `INPUT_*` variable at all, it must apply action.yml's defaults itself (the runner is not there to),
 * and run `webhook-contracts.yml` from the workspace against a real server on 127.0.0.1.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';

import { run } from '../../src/action/run-action.js';
import { makeAliceScoreContract } from '../support/contract-yaml.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

let server: StagingServer;
let dir: string;

beforeAll(async () => {
  server = await startStagingServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-run-defaults-'));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  // run() sets the absent inputs itself: remove them, so no other test sees them.
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name];
  process.exitCode = undefined;
});

it("applies action.yml's defaults when no INPUT_* variable is set", async () => {
  const workspace = await mkdtemp(path.join(dir, 'workspace-'));
  // The default `contracts` input names this file; a literal URL carries no secret, so the default empty
  // `allowed-hosts` lets it through.
  await writeFile(
    path.join(workspace, 'webhook-contracts.yml'),
    makeAliceScoreContract(`${server.url}/json`),
    'utf8',
  );
  const outputFile = path.join(workspace, 'github-output');
  const summaryFile = path.join(workspace, 'step-summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) vi.stubEnv(name, undefined);
  vi.stubEnv('GITHUB_WORKSPACE', workspace);
  vi.stubEnv('GITHUB_OUTPUT', outputFile);
  vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
  vi.stubEnv('RUNNER_TEMP', workspace);
  vi.stubEnv('GITHUB_EVENT_NAME', undefined);
  vi.stubEnv('HTTP_PROXY', undefined);
  vi.stubEnv('HTTPS_PROXY', undefined);
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
    written.push(String(text));
    return true;
  });

  // The runner starts the step in the workspace; contract paths are relative to the working directory.
  const cwd = process.cwd();
  process.chdir(workspace);
  try {
    await run();
  } finally {
    process.chdir(cwd);
  }

  const log = written.join('');
  expect(log).not.toContain('::error');
  expect(process.exitCode ?? 0).toBe(0);
  expect(server.hits('/json')).toBe(1);
  const outputs = await readFile(outputFile, 'utf8');
  for (const [name, value] of [
    ['total', '1'],
    ['passed', '1'],
    ['failed', '0'],
  ]) {
    expect(outputs).toMatch(new RegExp(`^${name}<<(\\S+)\\n${value}\\n\\1$`, 'm'));
  }
  // The default `report-json` (empty) writes the report under RUNNER_TEMP.
  const report = /^report<<(\S+)\n(.*)\n\1$/m.exec(outputs)?.[2] ?? '';
  expect(report.startsWith(workspace)).toBe(true);
  expect(JSON.parse(await readFile(report, 'utf8'))).toMatchObject({ summary: { total: 1, passed: 1 } });
});
