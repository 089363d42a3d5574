/**
 * Parses what a ContractSource read, reporting the files it could not read together with the problems of the
 * files it could: one `ContractFileError`, so a missing file does not hide a syntax error in another (SPEC: all
 * problems at once).
 */
import type { ContractFile } from './contract.js';
import { ContractFileError } from './errors.js';
import { parseContractFiles } from './load-contracts.js';
import type { Env } from './load-contracts.js';
import type { ContractSourceRead } from '../engine/ports.js';

/**
 * Loads the readable files of `read`.
 *
 * @throws ContractFileError with the read problems first (in the order the patterns were given), then every
 *   problem of the readable files, in file order.
 */
export function parseReadContracts(read: ContractSourceRead, env: Env): readonly ContractFile[] {
  let contracts: readonly ContractFile[];
  try {
    contracts = parseContractFiles(read.files, env);
  } catch (error) {
    if (!(error instanceof ContractFileError) || read.problems.length === 0) throw error;
    throw new ContractFileError([...read.problems, ...error.problems]);
  }
  if (read.problems.length > 0) throw new ContractFileError(read.problems);
  return contracts;
}
