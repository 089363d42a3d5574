/**
 * Parses what a ContractSource read, reporting the files it could not read together with the problems of the
 * files it could: one `ContractFileError`, so a missing file does not hide a syntax error in another (SPEC: all
 * problems at once). Data files named under `samples:` are asked of the source between reading the YAML and
 * checking it: the core does no I/O itself.
 */
import type { ContractFile } from './contract.js';
import { ContractFileError } from './errors.js';
import { parseContractFiles } from './load-contracts.js';
import type { ContractSourceText, Env } from './load-contracts.js';
import { NO_PUBLIC_ENV } from './public-env.js';
import type { PublicEnvNames } from './public-env.js';
import type { CountSecretCharacters } from './secret-length.js';
import { readYaml } from './read-yaml.js';
import type { ReadYaml } from './read-yaml.js';
import { listSampleFiles, sampleFileKey } from './sample-files.js';
import type { SampleFileRead } from './sample-files.js';
import type { ContractSourceRead } from './contract-source.js';

/** Reads one data file named by `contractFile` (the adapter checks where it is and how large). */
export type ReadSampleFile = (contractFile: string, path: string) => Promise<SampleFileRead>;

export interface ParseReadOptions {
  /** Without it, data files are refused. */
  readonly readSampleFile?: ReadSampleFile | undefined;
  /** The variables the caller declared not secret (none by default). */
  readonly publicEnv?: PublicEnvNames;
  /** The redactor's reading of a `${NAME}` value (secret-length.ts). */
  readonly countSecretCharacters: CountSecretCharacters;
}

/**
 * Loads the readable files of `read`, with the data files they name read through `readSampleFile`; the values
 * of `publicEnv` are not secrets.
 *
 * @throws ContractFileError with the read problems first (in the order the patterns were given), then every
 *   problem of the readable files, in file order.
 */
export async function parseReadContracts(
  read: ContractSourceRead,
  env: Env,
  { readSampleFile, publicEnv = NO_PUBLIC_ENV, countSecretCharacters }: ParseReadOptions,
): Promise<readonly ContractFile[]> {
  const parsed = new Map<ContractSourceText, ReadYaml>();
  const sampleFiles = new Map<string, SampleFileRead>();
  for (const source of read.files) {
    // Only a file that can name a data file is parsed ahead (and then not again).
    if (!source.text.includes('file')) continue;
    const yaml = readYaml(source.file, source.text);
    parsed.set(source, yaml);
    if (!yaml.ok) continue;
    for (const path of listSampleFiles(yaml.data)) {
      const key = sampleFileKey(source.file, path);
      if (sampleFiles.has(key)) continue;
      sampleFiles.set(
        key,
        readSampleFile === undefined
          ? { ok: false, message: 'data files cannot be read here' }
          : await readSampleFile(source.file, path),
      );
    }
  }
  let contracts: readonly ContractFile[];
  try {
    contracts = parseContractFiles(read.files, env, {
      parsed,
      sampleFiles,
      publicEnv,
      countSecretCharacters,
    });
  } catch (error) {
    if (!(error instanceof ContractFileError) || read.problems.length === 0) throw error;
    throw new ContractFileError([...read.problems, ...error.problems]);
  }
  if (read.problems.length > 0) throw new ContractFileError(read.problems);
  return contracts;
}
