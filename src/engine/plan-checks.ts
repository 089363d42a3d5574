/**
 * Expands contract files into checks, one per (webhook, sample), and picks this job's shard of them.
 */
import type { ContractFile, Sample, Webhook } from '../contracts/contract.js';
import { ContractFileError, InputError } from '../contracts/errors.js';
import type { Shard } from './ports.js';

/** One webhook fired for one sample. */
export interface PlannedCheck {
  /** Position in the whole, unsharded plan: stable for the same contract files. */
  readonly index: number;
  readonly file: ContractFile;
  readonly webhook: Webhook;
  readonly sample: Sample;
}

/**
 * Lists the checks in a stable order (files as given, then webhooks, then samples, each in file order) and keeps
 * those of `shard`.
 *
 * Sharding is round-robin over that order: the check at plan position `i` (0-based) belongs to shard
 * `(i mod count) + 1`. Every job of a matrix reads the same files, so they compute the same plan and together run
 * each check exactly once, with shard sizes that differ by at most one. (A hash of the check's name would keep a
 * check on the same shard when others are added, but can leave one shard with most of the work; balance matters
 * more here, since nothing is cached between runs.)
 *
 * @throws InputError when the shard is not `1 <= index <= count`.
 * @throws ContractFileError when a webhook names a sample its file does not define (the loader should catch it).
 */
export function planChecks(files: readonly ContractFile[], shard?: Shard): PlannedCheck[] {
  if (shard !== undefined) assertShard(shard);
  const planned: PlannedCheck[] = [];
  for (const file of files) {
    for (const webhook of file.webhooks) {
      for (const sampleName of webhook.samples) {
        const sample = file.samples.get(sampleName);
        if (sample === undefined) {
          throw new ContractFileError([
            {
              ...webhook.location,
              message: `webhook "${webhook.name}" names an unknown sample "${sampleName}"`,
            },
          ]);
        }
        planned.push({ index: planned.length, file, webhook, sample });
      }
    }
  }
  if (shard === undefined) return planned;
  return planned.filter((check) => isInShard(check.index, shard));
}

/** True when the check at plan position `index` belongs to `shard` (round-robin, see {@link planChecks}). */
export function isInShard(index: number, shard: Shard): boolean {
  return index % shard.count === shard.index - 1;
}

/** @throws InputError when the shard is not `1 <= index <= count`. */
export function assertShard(shard: Shard): void {
  const { index, count } = shard;
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(`shard must be i/n with 1 <= i <= n, got ${String(index)}/${String(count)}`);
  }
}
