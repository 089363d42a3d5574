/**
 * Node's own compile cache (`module.enableCompileCache`) for the CLI: V8 keeps the code it compiled for the
 * CLI's files between runs, so a run starts sooner (the bench's start-up rows measure it with and without).
 *
 * A cache file is run as code, so it is used only from a directory that no one but this user can write (never a
 * shared temp directory, which is how the home-made cache this replaces could be planted): the cache directory is
 * this user's and private, and no directory above it lets anyone else rename or replace it. It is off:
 * - in CI (`CI` or `GITHUB_ACTIONS` set): there, steps of unequal trust run as one user (a pull request's build,
 *   then this CLI with the secrets), and an ephemeral runner starts with an empty cache anyway;
 * - when `NODE_DISABLE_COMPILE_CACHE` is set (Node's own switch);
 * - where the platform has no user ids to check (Windows);
 * - whenever a check fails. A cache only saves time: it never stops a run or prints anything.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import module from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';

/** Turns the cache on when {@link findPrivateCacheDirectory} finds a safe place for it. */
export function enableCompileCache(env: NodeJS.ProcessEnv): void {
  const directory = findPrivateCacheDirectory(env);
  if (directory === undefined) return;
  try {
    module.enableCompileCache(directory);
  } catch {
    // Node refused (an old build, a read-only disk): the run goes on uncached.
  }
}

/**
 * `$XDG_CACHE_HOME/webhook-contracts/compile-cache` (or `$HOME/.cache/…`), created private when missing; undefined
 * when the cache must not be used (see the module comment).
 */
export function findPrivateCacheDirectory(
  env: NodeJS.ProcessEnv,
  // null where the platform has none (Windows).
  uid: number | null = process.getuid?.() ?? null,
): string | undefined {
  if (uid === null) return undefined;
  if (isSet(env['CI']) || isSet(env['GITHUB_ACTIONS']) || isSet(env['NODE_DISABLE_COMPILE_CACHE']))
    return undefined;
  const base = readCacheBase(env);
  if (base === undefined) return undefined;
  try {
    const wanted = join(base, 'webhook-contracts', 'compile-cache');
    // Nothing is created in a place that fails the checks (an unsafe HOME, or a user's HOME under sudo): the
    // directory that exists already must be safe before any is made below it.
    let existing = wanted;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    if (!isSafeChain(realpathSync(existing), uid)) return undefined;
    mkdirSync(wanted, { recursive: true, mode: 0o700 });
    // Every link resolved, so each directory checked is the one the files will really be in.
    const directory = realpathSync(wanted);
    if (!isPrivateDirectory(directory, uid) || !isSafeChain(dirname(directory), uid)) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

/** `path` and every directory above it pass {@link isSafeAncestor}. */
function isSafeChain(path: string, uid: number): boolean {
  for (let directory = path; ; directory = dirname(directory)) {
    if (!isSafeAncestor(directory, uid)) return false;
    if (dirname(directory) === directory) return true;
  }
}

/** The XDG base directory for caches: `$XDG_CACHE_HOME` when absolute (the spec ignores a relative one), else `$HOME/.cache`. */
function readCacheBase(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  const home = env['HOME'];
  return home !== undefined && isAbsolute(home) ? join(home, '.cache') : undefined;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

const GROUP_OR_OTHER_WRITE = 0o022;
const GROUP_OR_OTHER_ANY = 0o077;
const STICKY = 0o1000;

/** The cache's own directory: a real directory of this user's that no one else may even read. */
function isPrivateDirectory(path: string, uid: number): boolean {
  const stats = lstatSync(path);
  return stats.isDirectory() && stats.uid === uid && (stats.mode & GROUP_OR_OTHER_ANY) === 0;
}

/**
 * A directory above the cache: this user's or root's, and writable by no one else, unless it is a root-owned
 * sticky directory such as /tmp (there others may add entries but not rename or remove this user's).
 */
function isSafeAncestor(path: string, uid: number): boolean {
  const stats = lstatSync(path);
  if (!stats.isDirectory() || (stats.uid !== uid && stats.uid !== 0)) return false;
  if ((stats.mode & GROUP_OR_OTHER_WRITE) === 0) return true;
  return (stats.mode & STICKY) !== 0 && stats.uid === 0;
}
