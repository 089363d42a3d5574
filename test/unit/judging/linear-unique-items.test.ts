import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileResponseSchema } from '../../../src/judging/compile-response-schema.js';
import { findRepeatedItem, writeCanonicalKey } from '../../../src/judging/linear-unique-items.js';

describe('writeCanonicalKey', () => {
  it('is the same for deeply equal values whatever the key order, and differs by type', () => {
    expect(writeCanonicalKey({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      writeCanonicalKey({ b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(writeCanonicalKey('1')).not.toBe(writeCanonicalKey(1));
    expect(writeCanonicalKey([1, 2])).not.toBe(writeCanonicalKey([2, 1]));
    expect(writeCanonicalKey({ a: null })).not.toBe(writeCanonicalKey({}));
    expect(writeCanonicalKey(-0)).toBe(writeCanonicalKey(0));
  });
});

describe('findRepeatedItem', () => {
  it("names the pair ajv's own keyword names: the last repeat and the nearest earlier equal item", () => {
    expect(findRepeatedItem([1, 2, 3])).toBeUndefined();
    expect(findRepeatedItem([{ a: 1 }, 2, { a: 1 }, 2])).toEqual({ i: 3, j: 1 });
    expect(findRepeatedItem(['x', 'x', 'x'])).toEqual({ i: 2, j: 1 });
  });
});

describe('uniqueItems in response schemas', () => {
  const schema = { type: 'array', uniqueItems: true };

  it("agrees with ajv's own uniqueItems on any JSON array", () => {
    const reference = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const linear = compileResponseSchema(schema);
    const item = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('a', 'b', null, true),
      // As JSON.parse makes them: ajv's deep equality also compares constructors.
      fc.dictionary(fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 1 }), { noNullPrototype: true }),
      fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (data) => {
        const expected = reference(data);
        expect(linear(data)).toBe(expected);
        if (!expected) {
          expect(linear.errors?.[0]?.params).toEqual(reference.errors?.[0]?.params);
          expect(linear.errors?.[0]?.message).toBe(reference.errors?.[0]?.message);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('judges 200,000 distinct objects, which ajv compares pair by pair, and finds one repeat among them', () => {
    const items = Array.from({ length: 200_000 }, (_, index) => ({ id: index, tags: ['t'] }));
    const validate = compileResponseSchema({ type: 'object', properties: { items: schema } });
    expect(validate({ items })).toBe(true);
    items.push({ tags: ['t'], id: 7 });
    expect(validate({ items })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/items',
      keyword: 'uniqueItems',
      params: { i: 200_000, j: 7 },
    });
  });

  it('leaves uniqueItems: false and non-arrays alone', () => {
    expect(compileResponseSchema({ uniqueItems: false })([1, 1])).toBe(true);
    expect(compileResponseSchema({ uniqueItems: true })('not an array')).toBe(true);
  });
});
