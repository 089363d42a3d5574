/**
 * Masks the contracts' secrets in the runner's log the moment the contract files are read, before the engine
 * has a chance to log anything that might contain one. The engine learns the same values later (and removes
 * them from every report); this decorator exists so that no log line is ever written before the mask is.
 */
import { interpolateEnv } from '../contracts/interpolate-env.js';
import { listSecretForms } from '../reports/redact-secrets.js';
import type { ContractSource } from '../engine/ports.js';

export interface MaskingContractSourceOptions {
  /** Where `${NAME}` values are read from: the same environment the engine is given. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers one value with the runner (`core.setSecret`). */
  readonly mask: (value: string) => void;
  /** Every value masked so far is added here, e.g. for redacting log lines. */
  readonly secrets: Set<string>;
}

/** Wraps `inner` so every `${NAME}` value the files read is masked (with its encoded forms) when they are read. */
export function createMaskingContractSource(
  inner: ContractSource,
  options: MaskingContractSourceOptions,
): ContractSource {
  const maskText = (text: string): void => {
    // A `${NAME}` in a YAML comment is masked too: masking too much is harmless, too little is a leak.
    for (const secret of interpolateEnv(text, options.env).secrets) {
      for (const form of listMaskedForms(secret)) {
        if (options.secrets.has(form)) continue;
        options.secrets.add(form);
        options.mask(form);
      }
    }
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

/**
 * The forms of a secret the runner should mask: every form the report redactor removes, and each line of a
 * multi-line value (the runner masks line by line).
 */
export function listMaskedForms(secret: string): string[] {
  const forms = new Set<string>(listSecretForms(secret));
  for (const line of secret.split(/\r?\n/)) if (line.trim() !== '') forms.add(line);
  return [...forms].filter((form) => form !== '');
}
