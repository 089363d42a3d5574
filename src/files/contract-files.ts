/**
 * Reads contract files from disk: expands the paths and globs the user gave, checks each file before reading
 * it, and returns every unreadable one as a located problem beside the files it could read.
 */
import { glob, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';

import type { ContractProblem } from '../contracts/errors.js';
import type { ContractSource, ContractSourceFile } from '../engine/ports.js';
import { readBoundedText } from './read-bounded-text.js';
import { readSampleFile } from './sample-files.js';

/** A contract file is a few kilobytes; anything this large is a mistake (a log, a dump), not a contract. */
export const DEFAULT_MAX_CONTRACT_FILE_BYTES = 5 * 1024 * 1024;

export interface ContractSourceOptions {
  /** Where relative paths and globs are resolved. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Files larger than this are refused without being read. Default 5 MiB. */
  readonly maxFileBytes?: number;
}

/** Characters that make a pattern a glob for `fs.promises.glob`. */
const GLOB_MAGIC = /[*?[\]{}]/;

/** Directories a glob does not walk into: nobody keeps their contracts there, and they can be huge... */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * Creates the file-system ContractSource.
 *
 * Literal paths keep the order given; each glob's matches are sorted (so runs are reproducible whatever the
 * file system's order); a file named twice is read once, where it first appears.
 */
export function createContractSource(options: ContractSourceOptions = {}): ContractSource {
  const cwd = options.cwd ?? process.cwd();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_CONTRACT_FILE_BYTES;
  return {
    async read(patterns) {
      const problems: ContractProblem[] = [];
      const files: ContractSourceFile[] = [];
      // Problems come out in the order the patterns were given, whether a glob or a read found them.
      for (const entry of await expandPatterns(patterns, cwd)) {
        if ('problem' in entry) {
          problems.push(entry.problem);
          continue;
        }
        const text = await readContractFile(entry.file, cwd, maxFileBytes, problems);
        if (text !== undefined) files.push({ file: entry.file, text });
      }
      return { files, problems };
    },
    readSampleFile: (contractFile, written) =>
      readSampleFile({ cwd, contractFile, path: written, maxFileBytes }),
  };
}

type ExpandedEntry = { readonly file: string } | { readonly problem: ContractProblem };

/** Turns patterns into display paths (as given, or relative to cwd for glob matches), deduplicated. */
async function expandPatterns(patterns: readonly string[], cwd: string): Promise<ExpandedEntry[]> {
  const seen = new Set<string>();
  const result: ExpandedEntry[] = [];
  const add = (display: string): void => {
    const key = path.resolve(cwd, display);
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ file: display });
  };
  for (const pattern of patterns) {
    if (pattern.trim() === '') {
      result.push({ problem: problemAt(pattern, 'an empty path was given') });
      continue;
    }
    // A file whose name happens to contain `[` or `{` is still a file: the literal path wins.
    if (!GLOB_MAGIC.test(pattern) || (await isExisting(path.resolve(cwd, pattern)))) {
      add(pattern);
      continue;
    }
    const matches = await expandGlob(pattern, cwd);
    if (matches.length === 0) {
      result.push({ problem: problemAt(pattern, 'the glob matches no files') });
      continue;
    }
    for (const match of matches) add(match);
  }
  return result;
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const matches: string[] = [];
  // ...unless the pattern names one of them itself (`vendor/node_modules/x/*.yml`): then it is wanted.
  const named = new Set(pattern.split(/[\\/]/));
  const skipped = [...SKIPPED_DIRECTORIES].filter((name) => !named.has(name));
  const entries = glob(pattern, {
    cwd,
    withFileTypes: true,
    exclude: (entry: Dirent) => entry.isDirectory() && skipped.includes(entry.name),
  });
  for await (const entry of entries) {
    // `contracts/*` also matches sub-directories; a glob is a request for files, so they are skipped silently.
    if (entry.isDirectory()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    matches.push(path.isAbsolute(pattern) ? absolute : path.relative(cwd, absolute));
  }
  return matches.sort(compareCodeUnits);
}

/** Reads one file as UTF-8 (BOM stripped), or records why it cannot be and returns undefined. */
async function readContractFile(
  file: string,
  cwd: string,
  maxFileBytes: number,
  problems: ContractProblem[],
): Promise<string | undefined> {
  const read = await readBoundedText(path.resolve(cwd, file), maxFileBytes, 'contract file');
  return 'text' in read ? read.text : refuse(problems, file, read.message);
}

function refuse(problems: ContractProblem[], file: string, message: string): undefined {
  problems.push(problemAt(file, message));
  return undefined;
}

async function isExisting(absolute: string): Promise<boolean> {
  try {
    await stat(absolute);
    return true;
  } catch {
    return false;
  }
}

function problemAt(file: string, message: string): ContractProblem {
  return { file, line: 1, column: 1, message };
}

/** Locale-independent order, so two machines sort the same glob the same way. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
