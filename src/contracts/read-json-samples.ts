/**
 * Samples from a JSON data file: an object of named samples (the shape of `samples:` in the contract), or an
 * array of samples named by a lead token (`name: Email Address`) or by position (`leads.json#1`). Read with the
 * contract's YAML reader (JSON is YAML), so every problem is located in the JSON file.
 */
import type { Sample, SourceLocation } from './contract.js';
import { isRecord, reportAt } from './load-context.js';
import type { Context } from './load-context.js';
import type { FileSamples } from './sample-files.js';
import { isPlainSample, readSampleValues } from './read-sample-values.js';
import { readYaml } from './read-yaml.js';

export function readJsonSamples(
  context: Context,
  file: string,
  text: string,
  nameToken: string | undefined,
): FileSamples {
  const read = readYaml(file, text);
  if (!read.ok) {
    for (const problem of read.problems) {
      reportAt(context, problem, problem.message.replace(/^invalid YAML: /, 'invalid JSON: '));
    }
    return { samples: [] };
  }
  const { data, locator } = read;
  // Problems inside the data file are located in it: the same problem list, the file's own locator.
  const inFile: Context = { ...context, file, locator };
  const samples: { sample: Sample; location: SourceLocation }[] = [];
  const add = (name: string, path: (string | number)[], raw: unknown): void => {
    const values = isRecord(raw) && isPlainSample(raw) ? raw : readSampleValues(inFile, path, raw);
    samples.push({ sample: { name, values }, location: locator.locate(path, 'key') });
  };
  if (Array.isArray(data)) {
    for (const [index, raw] of (data as unknown[]).entries()) {
      const lead = isRecord(raw) && isRecord(raw['lead']) ? raw['lead'] : {};
      const named = nameToken === undefined ? `${file}#${index + 1}` : lead[nameToken];
      if (typeof named !== 'string' || named === '') {
        reportAt(
          inFile,
          locator.locate([index]),
          `sample ${index + 1} has no lead token "${nameToken ?? ''}" to name it`,
        );
        continue;
      }
      add(named, [index], raw);
    }
  } else if (isRecord(data)) {
    for (const [name, raw] of Object.entries(data)) add(name, [name], raw);
  } else {
    reportAt(
      inFile,
      locator.locate([]),
      'a JSON samples file must hold an object of named samples or an array of samples',
    );
  }
  return { samples };
}
