import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { findDuplicateKeys } from '../../../src/contracts/find-duplicate-keys.js';

/** What yaml's own (quadratic) `uniqueKeys: true` reports: the offsets of its DUPLICATE_KEY errors. */
function yamlDuplicateOffsets(text: string): number[] {
  const document = parseDocument(text, { uniqueKeys: true, merge: true, logLevel: 'silent' });
  return document.errors.filter((error) => error.code === 'DUPLICATE_KEY').map((error) => error.pos[0]);
}

function ourOffsets(text: string): number[] {
  return findDuplicateKeys(parseDocument(text, { uniqueKeys: false, merge: true, logLevel: 'silent' }));
}

const sorted = (offsets: number[]): number[] => [...offsets].sort((a, b) => a - b);

describe('findDuplicateKeys', () => {
  it.each([
    ['a block map', 'version: 1\nwebhooks: []\nversion: 1\n', 1],
    ['a flow map', 'a: { b: 1, c: 2, b: 3 }\n', 1],
    ['a nested map in a sequence', 'list:\n  - x: 1\n    x: 2\n    x: 3\n', 2],
    ['a map used as a key', '? { k: 1, k: 2 }\n: v\n', 1],
    ['the same key in different maps', 'a: { k: 1 }\nb: { k: 1 }\n', 0],
    ['a number and a string that read alike', '1: a\n"1": b\n', 0],
    ['quoted and plain spellings of one string', 'k: 1\n"k": 2\n', 1],
    ['null keys', '? \n: 1\n~: 2\n', 1],
    ['booleans', 'true: 1\nTrue: 2\n', 1],
    ['NaN keys', '.nan: 1\n.NaN: 2\n', 0],
    ['merge keys', 'base: &b { x: 1 }\nother: &o { y: 1 }\nm:\n  <<: *b\n  <<: *o\n', 0],
    ['alias keys', 'a: &k key\n*k : 1\n*k : 2\n', 0],
    ['a key with a tag and an anchor', 'k: 1\n!!str &a k: 2\n', 1],
    ['implicit pairs in a flow sequence', '[a: 1, a: 2]\n', 0],
    ['a broken document', 'a: 1\na: 2\n}\n', 1],
    ['an empty document', '', 0],
  ])('finds what yaml finds: %s', (_name, text, count) => {
    const ours = sorted(ourOffsets(text));
    expect(ours).toHaveLength(count);
    expect(ours).toEqual(sorted(yamlDuplicateOffsets(text)));
  });

  it('finds the one repeat among 20,000 keys of a map', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `k${index}: ${index}`);
    const text = [...keys, 'k7: again', ''].join('\n');
    expect(ourOffsets(text)).toEqual([text.lastIndexOf('k7')]);
  });
});
