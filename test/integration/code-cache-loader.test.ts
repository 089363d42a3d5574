/**
 * The CLI's code-cache loader on real files in a temporary directory: it loads CommonJS files and their siblings,
 * reuses a cache written after a run, and never trusts a cache it should not (corrupt, stale, or in a directory
 * others can write).
 */
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCodeCacheLoader, defaultCodeCacheDirectory } from '../../src/adapters/code-cache-loader.js';
import { ROOT, runNode } from '../support/run-node.js';

const LOADER = path.join(ROOT, 'src', 'adapters', 'code-cache-loader.ts');

let dir: string;
let files: string;
let cache: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-code-cache-'));
  files = path.join(dir, 'files');
  cache = path.join(dir, 'cache');
  await mkdir(files);
  // main.cjs requires its sibling through the loader and counts its own evaluations.
  await writeFile(
    path.join(files, 'main.cjs'),
    [
      'globalThis.__wcMainRuns = (globalThis.__wcMainRuns ?? 0) + 1;',
      "const { double } = require('./helper.cjs');",
      "const path = require('node:path');",
      'module.exports = { answer: double(21), base: path.basename(__filename), dir: __dirname };',
      '',
    ].join('\n'),
  );
  await writeFile(path.join(files, 'helper.cjs'), 'exports.double = (n) => n * 2;\n');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const main = (): string => path.join(files, 'main.cjs');

async function cacheFiles(): Promise<string[]> {
  return (await readdir(cache)).sort();
}

/**
 * Loads `file` with a fresh loader in a child process, as each CLI start does: in this process V8 would find a
 * source it compiled before in its own memory and never look at the cache on disk.
 */
