/**
 * indexYamlEvents skips its alias accounting when the source holds no `*` (no alias can be written): the subtree
 * ends it gives must be those of the full pass, for every shape of YAML.
 */
import fc from 'fast-check';
import { dump, parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { indexYamlEvents } from '../../../src/contracts/yaml-event-tree.js';

/** The full pass over the same events: a `*` in the source (after the text, in a comment) forces it. */
function indexFully(text: string) {
  return indexYamlEvents(parseEvents(text, {}), `${text}\n# *`);
}

describe('indexYamlEvents without aliases', () => {
  it('gives the full pass’s subtree ends and no alias target, for any value written in any style', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (data, flow) => {
        const text = dump(data, { flowLevel: flow ? 1 : -1 });
        fc.pre(!text.includes('*'));
        const fast = indexYamlEvents(parseEvents(text, {}), text);
        const full = indexFully(text);
        expect([...fast.tree.ends]).toEqual([...full.tree.ends]);
        expect([...fast.tree.aliasTargets]).toEqual([...full.tree.aliasTargets]);
        expect(fast.problem).toBeUndefined();
      }),
      { numRuns: 1_000 },
    );
  });

  it('takes the full pass when the source may hold an alias', () => {
    const text = 'a: &x [1, 2]\nb: *x\n';
    const { tree } = indexYamlEvents(parseEvents(text, {}), text);
    expect([...tree.aliasTargets].some((target) => target !== -1)).toBe(true);
  });

  it('gives multi-document streams the same ends', () => {
    const text = 'a: 1\n---\nb: [1, {c: 2}]\n...\n';
    expect([...indexYamlEvents(parseEvents(text, {}), text).tree.ends]).toEqual([
      ...indexFully(text).tree.ends,
    ]);
  });
});
