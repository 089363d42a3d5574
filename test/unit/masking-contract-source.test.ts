import { describe, expect, it } from 'vitest';

import { createMaskingContractSource, listMaskedForms } from '../../src/adapters/masking-contract-source.js';
import type { ContractSource } from '../../src/core/ports.js';

describe('listMaskedForms', () => {
  it('lists the value, its URL-encoded and base64 forms, once each', () => {
    expect(listMaskedForms('a b/c')).toEqual(['a b/c', 'a%20b%2Fc', 'YSBiL2M=']);
    expect(listMaskedForms('abc')).toEqual(['abc', 'YWJj']);
  });

  it('masks each line of a multi-line secret on its own', () => {
    expect(listMaskedForms('line1\nline2')).toEqual(expect.arrayContaining(['line1', 'line2']));
  });
});

/** A ContractSource over files held in memory. */
function makeSource(files: Record<string, string>): ContractSource {
  return { read: (patterns) => Promise.resolve(patterns.map((file) => ({ file, text: files[file] ?? '' }))) };
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

    const files = await source.read(['a.yml']);

    expect(files).toEqual([{ file: 'a.yml', text }]);
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
});
