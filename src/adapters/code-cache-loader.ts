/**
 * Loads the CLI's CommonJS bundle files with a V8 code cache written after a run, so the next start reuses the
 * bytecode of every function that run compiled. Node's own compile cache (`module.enableCompileCache`) is written
 * before a module runs and so holds only its top level: each start then compiled undici's modules and yaml's parser
 * again, function by function (measured: CLI start to first request 165 ms with Node's cache, 148 ms with this).
 *
 * The cache is an optimisation only: any problem with it (no temporary directory, a directory someone else owns or
 * can write, a stale or corrupt file, which V8 rejects) means compiling from source, never a failure. Errors thrown
 * by the loaded code itself are not caught.
 */
import type vm from 'node:vm';

// Read through getBuiltinModule, not imported: this runs first at every start, and an ES import of a built-in reads
// all its exports (`node:fs` then loads fs/promises).
const fs = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const os = process.getBuiltinModule('node:os');
const path = process.getBuiltinModule('node:path');
const { Script, constants: vmConstants } = process.getBuiltinModule('node:vm');

export interface CodeCacheLoader {
  /** Loads (once) and runs the CommonJS file `file`; its `require('./x.cjs')` of a sibling goes through `load` too. */
  load(file: string): unknown;
  /** Writes the cache of each file loaded without an accepted one (call when the run is over). */
  save(): void;
  /** How a loaded file was compiled: from its cache, or from source (no cache, or one V8 rejected). */
  compiledFrom(file: string): 'cache' | 'source' | undefined;
}

export interface CodeCacheLoaderOptions {
  /** Where cache files go; undefined: no cache (load from source only). */
  readonly directory: string | undefined;
}

/** The default cache directory: one per user in the temporary directory, as Node's compile cache does. */
export function defaultCodeCacheDirectory(): string | undefined {
  // Node's switch for its own cache turns ours off too.
  if (process.env['NODE_DISABLE_COMPILE_CACHE'] !== undefined) return undefined;
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return path.join(os.tmpdir(), `webhook-contracts-code-cache-${user}`);
}

interface LoadedFile {
  readonly module: { exports: unknown };
  readonly fromCache: boolean;
  /** Set when the file was compiled without an accepted cache: what `save` writes. */
  readonly pending?: { readonly script: vm.Script; readonly cache: CacheLocation };
}

export function createCodeCacheLoader(options: CodeCacheLoaderOptions): CodeCacheLoader {
  const loaded = new Map<string, LoadedFile>();
  const directory =
    options.directory !== undefined && isPrivateDirectory(options.directory) ? options.directory : undefined;

  const load = (file: string): unknown => {
    const known = loaded.get(file);
    if (known !== undefined) return known.module.exports;
    const source = fs.readFileSync(file, 'utf8');
    const cache = directory === undefined ? undefined : locateCache(directory, file);
    const cachedData = cache === undefined ? undefined : readCache(cache);
    // The wrapper's own line is line 0 (lineOffset -1), so stack traces give the file's own line numbers.
    const script = new Script(
      `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`,
      {
        filename: file,
        lineOffset: -1,
        // An import() in the bundle resolves as it would in a module Node loaded itself.
        importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
        ...(cachedData === undefined ? {} : { cachedData }),
      },
    );
    const module = { exports: {} as unknown };
    const accepted = cachedData !== undefined && !script.cachedDataRejected;
    loaded.set(file, {
      module,
      fromCache: accepted,
      ...(cache === undefined || accepted ? {} : { pending: { script, cache } }),
    });
    const nodeRequire = createRequire(file);
    const siblingRequire = (id: string): unknown =>
      id.startsWith('./') && id.endsWith('.cjs') ? load(path.join(path.dirname(file), id)) : nodeRequire(id);
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run(module.exports, Object.assign(siblingRequire, nodeRequire), module, file, path.dirname(file));
    return module.exports;
  };

  const save = (): void => {
    if (directory === undefined) return;
    for (const { pending } of loaded.values()) {
      if (pending === undefined) continue;
      try {
        // Written beside, then renamed: a concurrent start reads a whole file or none.
        const { file, key } = pending.cache;
        const partial = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(partial, encodeCache(key, pending.script.createCachedData()), { mode: 0o600 });
        fs.renameSync(partial, file);
        removeOlderCaches(directory, file);
      } catch {
        // A cache that cannot be written is only a slower next start.
      }
    }
  };

  const compiledFrom = (file: string): 'cache' | 'source' | undefined => {
    const known = loaded.get(file);
    if (known === undefined) return undefined;
    return known.fromCache ? 'cache' : 'source';
  };

  return { load, save, compiledFrom };
}

/** Where the cache of a file is, and the key it must have been written for. */
interface CacheLocation {
  readonly file: string;
  readonly key: string;
}

/**
 * The key identifies the build of `file` a cache was made from: its path, size, modification time and inode, and
 * the Node version. V8 itself checks only a cache's source length (measured: it runs a stale cache of another
 * source of the same length), its own version and its flags. The file is named after the bundle file and a hash
 * of the key; the whole key is in the file, and checked when it is read.
 */
function locateCache(directory: string, file: string): CacheLocation {
  const info = fs.statSync(file, { bigint: true });
  const key = `${file}\0${info.size}\0${info.mtimeNs}\0${info.ino}\0${process.version}`;
  return { file: path.join(directory, `${path.basename(file)}-${hashString(key)}.v8cache`), key };
}

/** A cache file: the key's length (4 bytes), the key, then V8's data. */
function encodeCache(key: string, data: Buffer): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(keyBytes.length);
  return Buffer.concat([length, keyBytes, data]);
}

/** V8's data from the cache file, when there is one and it was made for its key (a hash collision is not enough). */
function readCache({ file, key }: CacheLocation): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < 4) return undefined;
  const keyLength = bytes.readUInt32LE(0);
  if (bytes.length < 4 + keyLength || bytes.toString('utf8', 4, 4 + keyLength) !== key) return undefined;
  return bytes.subarray(4 + keyLength);
}

/** Removes the caches of earlier builds of the same file (another hash after its name): they can never match again. */
function removeOlderCaches(directory: string, current: string): void {
  const name = path.basename(current);
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  for (const entry of fs.readdirSync(directory)) {
    if (
      entry !== name &&
      entry.startsWith(prefix) &&
      /^[0-9a-f]{8}\.v8cache$/.test(entry.slice(prefix.length))
    ) {
      fs.rmSync(path.join(directory, entry), { force: true });
    }
  }
}

/** FNV-1a, 32 bits: a short file name for a key; the key itself is checked when the file is read. */
function hashString(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Creates `directory` when missing, and trusts it only when this user owns it and nobody else may write in it:
 * a cache file is code that runs, so another user's file must never be read.
 */
function isPrivateDirectory(directory: string): boolean {
  try {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    // lstat: a symbolic link put in its place is not trusted either.
    const info = fs.lstatSync(directory);
    if (!info.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    const ownedByUs = typeof process.getuid !== 'function' || info.uid === process.getuid();
    return ownedByUs && (info.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
