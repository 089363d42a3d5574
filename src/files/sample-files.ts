/**
 * Reads a data file a contract names under `samples:`. A pull request controls the contract, so it controls the
 * path: the file must be inside the working directory (the repository checkout) or the contract's own directory,
 * once every symbolic link is resolved, so `../../etc/passwd` or a link to `~/.ssh` is refused, not read (and never
 * sent to the staging server). The size cap and checks are the contract file's.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { SampleFileRead } from '../contracts/sample-files.js';
import { describeFsError, readBoundedText } from './read-bounded-text.js';

export interface SampleFileRequest {
  readonly cwd: string;
  /** The contract file naming it, as displayed (relative to cwd, or absolute). */
  readonly contractFile: string;
  /** As written in the contract. */
  readonly path: string;
  readonly maxFileBytes: number;
}

export async function readSampleFile(request: SampleFileRequest): Promise<SampleFileRead> {
  const { cwd, contractFile, maxFileBytes } = request;
  const written = request.path;
  if (path.isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written)) {
    return { ok: false, message: 'must be a path relative to the contract file, not an absolute path' };
  }
  const contractDirectory = path.dirname(path.resolve(cwd, contractFile));
  const absolute = path.resolve(contractDirectory, written);
  let real: string;
  let roots: string[];
  try {
    real = await realpath(absolute);
    roots = await Promise.all([realpath(cwd), realpath(contractDirectory)]);
  } catch (error) {
    return { ok: false, message: describeFsError(error, 'data file') };
  }
  if (!roots.some((root) => isInside(real, root))) {
    return {
      ok: false,
      message:
        "is outside the repository (the working directory) and the contract file's directory: data files must be inside them",
    };
  }
  // Opened by its resolved path: a link swapped after the check points nowhere new.
  const read = await readBoundedText(real, maxFileBytes, 'data file');
  if ('message' in read) return { ok: false, message: read.message };
  const display = path.isAbsolute(contractFile) ? absolute : path.relative(cwd, absolute) || absolute;
  return { ok: true, file: display.split(path.sep).join('/'), text: read.text };
}

function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}
