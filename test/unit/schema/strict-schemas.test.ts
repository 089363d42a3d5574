/**
 * The shipped schemas (schema/*.json) are loaded by editors and by users' own tools: each must compile under
 * ajv's strict mode with no option relaxing it (a union `type` list, for one, needs `allowUnionTypes`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';

const SCHEMA_DIR = new URL('../../../schema/', import.meta.url);
const files = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.json'));

describe('the shipped schemas', () => {
  it('are there', () => {
    expect(files.sort()).toEqual(['contracts.schema.json', 'report.schema.json']);
  });

  it.each(files)('%s compiles with new Ajv({ strict: true })', (file) => {
    const schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as Record<string, unknown>;
    expect(() => new Ajv({ strict: true }).compile(schema)).not.toThrow();
  });

  it('would be refused with a union type (what strict mode rejects)', () => {
    expect(() => new Ajv({ strict: true }).compile({ type: ['string', 'number'] })).toThrow(
      /allowUnionTypes/,
    );
  });
});
