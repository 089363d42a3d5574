import { describe, expect, it } from 'vitest';

import {
  compileResponseSchema,
  findResponseSchemaErrors,
} from '../../../src/judging/compile-response-schema.js';

describe('compileResponseSchema', () => {
  it('compiles a schema object once: the loader and the judge share one validator', () => {
    const schema = { type: 'object', required: ['data'] };
    const first = compileResponseSchema(schema);
    expect(compileResponseSchema(schema)).toBe(first);
    expect(compileResponseSchema({ ...schema })).not.toBe(first);
    expect(first({ data: 1 })).toBe(true);
    expect(first({})).toBe(false);
  });

  it('compiles two schemas that share an $id (two webhooks copying one schema)', () => {
    const a = { $id: 'https://example.com/score.json', type: 'integer' };
    const b = { $id: 'https://example.com/score.json', type: 'string' };
    expect(compileResponseSchema(a)(1)).toBe(true);
    expect(compileResponseSchema(b)('x')).toBe(true);
  });

  it('refuses a schema its meta-schema rejects, and says where', () => {
    const schema = { type: 'object', properties: { score: { type: 'integr' } } };
    expect(findResponseSchemaErrors(schema).map((error) => error.instancePath)).toContain(
      '/properties/score/type',
    );
    expect(() => compileResponseSchema(schema)).toThrow(/schema is invalid: \/properties\/score\/type/);
  });

  it('follows the dialect $schema names (2020-12 prefixItems)', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'integer' }],
    };
    expect(findResponseSchemaErrors(schema)).toEqual([]);
    const validate = compileResponseSchema(schema);
    expect(validate([1])).toBe(true);
    expect(validate(['x'])).toBe(false);
  });

  it('compiles boolean schemas', () => {
    expect(compileResponseSchema(true)(42)).toBe(true);
    expect(compileResponseSchema(false)(42)).toBe(false);
  });
});
