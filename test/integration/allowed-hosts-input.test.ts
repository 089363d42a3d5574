/**
 * `allowed-hosts` entries are read by one parser in the built CLI (dist/cli.js) and the built action
 * (dist/index.js): an entry that is not a host fails both with exit code 2 and the same words, and nothing is sent.
 */
import { describe, expect, it } from 'vitest';

import { setUpE2eRun } from '../support/e2e-run.js';

const e2e = setUpE2eRun({
  prefix: 'wc-allowed-',
  env: { KEY: 'k-allowed-1', NO_COLOR: '1' },
  contracts: (staging) => ({
    'webhook-contracts.yml': `version: 1\nwebhooks:\n  - name: Hook\n    url: '${staging.url}/json'\n    headers: { X-Key: '\${KEY}' }\n`,
  }),
});

const REASONS = [
  [
    'https://staging.example.com',
    'is not a host: write the host name (api.example.com) or host:port, not a URL or a path',
  ],
  [
    'staging.example.com/hook',
    'is not a host: write the host name (api.example.com) or host:port, not a URL or a path',
  ],
  ['*', 'has a wildcard that is not a leading `*.` (write *.example.com)'],
  ['::1', 'is not a host: write an IPv6 address in brackets, such as [::1] or [::1]:8080'],
  [
    'staging.example.com:70000',
    'has an invalid port: write a number from 1 to 65535, such as api.example.com:8443',
  ],
] as const;

describe.each(REASONS)('the entry %j', (entry, reason) => {
  it('is refused by the built CLI, exit code 2', async () => {
    const result = await e2e.runCli([
      'run',
      'webhook-contracts.yml',
      '--allowed-hosts',
      `ok.example.com,${entry}`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--allowed-hosts: '${entry}' ${reason}.`);
    expect(e2e.staging.connections()).toBe(0);
  });

  it('is refused by the built action with the same words, exit code 2', async () => {
    const result = await e2e.runAction({
      inputs: { comment: 'never', 'allowed-hosts': `ok.example.com\n${entry}` },
    });
    expect(result.exitCode).toBe(2);
    const errors = result.commands.filter((command) => command.command === 'error').map((c) => c.message);
    expect(errors).toContain(`Input 'allowed-hosts': '${entry}' ${reason}.`);
    expect(e2e.staging.connections()).toBe(0);
  });
});
