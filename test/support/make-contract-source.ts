/** An in-memory ContractSource (src/core/ports.ts), for tests that run the engine without files on disk. */
import type { ContractProblem } from '../../src/contracts/errors.js';
import type { ContractSource, ContractSourceFile } from '../../src/engine/ports.js';

/**
 * A source that returns `files` whatever patterns it is given, and `problems` as its unreadable files (a glob
 * that matched nothing, a missing path).
 */
export function makeContractSource(
  files: readonly ContractSourceFile[],
  problems: readonly ContractProblem[] = [],
): ContractSource {
  return { read: () => Promise.resolve({ files, problems }) };
}
