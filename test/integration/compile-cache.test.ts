/**
 * The CLI's compile cache is run as code on the next start, so it may live only where no one else can write:
 * findPrivateCacheDirectory against real directories, and the built CLI as a child process (it must create the
 * cache privately, and never in CI or with Node's off switch).
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findPrivateCacheDirectory } from '../../src/cli/compile-cache.js';
import { CLI, ensureBundle, runNode } from '../support/run-node.js';

const uid = process.getuid?.();
const isRoot = uid === 0;
const made: string[] = [];

/** A fresh home directory of this user's, private as mkdtemp makes it. */
function makeHome(): string {
  const home = mkdtempSync(path.join(tmpdir(), 'wc-compile-cache-'));
  made.push(home);
  return home;
}

const cacheIn = (home: string): string => path.join(home, '.cache', 'webhook-contracts', 'compile-cache');

afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe.skipIf(uid === undefined)('findPrivateCacheDirectory', () => {
  it('creates the cache under $HOME/.cache, readable and writable by this user only', () => {
    const home = makeHome();
    expect(findPrivateCacheDirectory({ HOME: home })).toBe(cacheIn(home));
    expect(statSync(cacheIn(home)).mode & 0o777).toBe(0o700);
  });

  it('prefers an absolute $XDG_CACHE_HOME and ignores a relative one', () => {
    const home = makeHome();
    const xdg = path.join(home, 'xdg');
    expect(findPrivateCacheDirectory({ HOME: home, XDG_CACHE_HOME: xdg })).toBe(
      path.join(xdg, 'webhook-contracts', 'compile-cache'),
    );
    expect(findPrivateCacheDirectory({ HOME: home, XDG_CACHE_HOME: 'relative' })).toBe(cacheIn(home));
    expect(findPrivateCacheDirectory({ HOME: 'relative' })).toBeUndefined();
    expect(findPrivateCacheDirectory({})).toBeUndefined();
  });

  it.each([
    ['CI', 'true'],
    ['CI', '1'],
    ['GITHUB_ACTIONS', 'true'],
    ['NODE_DISABLE_COMPILE_CACHE', '1'],
  ])('is off with %s=%s, and creates nothing', (name, value) => {
    const home = makeHome();
    expect(findPrivateCacheDirectory({ HOME: home, [name]: value })).toBeUndefined();
    expect(existsSync(path.join(home, '.cache'))).toBe(false);
  });

  it('is on with CI=false or an empty CI', () => {
    const home = makeHome();
    expect(findPrivateCacheDirectory({ HOME: home, CI: 'false' })).toBe(cacheIn(home));
    expect(findPrivateCacheDirectory({ HOME: home, CI: '' })).toBe(cacheIn(home));
  });

  it('refuses a cache directory that others may read or write', () => {
    const home = makeHome();
    mkdirSync(cacheIn(home), { recursive: true });
    chmodSync(cacheIn(home), 0o777);
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
    chmodSync(cacheIn(home), 0o750);
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
  });

  it('refuses a directory above the cache that others may write (they could swap the cache)', () => {
    const home = makeHome();
    mkdirSync(cacheIn(home), { recursive: true, mode: 0o700 });
    chmodSync(path.join(home, '.cache'), 0o777);
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
    chmodSync(path.join(home, '.cache'), 0o775);
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
    chmodSync(path.join(home, '.cache'), 0o755);
    expect(findPrivateCacheDirectory({ HOME: home })).toBe(cacheIn(home));
  });

  it('follows a link to a private directory of this user and returns where it leads', () => {
    const home = makeHome();
    const elsewhere = makeHome();
    mkdirSync(path.join(home, '.cache', 'webhook-contracts'), { recursive: true });
    symlinkSync(elsewhere, cacheIn(home));
    expect(findPrivateCacheDirectory({ HOME: home })).toBe(realpathSync(elsewhere));
  });

  it('refuses a private directory a link leads to when a directory above it may be written by others', () => {
    const home = makeHome();
    const shared = makeHome();
    chmodSync(shared, 0o777);
    const target = path.join(shared, 'cache');
    mkdirSync(target, { mode: 0o700 });
    mkdirSync(path.join(home, '.cache', 'webhook-contracts'), { recursive: true });
    symlinkSync(target, cacheIn(home));
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
  });

  it('refuses a cache reached through a link to a shared directory, and checks where the link leads', () => {
    const home = makeHome();
    const shared = makeHome();
    chmodSync(shared, 0o777);
    mkdirSync(path.join(home, '.cache', 'webhook-contracts'), { recursive: true });
    symlinkSync(shared, cacheIn(home));
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
  });

  it('refuses an $HOME in a world-writable directory without the sticky bit', () => {
    const parent = makeHome();
    chmodSync(parent, 0o777);
    const home = path.join(parent, 'home');
    mkdirSync(home, { mode: 0o700 });
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
    // Refused before anything is made there.
    expect(existsSync(path.join(home, '.cache'))).toBe(false);
    chmodSync(parent, 0o1777);
    // Sticky but owned by this user, not root: others may still not be trusted to leave entries alone.
    expect(findPrivateCacheDirectory({ HOME: home })).toBe(isRoot ? cacheIn(home) : undefined);
  });

  it.skipIf(!isRoot)('refuses a cache directory owned by another user', () => {
    const home = makeHome();
    mkdirSync(cacheIn(home), { recursive: true, mode: 0o700 });
    chownSync(cacheIn(home), 65534, 65534);
    expect(findPrivateCacheDirectory({ HOME: home })).toBeUndefined();
  });

  it('is off where there are no user ids (Windows)', () => {
    expect(findPrivateCacheDirectory({ HOME: makeHome() }, null)).toBeUndefined();
  });
});

describe.skipIf(uid === undefined)('the built CLI', () => {
  beforeAll(ensureBundle);

  const run = (home: string, extra: NodeJS.ProcessEnv = {}) =>
    runNode([CLI, '--version'], {
      cwd: home,
      env: { PATH: process.env['PATH'] ?? '', HOME: home, ...extra },
    });

  it('keeps its compiled code in a private cache and reads it on the next start', async () => {
    const home = makeHome();
    const first = await run(home);
    expect(first.code).toBe(0);
    const [versionDirectory] = readdirSync(cacheIn(home));
    expect(versionDirectory).toBeDefined();
    expect(readdirSync(path.join(cacheIn(home), versionDirectory ?? '')).length).toBeGreaterThan(0);
    expect(statSync(cacheIn(home)).mode & 0o777).toBe(0o700);
    const second = await run(home);
    expect(second).toEqual(first);
  });

  it.each([{ CI: 'true' }, { GITHUB_ACTIONS: 'true' }, { NODE_DISABLE_COMPILE_CACHE: '1' }])(
    'writes no cache with %j',
    async (extra) => {
      const home = makeHome();
      expect((await run(home, extra)).code).toBe(0);
      expect(existsSync(path.join(home, '.cache'))).toBe(false);
    },
  );

  it('runs uncached, silently, when the cache directory is shared', async () => {
    const home = makeHome();
    mkdirSync(cacheIn(home), { recursive: true });
    chmodSync(cacheIn(home), 0o777);
    const result = await run(home);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(cacheIn(home))).toEqual([]);
  });
});
