/**
 * Masks the contracts' secrets in the runner's log the moment the contract files are read, before the engine
 * has a chance to log anything that might contain one, and collects them for the redactor. The engine learns the
 * same values later (and removes them from every report); this decorator exists so that no log line, and no error
 * about an invalid contract, is ever written before the secrets are known.
 */
import { interpolateEnv } from '../contracts/interpolate-env.js';
import type { PublicEnvNames } from '../contracts/public-env.js';
import { listLogMaskForms } from '../reports/redaction/log-mask-forms.js';
import { countSecretCharacters } from '../reports/redaction/secret-targets.js';
import type { ContractSource } from '../engine/ports.js';

export interface MaskingContractSourceOptions {
  /** Where `${NAME}` values are read from: the same environment the engine is given. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The variables whose values are not secrets: not masked (the same set the engine is given). */
  readonly publicEnv?: PublicEnvNames;
  /** Registers one literal form with the runner (`core.setSecret`); the CLI has no runner and passes a no-op. */
  readonly mask: (form: string) => void;
  /** Every `${NAME}` value read so far is added here (the values themselves: the redactor finds their forms). */
  readonly secrets: Set<string>;
}

/** Wraps `inner` so every `${NAME}` value the files read is masked (with its encoded forms) when they are read. */
export function createMaskingContractSource(
  inner: ContractSource,
  options: MaskingContractSourceOptions,
): ContractSource {
  const maskText = (text: string): void => {
    // A `${NAME}` in a YAML comment is masked too: masking too much is harmless, too little is a leak.
    const reading = {
      ...(options.publicEnv === undefined ? {} : { publicEnv: options.publicEnv }),
      countSecretCharacters,
    };
    for (const secret of interpolateEnv(text, options.env, reading).secrets) addSecret(secret, options);
  };
  const readSampleFile = inner.readSampleFile?.bind(inner);
  return {
    ...(readSampleFile !== undefined && {
      // Data files feed `${NAME}` into samples the same way: masked as they are read.
      async readSampleFile(contractFile: string, written: string) {
        const read = await readSampleFile(contractFile, written);
        if (read.ok) maskText(read.text);
        return read;
      },
    }),
    async read(patterns) {
      const read = await inner.read(patterns);
      // Unreadable files' problems pass through untouched: they name paths, never a `${NAME}` value.
      for (const file of read.files) maskText(file.text);
      return read;
    },
  };
}

/** Adds `secret` to `secrets` and masks its log forms, once per value. */
export function addSecret(
  secret: string,
  options: Pick<MaskingContractSourceOptions, 'mask' | 'secrets'>,
): void {
  if (secret === '' || options.secrets.has(secret)) return;
  options.secrets.add(secret);
  for (const form of listLogMaskForms(secret)) options.mask(form);
}
