import { describe, expect, it } from 'vitest';

import { createMaskingContractSource } from '../../../src/files/masking-contract-source.js';
import type { ContractSource } from '../../../src/engine/ports.js';
import { listLogMaskForms } from '../../../src/reports/redaction/log-mask-forms.js';

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
      env: { URL: 'https://s.example', KEY: 'k3y-0123' },
      mask: (value) => masked.push(value),
      secrets,
    });

    const read = await source.read(['a.yml']);

    expect(read).toEqual({ files: [{ file: 'a.yml', text }], problems: [] });
    expect(masked).toEqual(
      expect.arrayContaining(['https://s.example', 'https%3A%2F%2Fs.example', 'k3y-0123']),
    );
    expect(masked).not.toContain('');
    // The values themselves are collected, for the redactor: it finds their forms.
    expect([...secrets].sort()).toEqual(['https://s.example', 'k3y-0123']);
    expect(masked.sort()).toEqual(
      [...new Set([...listLogMaskForms('https://s.example'), ...listLogMaskForms('k3y-0123')])].sort(),
    );
  });

  it('masks a value once however many files read it', async () => {
    const masked: string[] = [];
    const source = createMaskingContractSource(makeSource({ 'a.yml': '${KEY}', 'b.yml': 'x: ${KEY}' }), {
      env: { KEY: 'k3y-0123' },
      mask: (value) => masked.push(value),
      secrets: new Set<string>(),
    });
    await source.read(['a.yml', 'b.yml']);
    expect(masked.filter((value) => value === 'k3y-0123')).toHaveLength(1);
  });

  it('masks the readable files and hands the problems of the unreadable ones on unchanged', async () => {
    const masked: string[] = [];
    const source = createMaskingContractSource(makeSource({ 'a.yml': 'x: ${KEY}' }), {
      env: { KEY: 'k3y-0123' },
      mask: (value) => masked.push(value),
      secrets: new Set<string>(),
    });
    const read = await source.read(['gone.yml', 'a.yml']);
    expect(read.files.map((file) => file.file)).toEqual(['a.yml']);
    expect(read.problems).toEqual([{ file: 'gone.yml', line: 1, column: 1, message: 'file not found' }]);
    expect(masked).toContain('k3y-0123');
  });
});
