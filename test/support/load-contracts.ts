/**
 * The loader's entry points as the tests call them, with the redactor's reading of a secret's length handed in
 * the way the engine and the CLI hand it (src/contracts/secret-length.ts): a test loads contracts exactly as a run
 * does without repeating that wiring at every call.
 */
import { interpolateEnv as interpolateEnvWith } from '../../src/contracts/interpolate-env.js';
import type { Interpolation } from '../../src/contracts/interpolate-env.js';
import { parseContractFiles as parseContractFilesWith } from '../../src/contracts/load-contracts.js';
import type { ContractSourceText, Env, LoadOptions } from '../../src/contracts/load-contracts.js';
import { parseReadContracts as parseReadContractsWith } from '../../src/contracts/parse-read-contracts.js';
import type { ReadSampleFile } from '../../src/contracts/parse-read-contracts.js';
import type { ContractFile } from '../../src/contracts/contract.js';
import type { PublicEnvNames } from '../../src/contracts/public-env.js';
import type { ContractSourceRead } from '../../src/engine/ports.js';
import { countSecretCharacters } from '../../src/reports/redaction/secret-targets.js';

export function interpolateEnv(text: string, env: Env, publicEnv?: PublicEnvNames): Interpolation {
  return interpolateEnvWith(text, env, {
    ...(publicEnv === undefined ? {} : { publicEnv }),
    countSecretCharacters,
  });
}

export function parseContractFiles(
  sources: readonly ContractSourceText[],
  env: Env,
  options: Omit<LoadOptions, 'countSecretCharacters'> = {},
): readonly ContractFile[] {
  return parseContractFilesWith(sources, env, { ...options, countSecretCharacters });
}

/** Loads one contract file; throws ContractFileError listing every problem in it. */
export function parseContractFile(file: string, text: string, env: Env): ContractFile {
  const [contract] = parseContractFiles([{ file, text }], env);
  if (contract === undefined) throw new Error(`no contract loaded from ${file}`);
  return contract;
}

export function parseReadContracts(
  read: ContractSourceRead,
  env: Env,
  readSampleFile?: ReadSampleFile,
  publicEnv?: PublicEnvNames,
): Promise<readonly ContractFile[]> {
  return parseReadContractsWith(read, env, {
    readSampleFile,
    ...(publicEnv === undefined ? {} : { publicEnv }),
    countSecretCharacters,
  });
}
