/**
 * Samples from data files (`samples: [{ file: leads.csv, name: Email Address }]`), through parseReadContracts
 * with an in-memory reader (the file adapter's own checks are tested in test/unit/files/sample-files.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ContractFile } from '../../../src/contracts/contract.js';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';
import { parseReadContracts } from '../../support/load-contracts.js';
import type { ReadSampleFile } from '../../../src/contracts/parse-read-contracts.js';

const CSV = [
  'Email Address,First Name,company.Company Name,my.Region',
  'alice@example.com,Alice,Acme,EMEA',
  'bob@example.com,"Bob, Jr.",Beta,',
  '',
].join('\n');

function contractNaming(samples: string): string {
  return `version: 1\nsamples:\n${samples}\nwebhooks:\n  - name: A\n    url: https://s.test/a\n`;
}

function readerOf(files: Record<string, string>): ReadSampleFile {
  return (_contractFile, path) => {
    const text = files[path];
    return Promise.resolve(
      text === undefined
        ? { ok: false, message: 'file not found' }
        : { ok: true, file: `data/${path}`, text },
    );
  };
}

async function load(text: string, files: Record<string, string>, env = {}): Promise<ContractFile> {
  const [contract] = await parseReadContracts(
    { files: [{ file: 'c.yml', text }], problems: [] },
    env,
    readerOf(files),
  );
  if (contract === undefined) throw new Error('not loaded');
  return contract;
}

async function problemsOf(text: string, files: Record<string, string>, env = {}): Promise<string[]> {
  try {
    await load(text, files, env);
  } catch (error) {
    if (error instanceof ContractFileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ContractFileError');
}

describe('samples from a CSV lead export', () => {
  it('reads one sample per row, named by the chosen column, columns by prefix (lead. when unprefixed)', async () => {
    const contract = await load(contractNaming('  - { file: leads.csv, name: Email Address }'), {
      'leads.csv': CSV,
    });
    expect([...contract.samples.keys()]).toEqual(['alice@example.com', 'bob@example.com']);
    expect(contract.samples.get('bob@example.com')?.values).toEqual({
      lead: { 'Email Address': 'bob@example.com', 'First Name': 'Bob, Jr.' },
      company: { 'Company Name': 'Beta' },
      my: { Region: '' },
    });
    expect(contract.webhooks[0]?.samples).toEqual(['alice@example.com', 'bob@example.com']);
  });

  it('names samples by row number without a name column, and mixes files with inline samples', async () => {
    const text = contractNaming(
      '  - file: leads.csv\n  - carol: { lead: { Email Address: carol@example.com } }',
    );
    const contract = await load(text, { 'leads.csv': CSV });
    expect([...contract.samples.keys()]).toEqual(['data/leads.csv#1', 'data/leads.csv#2', 'carol']);
  });

  it('locates an unset ${NAME} in a cell at its line and column in the CSV file', async () => {
    const csv = 'Email Address,Token\na@x.test,ok\nb@x.test,${MISSING_TOKEN}\n';
    expect(await problemsOf(contractNaming('  - file: leads.csv'), { 'leads.csv': csv })).toEqual([
      expect.stringMatching(
        /^data\/leads\.csv:3:10: data\/leads\.csv column "Token": environment variable MISSING_TOKEN is not set/,
      ),
    ]);
  });

  it('substitutes ${NAME} in cells and records the value as a secret', async () => {
    const csv = 'Email Address,Token\na@x.test,${API_TOKEN}\n';
    const contract = await load(
      contractNaming('  - file: leads.csv'),
      { 'leads.csv': csv },
      { API_TOKEN: 's3cr3t-value' },
    );
    expect(contract.samples.get('data/leads.csv#1')?.values.lead?.['Token']).toBe('s3cr3t-value');
    expect(contract.secrets).toContain('s3cr3t-value');
  });

  it('locates a name repeated between inline mappings of the list, and between a mapping and a data file', async () => {
    const inline = contractNaming(
      [
        '  - { alice: { lead: { A: 1 } } }',
        '  - { bob: { lead: { A: 2 } }, alice: { lead: { A: 3 } } }',
      ].join('\n'),
    );
    expect(await problemsOf(inline, {})).toEqual([
      'c.yml:4:32: duplicate sample name "alice": the first is at c.yml:3:7; sample names must be unique',
    ]);
    const mixed = contractNaming(
      [
        '  - { "alice@example.com": { lead: { A: 1 } } }',
        '  - { file: leads.csv, name: Email Address }',
      ].join('\n'),
    );
    expect(await problemsOf(mixed, { 'leads.csv': CSV })).toEqual([
      'data/leads.csv:2:1: duplicate sample name "alice@example.com": the first is at c.yml:3:7; sample names must be unique',
    ]);
  });

  it('locates a CSV syntax error, a duplicate name and an unknown name column in the data file', async () => {
    expect(await problemsOf(contractNaming('  - file: leads.csv'), { 'leads.csv': 'a,b\n1,"x\n' })).toEqual([
      expect.stringMatching(/^data\/leads\.csv:2:1: invalid CSV: Quote Not Closed/),
    ]);
    const repeated = 'Email Address,x\na@x.test,1\na@x.test,2\n';
    expect(
      await problemsOf(contractNaming('  - { file: leads.csv, name: Email Address }'), {
        'leads.csv': repeated,
      }),
    ).toEqual([
      'data/leads.csv:3:1: duplicate sample name "a@x.test": the first is at data/leads.csv:2:1; sample names must be unique',
    ]);
    expect(
      await problemsOf(contractNaming('  - { file: leads.csv, name: Email }'), { 'leads.csv': CSV }),
    ).toEqual([expect.stringMatching(/^data\/leads\.csv:1:1: no column "Email" in the header/)]);
  });

  it('reports a data file the adapter refused at its file: entry, and an unknown kind of file', async () => {
    expect(await problemsOf(contractNaming('  - file: gone.csv'), {})).toEqual([
      'c.yml:3:11: data file "gone.csv": file not found',
    ]);
    expect(await problemsOf(contractNaming('  - file: leads.txt'), { 'leads.txt': 'x' })).toEqual([
      'c.yml:3:11: data file "leads.txt" must be a .csv (lead export) or .json file',
    ]);
  });
});

describe('samples from a JSON file', () => {
  it('reads an object of named samples and an array named by a lead token', async () => {
    const object = '{ "alice": { "lead": { "Email Address": "alice@example.com" } } }';
    const array =
      '[{ "lead": { "Email Address": "b@x.test" } }, { "lead": { "Email Address": "c@x.test" } }]';
    const contract = await load(
      contractNaming('  - file: named.json\n  - { file: list.json, name: Email Address }'),
      { 'named.json': object, 'list.json': array },
    );
    expect([...contract.samples.keys()]).toEqual(['alice', 'b@x.test', 'c@x.test']);
  });

  it('locates problems inside the JSON file', async () => {
    const json = '{\n  "alice": { "leed": { "a": "x" } }\n}\n';
    expect(await problemsOf(contractNaming('  - file: s.json'), { 's.json': json })).toEqual([
      expect.stringMatching(/^data\/s\.json:2:14: unknown token prefix "leed"/),
    ]);
    expect(await problemsOf(contractNaming('  - file: s.json'), { 's.json': '{ "a": ' })).toEqual([
      expect.stringMatching(/^data\/s\.json:1:\d+: invalid JSON: /),
    ]);
  });
});

describe('without a reader for data files', () => {
  it('refuses the data file, located at its entry', async () => {
    let problems: string[] = [];
    try {
      await parseReadContracts(
        { files: [{ file: 'c.yml', text: contractNaming('  - file: leads.csv') }], problems: [] },
        {},
      );
    } catch (error) {
      if (error instanceof ContractFileError) problems = error.problems.map(formatProblem);
    }
    expect(problems).toEqual(['c.yml:3:11: data file "leads.csv": data files cannot be read here']);
  });
});
