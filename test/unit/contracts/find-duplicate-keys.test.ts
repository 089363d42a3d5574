import { CORE_SCHEMA, load, mergeTag, parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys } from '../../../src/contracts/find-duplicate-keys.js';
import { indexYamlEvents } from '../../../src/contracts/yaml-event-tree.js';
import { findEventStart } from '../../../src/contracts/yaml-locator.js';

const SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/** The source offset of each repeated key findDuplicateKeys reports. */
function ourOffsets(text: string): number[] {
  const { tree } = indexYamlEvents(parseEvents(text, {}), text);
  return findDuplicateKeys(tree, text, SCHEMA).map((key) => findEventStart(tree, text, key) ?? -1);
}

/** Whether js-yaml itself refuses the text for a repeated key. */
function jsYamlRefusesDuplicate(text: string): boolean {
  try {
    load(text, { schema: SCHEMA });
    return false;
  } catch (error) {
    return error instanceof Error && /duplicated mapping key/.test(error.message);
  }
}

describe('findDuplicateKeys', () => {
  it.each([
    ['a block map', 'version: 1\nwebhooks: []\nversion: 1\n', 1],
    ['a flow map', 'a: { b: 1, c: 2, b: 3 }\n', 1],
    ['a nested map in a sequence', 'list:\n  - x: 1\n    x: 2\n    x: 3\n', 2],
    ['the same key in different maps', 'a: { k: 1 }\nb: { k: 1 }\n', 0],
    ['a number and a string that read alike', '1: a\n"1": b\n', 1],
    ['a boolean and a string that read alike', 'true: a\n"true": b\n', 1],
    ['a number written two ways', '0x10: a\n16: b\n', 1],
    ['quoted and plain spellings of one string', 'k: 1\n"k": 2\n', 1],
    ['null keys', '? \n: 1\n~: 2\n', 1],
    ['booleans', 'true: 1\nTrue: 2\n', 1],
    ['merge keys and an own key over a merged one', 'base: &b { x: 1 }\nm:\n  <<: *b\n  x: 2\n', 0],
    ['alias keys', 'a: &k key\n*k : 1\nkey: 2\n', 1],
    ['a key with a tag and an anchor', 'k: 1\n!!str &a k: 2\n', 1],
    ['an empty document', '', 0],
  ])('%s', (_name, text, count) => {
    const offsets = ourOffsets(text);
    expect(offsets).toHaveLength(count);
    expect(jsYamlRefusesDuplicate(text)).toBe(count > 0);
  });

  it('locates each repeat where it is written', () => {
    expect(ourOffsets('a: 1\nb: 2\n"a": 3\nb: 4\n')).toEqual([10, 17]);
  });

  it('finds the one repeat among 20,000 keys of a map', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `k${index}: ${index}`);
    const text = [...keys, 'k7: again', ''].join('\n');
    expect(ourOffsets(text)).toEqual([text.lastIndexOf('k7')]);
  });
});
