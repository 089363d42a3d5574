/** A factory for loaded contract files (src/core/contract.ts), shared by the engine's tests. */
import type { ContractFile, FieldType, Sample } from '../../src/contracts/contract.js';
import { makeSample, makeWebhook } from './make-webhook.js';

export interface ContractFileOverrides extends Partial<Omit<ContractFile, 'samples' | 'fields'>> {
  /** The samples as a list; keyed by name. */
  readonly samples?: readonly Sample[];
  readonly fields?: Readonly<Record<string, FieldType>>;
}

/** `webhook-contracts.yml` with the sample `alice` and one default webhook (see makeWebhook). */
export function makeContractFile(overrides: ContractFileOverrides = {}): ContractFile {
  const { samples = [makeSample()], fields = {}, ...rest } = overrides;
  return {
    file: 'webhook-contracts.yml',
    webhooks: [makeWebhook()],
    secrets: [],
    ...rest,
    samples: new Map(samples.map((sample) => [sample.name, sample])),
    fields: new Map(Object.entries(fields)),
  };
}
