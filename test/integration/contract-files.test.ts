import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createContractSource, DEFAULT_MAX_CONTRACT_FILE_BYTES } from '../../src/files/contract-files.js';
import type { ContractProblem } from '../../src/contracts/errors.js';
import type { ContractSourceFile } from '../../src/engine/ports.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-contract-files-'));
  await put('b.yml', 'version: 1 # b\n');
  await put('a.yml', 'version: 1 # a\n');
  await put('contracts/z.yml', 'z\n');
  await put('contracts/m.yml', 'm\n');
  await put('contracts/nested/c.yml', 'c\n');
  await put('contracts/notes.txt', 'not yaml\n');
  await put('contracts/node_modules/dep.yml', 'from a dependency\n');
  await put('bom.yml', '\uFEFFversion: 1\n');
  await put('weird[1].yml', 'brackets\n');
  await mkdir(path.join(dir, 'a-directory.yml'));
  await writeFile(
    path.join(dir, 'latin1.yml'),
    Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]),
  );
  // Sparse: 50 MB on paper, nothing on disk. Reading it would still cost 50 MB of memory.
  await writeFile(path.join(dir, 'huge.yml'), '');
  await truncate(path.join(dir, 'huge.yml'), 50 * 1000 * 1000);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(relative: string, text: string): Promise<void> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}

async function readBoth(patterns: readonly string[], maxFileBytes?: number) {
  const source = createContractSource({ cwd: dir, ...(maxFileBytes === undefined ? {} : { maxFileBytes }) });
  return source.read(patterns);
}

/** The files read, when every pattern was readable. */
async function read(
  patterns: readonly string[],
  maxFileBytes?: number,
): Promise<readonly ContractSourceFile[]> {
  const { files, problems } = await readBoth(patterns, maxFileBytes);
  expect(problems).toEqual([]);
  return files;
}

async function readProblems(
  patterns: readonly string[],
  maxFileBytes?: number,
): Promise<readonly ContractProblem[]> {
  const { problems } = await readBoth(patterns, maxFileBytes);
  expect(problems).not.toEqual([]);
  return problems;
}

describe('createContractSource', () => {
  it('reads literal paths in the order given, as UTF-8 text', async () => {
    const files = await read(['b.yml', 'a.yml']);
    expect(files).toEqual([
      { file: 'b.yml', text: 'version: 1 # b\n' },
      { file: 'a.yml', text: 'version: 1 # a\n' },
    ]);
  });

  it('sorts the matches of a glob and keeps them relative to cwd', async () => {
    const files = await read(['contracts/**/*.yml']);
    expect(files.map((f) => f.file)).toEqual([
      path.join('contracts', 'm.yml'),
      path.join('contracts', 'nested', 'c.yml'),
      path.join('contracts', 'z.yml'),
    ]);
  });

  it('does not walk into node_modules unless the glob names it', async () => {
    const problems = await readProblems(['**/dep.yml']);
    expect(problems).toEqual([
      { file: '**/dep.yml', line: 1, column: 1, message: 'the glob matches no files' },
    ]);
    const files = await read(['contracts/node_modules/*.yml']);
    expect(files).toEqual([
      { file: path.join('contracts', 'node_modules', 'dep.yml'), text: 'from a dependency\n' },
    ]);
  });

  it('reads a file named twice once, where it first appears', async () => {
    const files = await read(['contracts/z.yml', 'contracts/*.yml', './contracts/z.yml']);
    expect(files.map((f) => f.file)).toEqual(['contracts/z.yml', path.join('contracts', 'm.yml')]);
  });

  it('returns absolute paths for an absolute glob', async () => {
    const files = await read([path.join(dir, 'contracts', '*.yml')]);
    expect(files.map((f) => f.file)).toEqual([
      path.join(dir, 'contracts', 'm.yml'),
      path.join(dir, 'contracts', 'z.yml'),
    ]);
  });

  it('skips directories a glob matches instead of failing on them', async () => {
    const files = await read(['contracts/*']);
    expect(files.map((f) => f.file)).toEqual([
      path.join('contracts', 'm.yml'),
      path.join('contracts', 'notes.txt'),
      path.join('contracts', 'z.yml'),
    ]);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const [file] = await read(['bom.yml']);
    expect(file?.text).toBe('version: 1\n');
  });

  it('reads a literal file whose name looks like a glob', async () => {
    const [file] = await read(['weird[1].yml']);
    expect(file).toEqual({ file: 'weird[1].yml', text: 'brackets\n' });
  });

  it('returns nothing for no patterns', async () => {
    expect(await read([])).toEqual([]);
  });

  it('reports every unreadable pattern at once, in the order given, each at line 1, column 1', async () => {
    const problems = await readProblems([
      'a.yml',
      'missing.yml',
      'nothing/*.yml',
      'a-directory.yml',
      'latin1.yml',
    ]);
    expect(problems).toEqual([
      { file: 'missing.yml', line: 1, column: 1, message: 'file not found' },
      { file: 'nothing/*.yml', line: 1, column: 1, message: 'the glob matches no files' },
      { file: 'a-directory.yml', line: 1, column: 1, message: 'is a directory, not a contract file' },
      { file: 'latin1.yml', line: 1, column: 1, message: 'is not valid UTF-8 text' },
    ]);
  });

  it('returns the readable files beside the problems of the unreadable ones, without throwing', async () => {
    const { files, problems } = await readBoth(['b.yml', 'missing.yml', 'a.yml', 'nothing/*.yml']);
    expect(files).toEqual([
      { file: 'b.yml', text: 'version: 1 # b\n' },
      { file: 'a.yml', text: 'version: 1 # a\n' },
    ]);
    expect(problems.map((problem) => problem.file)).toEqual(['missing.yml', 'nothing/*.yml']);
  });

  it('refuses a 50 MB file by its size, against the 5 MiB default', async () => {
    expect(DEFAULT_MAX_CONTRACT_FILE_BYTES).toBe(5 * 1024 * 1024);
    const problems = await readProblems(['huge.yml']);
    expect(problems).toEqual([
      { file: 'huge.yml', line: 1, column: 1, message: 'is 47.7 MiB, over the 5 MiB limit' },
    ]);
  });

  it('applies a custom size cap, and accepts a file exactly at it', async () => {
    const text = 'version: 1 # a\n';
    expect(await read(['a.yml'], Buffer.byteLength(text))).toEqual([{ file: 'a.yml', text }]);
    const problems = await readProblems(['a.yml'], Buffer.byteLength(text) - 1);
    expect(problems[0]?.message).toMatch(/over the 14 bytes limit/);
  });

  it('refuses an empty path', async () => {
    const problems = await readProblems(['']);
    expect(problems[0]?.message).toBe('an empty path was given');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without blocking on it', async () => {
    const fifo = path.join(dir, 'pipe.yml');
    execFileSync('mkfifo', [fifo]);
    const problems = await readProblems(['pipe.yml']);
    expect(problems).toEqual([{ file: 'pipe.yml', line: 1, column: 1, message: 'is not a regular file' }]);
  });
});