async function loadInChild(
  directory: string | undefined,
  file: string,
  options: { save?: boolean } = {},
): Promise<{ exports: unknown; from: Record<string, string | undefined> }> {
  const script = [
    `import { createCodeCacheLoader } from ${JSON.stringify(LOADER)};`,
    `const loader = createCodeCacheLoader({ directory: ${JSON.stringify(directory)} });`,
    `const exports = loader.load(${JSON.stringify(file)});`,
    `const from = {};`,
    `for (const name of ['main.cjs', 'helper.cjs']) from[name] = loader.compiledFrom(${JSON.stringify(files)} + '/' + name);`,
    options.save === true ? 'loader.save();' : '',
    'process.stdout.write(JSON.stringify({ exports, from }));',
  ].join('\n');
  const result = await runNode(['--input-type=module', '--eval', script], { cwd: dir, env: {} });
  if (result.code !== 0) throw new Error(`the child failed (${String(result.code)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as { exports: unknown; from: Record<string, string | undefined> };
}

describe('createCodeCacheLoader', () => {
  it('loads a CommonJS file, its sibling and Node built-ins, each once', () => {
    const loader = createCodeCacheLoader({ directory: undefined });
    const before = (globalThis as { __wcMainRuns?: number }).__wcMainRuns ?? 0;
    expect(loader.load(main())).toEqual({ answer: 42, base: 'main.cjs', dir: files });
    loader.load(main());
    expect((globalThis as { __wcMainRuns?: number }).__wcMainRuns).toBe(before + 1);
    expect(loader.compiledFrom(main())).toBe('source');
    expect(loader.compiledFrom(path.join(files, 'helper.cjs'))).toBe('source');
    expect(loader.compiledFrom(path.join(files, 'other.cjs'))).toBeUndefined();
  });

  it('writes the cache when asked, private to the user, and the next start compiles from it', async () => {
    const first = await loadInChild(cache, main(), { save: true });
    expect(first.from).toEqual({ 'main.cjs': 'source', 'helper.cjs': 'source' });
    const written = await cacheFiles();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^helper\.cjs-[0-9a-f]{8}\.v8cache$/);
    expect(written[1]).toMatch(/^main\.cjs-[0-9a-f]{8}\.v8cache$/);
    expect((await stat(cache)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(cache, written[1] ?? ''))).mode & 0o777).toBe(0o600);

    const second = await loadInChild(cache, main());
    expect(second.exports).toEqual({ answer: 42, base: 'main.cjs', dir: files });
    expect(second.from).toEqual({ 'main.cjs': 'cache', 'helper.cjs': 'cache' });
  });

  it('writes nothing unless asked', async () => {
    await loadInChild(cache, main());
    expect(await cacheFiles()).toEqual([]);
  });

  it('compiles from source, and replaces the file, when the cache is corrupt', async () => {
    await loadInChild(cache, main(), { save: true });
    const mainCache = (await cacheFiles()).find((name) => name.startsWith('main.cjs'));
    await writeFile(path.join(cache, mainCache ?? ''), Buffer.from('not a V8 code cache'));

    const second = await loadInChild(cache, main(), { save: true });
    expect(second.exports).toEqual({ answer: 42, base: 'main.cjs', dir: files });
    expect(second.from).toEqual({ 'main.cjs': 'source', 'helper.cjs': 'cache' });

    const third = await loadInChild(cache, main());
    expect(third.from).toEqual({ 'main.cjs': 'cache', 'helper.cjs': 'cache' });
  });

  it('checks the whole key written in the cache file, not only the hash in its name', async () => {
    await loadInChild(cache, main(), { save: true });
    const mainCache = path.join(
      cache,
      (await cacheFiles()).find((name) => name.startsWith('main.cjs')) ?? '',
    );
    // The same name and valid V8 data, but written for another key (as a hash collision would be).
    const bytes = await readFile(mainCache);
    const keyEnd = 4 + bytes.readUInt32LE(0);
    bytes[keyEnd - 1] = bytes[keyEnd - 1] === 0x30 ? 0x31 : 0x30;
    await writeFile(mainCache, bytes);

    const second = await loadInChild(cache, main());
    expect(second.from).toEqual({ 'main.cjs': 'source', 'helper.cjs': 'cache' });
  });

  it('does not use the cache of a file that has changed since', async () => {
    await loadInChild(cache, main(), { save: true });
    // The same length, another body and another modification time: a rebuilt bundle. V8 checks only a cache's
    // source length, so a cache keyed by name alone would run the old code here and answer 42.
    await writeFile(path.join(files, 'helper.cjs'), 'exports.double = (n) => n * 3;\n');
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(files, 'helper.cjs'), later, later);

    const second = await loadInChild(cache, main(), { save: true });
    expect(second.exports).toEqual({ answer: 63, base: 'main.cjs', dir: files });
    expect(second.from).toEqual({ 'main.cjs': 'cache', 'helper.cjs': 'source' });
    // The new build's cache replaces the old one rather than piling up beside it.
    const helperCaches = (await cacheFiles()).filter((name) => name.startsWith('helper.cjs-'));
    expect(helperCaches).toHaveLength(1);
    const third = await loadInChild(cache, main());
    expect(third.from).toEqual({ 'main.cjs': 'cache', 'helper.cjs': 'cache' });
  });

  it('trusts no directory that others can write, and writes nothing there', async () => {
    await mkdir(cache);
    await chmod(cache, 0o777);
    const run = await loadInChild(cache, main(), { save: true });
    expect(await cacheFiles()).toEqual([]);
    expect(run.from).toEqual({ 'main.cjs': 'source', 'helper.cjs': 'source' });
  });

  it('trusts no symbolic link in place of the directory', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(elsewhere, { mode: 0o700 });
    await symlink(elsewhere, cache);
    await loadInChild(cache, main(), { save: true });
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it("lets the loaded code's own errors through", async () => {
    await writeFile(path.join(files, 'broken.cjs'), "throw new Error('a bug in the bundle');\n");
    const loader = createCodeCacheLoader({ directory: cache });
    expect(() => loader.load(path.join(files, 'broken.cjs'))).toThrow('a bug in the bundle');
  });
});

describe('defaultCodeCacheDirectory', () => {
  const saved = process.env['NODE_DISABLE_COMPILE_CACHE'];
  afterEach(() => {
    if (saved === undefined) delete process.env['NODE_DISABLE_COMPILE_CACHE'];
    else process.env['NODE_DISABLE_COMPILE_CACHE'] = saved;
  });

  it("is one per user in the temporary directory, and none when Node's compile cache is turned off", () => {
    delete process.env['NODE_DISABLE_COMPILE_CACHE'];
    expect(defaultCodeCacheDirectory()).toBe(
      path.join(os.tmpdir(), `webhook-contracts-code-cache-${String(process.getuid?.() ?? 'user')}`),
    );
    process.env['NODE_DISABLE_COMPILE_CACHE'] = '1';
    expect(defaultCodeCacheDirectory()).toBeUndefined();
  });
});
