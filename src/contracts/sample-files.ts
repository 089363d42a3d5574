/**
 * Data files named under `samples:` (`- file: leads.csv`): which ones a contract names, and what the file adapter
 * hands back for each. The core never reads them itself (no I/O): parse-read-contracts.ts asks the
 * ContractSource for them between reading the YAML and checking it.
 */
import type { Sample, SourceLocation } from './contract.js';
import { isRecord } from './load-context.js';

/** A data file as the adapter read it: its text and the name problems give it, or why it could not be read. */
export type SampleFileRead =
  | { readonly ok: true; readonly file: string; readonly text: string }
  | { readonly ok: false; readonly message: string };

/** Every data file read for a load, by contract file and path as written. */
export type SampleFiles = ReadonlyMap<string, SampleFileRead>;

/** The key of `path` (as written) named by `contractFile` in SampleFiles. */
export function sampleFileKey(contractFile: string, path: string): string {
  return `${contractFile}\u0000${path}`;
}

/** The data file paths a contract's value names under `samples:`, in order. */
export function listSampleFiles(data: unknown): string[] {
  const samples = isRecord(data) ? data['samples'] : undefined;
  if (!Array.isArray(samples)) return [];
  const paths: string[] = [];
  for (const item of samples as unknown[]) {
    if (isRecord(item) && typeof item['file'] === 'string' && item['file'] !== '') paths.push(item['file']);
  }
  return paths;
}

/** What a data file contributes: its samples in order, each with where it is written. */
export interface FileSamples {
  readonly samples: readonly { readonly sample: Sample; readonly location: SourceLocation }[];
}
