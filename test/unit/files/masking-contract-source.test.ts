import { describe, expect, it } from 'vitest';

import { createMaskingContractSource, listMaskedForms } from '../../../src/files/masking-contract-source.js';
import type { ContractSource } from '../../../src/engine/ports.js';
import { listSecretForms } from '../../../src/reports/redact-secrets.js';

describe('listMaskedForms', () => {
  it('lists every form the report redactor removes (value, URL, form and base64 encodings), once each', () => {
    const forms = listMaskedForms('a b/c');
    expect(forms).toEqual(expect.arrayContaining(['a b/c', 'a%20b%2Fc', 'a+b%2Fc', 'YSBiL2M=']));
    expect(forms).toEqual(expect.arrayContaining(listSecretForms('a b/c').filter((form) => form !== '')));
    expect(new Set(forms).size).toBe(forms.length);
    expect(listMaskedForms('abc')).toEqual(expect.arrayContaining(['abc', 'YWJj']));
  });

  it('masks each line of a multi-line secret on its own', () => {
    expect(listMaskedForms('line1\nline2')).toEqual(expect.arrayContaining(['line1', 'line2']));
  });
});

/** A ContractSource over files held in memory; a pattern naming no file is a read problem. */
function makeSource(files: Record<string, string>): ContractSource {
  return {
    read: (patterns) =>
      Promise.resolve({
        files: patterns.flatMap((file) => (file in files ? [{ file, text: files[file] ?? '' }] : [])),
        problems: patterns
          .filter((file) => !(file in files))
          .map((file) => ({ file, line: 1, column: 1, message: 'file not found' })),
      }),
  };
}

describe('createMaskingContractSource', () => {
  it('masks every ${NAME} value the files read, before handing them on unchanged', async () => {
    const text = "url: '${URL}/x'\nheaders: { X-Key: '${KEY}' }\n# ${UNSET}\n";
    const masked: string[] = [];
    const secrets = new Set<string>();
    const source = createMaskingContractSource(makeSource({ 'a.yml': text }), {
      env: { URL: 'https://s.example', KEY: 'k3y' },
      mask: (value) => masked.push(value),
      secrets,
    });

    const read = await source.read(['a.yml']);

    expect(read).toEqual({ files: [{ file: 'a.yml', text }], problems: [] });
    expect(masked).toEqual(expect.arrayContaining(['https://s.example', 'https%3A%2F%2Fs.example', 'k3y']));
    expect(masked).not.toContain('');
    expect([...secrets].sort()).toEqual([...masked].sort());
  });

  it('masks a value once however many files read it', async () => {
    const masked: string[] = [];
    const source = createMaskingContractSource(makeSource({ 'a.yml': '${KEY}', 'b.yml': 'x: ${KEY}' }), {
      env: { KEY: 'k3y' },
      mask: (value) => masked.push(value),
      secrets: new Set<string>(),
    });
    await source.read(['a.yml', 'b.yml']);
    expect(masked.filter((value) => value === 'k3y')).toHaveLength(1);
  });

  it('masks the readable files and hands the problems of the unreadable ones on unchanged', async () => {
    const masked: string[] = [];
    const source = createMaskingContractSource(makeSource({ 'a.yml': 'x: ${KEY}' }), {
      env: { KEY: 'k3y' },
      mask: (value) => masked.push(value),
      secrets: new Set<string>(),
    });
    const read = await source.read(['gone.yml', 'a.yml']);
    expect(read.files.map((file) => file.file)).toEqual(['a.yml']);
    expect(read.problems).toEqual([{ file: 'gone.yml', line: 1, column: 1, message: 'file not found' }]);
    expect(masked).toContain('k3y');
  });
});
