/**
 * Credentials in a contract URL's userinfo are a located contract error in the built CLI and the built action
 * (they would silently not be sent): exit code 2, `file:line:column`, the fix named, the credentials not quoted,
 * and nothing sent.
 */
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';

const PASSWORD = 'hunter2-userinfo-5c1';

const e2e = setUpE2eRun({
  prefix: 'wc-userinfo-',
  env: (staging) => ({ CRED_URL: staging.url.replace('http://', `http://svc:${PASSWORD}@`) }),
  contracts: (staging) => ({
    'webhook-contracts.yml': `version: 1\nwebhooks:\n  - name: Hook\n    url: '${staging.url.replace('http://', `http://bob:${PASSWORD}@`)}/json'\n  - name: Via env\n    url: '\${CRED_URL}/json'\n`,
  }),
});

describe('a URL with user:password@', () => {
  it('is a located contract error in the built CLI', async () => {
    const result = await e2e.runCli(['run', 'webhook-contracts.yml'], { env: { NO_COLOR: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^webhook-contracts\.yml:4:10: webhooks\[0\]\.url holds credentials before the host .*`Authorization` header/m,
    );
    expect(result.stderr).toMatch(/^webhook-contracts\.yml:6:10: webhooks\[1\]\.url holds credentials/m);
    expect(result.stderr + result.stdout).not.toContain(PASSWORD);
    expect(e2e.staging.connections()).toBe(0);
  });

  it('is an annotated contract error in the built action', async () => {
    const result = await e2e.runAction({ inputs: { comment: 'never' } });
    expect(result.exitCode).toBe(2);
    const annotations = result.commands.filter(
      (command) => command.command === 'error' && command.properties['file'] === 'webhook-contracts.yml',
    );
    expect(annotations.map((annotation) => annotation.properties['line'])).toEqual(['4', '6']);
    expect(annotations[0]?.message).toMatch(/`Authorization` header/);
    expect(result.log + result.summary).not.toContain(PASSWORD);
    expect(e2e.staging.connections()).toBe(0);
  });
});
