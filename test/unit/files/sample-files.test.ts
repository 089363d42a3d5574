/** The data-file adapter: a pull request controls the path, so only files inside the repository are read. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSampleFile } from '../../../src/files/sample-files.js';

let root: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wc-samples-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'wc-outside-'));
  await mkdir(path.join(root, 'contracts', 'data'), { recursive: true });
  await writeFile(path.join(root, 'contracts', 'data', 'leads.csv'), 'Email Address\na@x.test\n');
  await writeFile(path.join(root, 'shared.csv'), 'Email Address\nb@x.test\n');
  await writeFile(path.join(outside, 'secret.csv'), 'token\nsecret-outside-the-repo\n');
  await symlink(path.join(outside, 'secret.csv'), path.join(root, 'contracts', 'link.csv'));
  await writeFile(path.join(root, 'contracts', 'big.csv'), 'x'.repeat(2048));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const read = (written: string, maxFileBytes = 5 * 1024 * 1024) =>
  readSampleFile({ cwd: root, contractFile: 'contracts/c.yml', path: written, maxFileBytes });

describe('readSampleFile', () => {
  it('reads a file relative to the contract, named relative to the working directory', async () => {
    expect(await read('data/leads.csv')).toEqual({
      ok: true,
      file: 'contracts/data/leads.csv',
      text: 'Email Address\na@x.test\n',
    });
    expect(await read('../shared.csv')).toMatchObject({ ok: true, file: 'shared.csv' });
  });

  it('refuses a path that climbs out of the repository', async () => {
    const result = await read('../../../../../../../etc/passwd');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/is outside the repository/);
  });

  it('refuses a symbolic link that leads out of the repository, without reading it', async () => {
    const result = await read('link.csv');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret-outside-the-repo');
  });

  it('refuses an absolute path, a missing file and a file over the cap', async () => {
    expect(await read(path.join(outside, 'secret.csv'))).toEqual({
      ok: false,
      message: 'must be a path relative to the contract file, not an absolute path',
    });
    expect(await read('data/none.csv')).toEqual({ ok: false, message: 'file not found' });
    expect(await read('big.csv', 1024)).toEqual({ ok: false, message: 'is 2 KiB, over the 1 KiB limit' });
  });
});
