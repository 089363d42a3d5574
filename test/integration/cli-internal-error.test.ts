/**
 * An internal error (a bug, or a stream that throws) is printed with its stack, redacted: the frames must survive
 * redaction of a header that held a secret.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run-cli.js';

const SECRET = 'tok_internal_error_9f3a';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wc-internal-error-'));
  await writeFile(
    path.join(dir, 'webhook-contracts.yml'),
    [
      'version: 1',
      'webhooks:',
      '  - name: Score lead',
      '    url: https://staging.example.test/score',
      '    headers: { Authorization: "Bearer ${API_TOKEN}" }',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an internal error', () => {
  it('is printed with its stack frames and without the secret its message holds', async () => {
    let stderr = '';
    const code = await main(['render'], {
      stdout: {
        isTTY: false,
        write: () => {
          throw new Error(`the disk is full while writing ${SECRET}`);
        },
      },
      stderr: { isTTY: false, write: (text: string) => ((stderr += text), true) },
      env: { API_TOKEN: SECRET },
      cwd: dir,
    });
    expect(code).toBe(3);
    expect(stderr).toContain('Error: the disk is full while writing ***');
    expect(stderr).toMatch(/\n\s+at /);
    expect(stderr).not.toContain(SECRET);
  });
});
