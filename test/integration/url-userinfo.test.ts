/**
 * Credentials in a contract URL's userinfo are a located contract error in the built CLI and the built action
 * (they would silently not be sent): exit code 2, `file:line:column`, the fix named, the credentials not quoted,
 * and nothing sent.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runAction } from '../support/run-action.js';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const PASSWORD = 'hunter2-userinfo-5c1';

let server: StagingServer;
let dir: string;

beforeAll(async () => {
  await ensureBundle();
  server = await startStagingServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-userinfo-'));
  const url = server.url.replace('http://', `http://bob:${PASSWORD}@`);
  await writeFile(
    path.join(dir, 'webhook-contracts.yml'),
    `version: 1\nwebhooks:\n  - name: Hook\n    url: '${url}/json'\n  - name: Via env\n    url: '\${CRED_URL}/json'\n`,
  );
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({
  CRED_URL: server.url.replace('http://', `http://svc:${PASSWORD}@`),
});

describe('a URL with user:password@', () => {
  it('is a located contract error in the built CLI', async () => {
    const result = await runNode([CLI, 'run', 'webhook-contracts.yml'], {
      cwd: dir,
      env: { ...env(), NO_COLOR: '1' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^webhook-contracts\.yml:4:10: webhooks\[0\]\.url holds credentials before the host .*`Authorization` header/m,
    );
    expect(result.stderr).toMatch(/^webhook-contracts\.yml:6:10: webhooks\[1\]\.url holds credentials/m);
    expect(result.stderr + result.stdout).not.toContain(PASSWORD);
    expect(server.connections()).toBe(0);
  });

  it('is an annotated contract error in the built action', async () => {
    const result = await runAction({
      token: 'ghs_userinfoToken0123456789',
      workspace: dir,
      apiUrl: 'http://127.0.0.1:9',
      inputs: { comment: 'never' },
      env: env(),
    });
    expect(result.exitCode).toBe(2);
    const annotations = result.commands.filter(
      (command) => command.command === 'error' && command.properties['file'] === 'webhook-contracts.yml',
    );
    expect(annotations.map((annotation) => annotation.properties['line'])).toEqual(['4', '6']);
    expect(annotations[0]?.message).toMatch(/`Authorization` header/);
    const visible = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(visible + result.summary).not.toContain(PASSWORD);
    expect(server.connections()).toBe(0);
  });
});
