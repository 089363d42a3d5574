/** The `samples:` section: the leads the webhooks are fired for, by name, their token values by prefix. */
import type { Sample, SourceLocation } from './contract.js';
import { isRecord, report, reportAt } from './load-context.js';
import type { Context, Json } from './load-context.js';
import { readCsvSamples } from './read-csv-samples.js';
import { readJsonSamples } from './read-json-samples.js';
import { isPlainSample, readSampleValues } from './read-sample-values.js';
import { sampleFileKey } from './sample-files.js';
import type { FileSamples, SampleFiles } from './sample-files.js';
import type { ValuePath } from './value-path.js';

/** Without any sample a webhook is still fired once, with every token empty. */
const DEFAULT_SAMPLE: Sample = { name: 'default', values: {} };

/**
 * Reads `samples:`: a mapping of named samples, or a list of data files and mappings (see sample-files.ts).
 * A sample name given twice, in the contract or in data files, is reported where it repeats.
 */
export function readSamples(context: Context, raw: unknown, files: SampleFiles): ReadonlyMap<string, Sample> {
  const samples = new Map<string, Sample>();
  // Where each name was first given, computed only when a name repeats.
  const firstAt = new Map<string, () => SourceLocation>();
  const add = (sample: Sample, at: () => SourceLocation): void => {
    const first = firstAt.get(sample.name);
    if (first === undefined) {
      samples.set(sample.name, sample);
      firstAt.set(sample.name, at);
      return;
    }
    const { file, line, column } = first();
    reportAt(
      context,
      at(),
      `duplicate sample name "${sample.name}": the first is at ${file}:${line}:${column}; sample names must be unique`,
    );
  };
  if (Array.isArray(raw)) {
    for (const [index, item] of (raw as unknown[]).entries()) {
      if (isRecord(item) && typeof item['file'] === 'string') {
        for (const { sample, location } of readFileSamples(context, item, ['samples', index], files)
          .samples) {
          add(sample, () => location);
        }
      } else if (isRecord(item)) {
        readInlineSamples(context, item, ['samples', index], (sample, locateName) =>
          add(sample, () => locateName(sample.name)),
        );
      }
    }
  } else if (isRecord(raw)) {
    // One mapping's names are unique (a repeated key is a YAML error already): no name can repeat to be located.
    readInlineSamples(context, raw, ['samples'], (sample) => samples.set(sample.name, sample));
  }
  return samples.size === 0 ? new Map([[DEFAULT_SAMPLE.name, DEFAULT_SAMPLE]]) : samples;
}

function readInlineSamples(
  context: Context,
  raw: Json,
  path: ValuePath,
  add: (sample: Sample, locateName: (name: string) => SourceLocation) => void,
): void {
  // One function for every sample's location, called with its name only if the name repeats.
  const locateName = (name: string): SourceLocation => context.locator.locate([...path, name], 'key');
  for (const name of Object.keys(raw)) {
    const sampleRaw = raw[name];
    // The usual sample (lower-case prefixes, plain values) is kept as js-yaml built it: the value is ours alone,
    // so a 10,000-sample file needs no second copy of its samples.
    const values =
      isRecord(sampleRaw) && isPlainSample(sampleRaw)
        ? sampleRaw
        : readSampleValues(context, [...path, name], sampleRaw);
    add({ name, values }, locateName);
  }
}

/** The samples of one `- file:` entry, from what the adapter read; problems at the entry or in the file. */
function readFileSamples(context: Context, item: Json, path: ValuePath, files: SampleFiles): FileSamples {
  const written = String(item['file']);
  const name = typeof item['name'] === 'string' ? item['name'] : undefined;
  const read = files.get(sampleFileKey(context.file, written));
  const filePath = [...path, 'file'];
  if (read === undefined) {
    report(context, filePath, `the data file "${written}" was not read (data files are read from disk only)`);
    return { samples: [] };
  }
  if (!read.ok) {
    report(context, filePath, `data file "${written}": ${read.message}`);
    return { samples: [] };
  }
  const extension = written.slice(written.lastIndexOf('.')).toLowerCase();
  if (extension === '.csv') return readCsvSamples(context, read.file, read.text, name);
  if (extension === '.json') return readJsonSamples(context, read.file, read.text, name);
  report(context, filePath, `data file "${written}" must be a .csv (lead export) or .json file`);
  return { samples: [] };
}
