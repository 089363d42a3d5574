import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import {
  CONTRACT_VALIDATOR_FILE,
  generateContractValidatorCode,
} from '../../../scripts/contract-validator-code.js';
import schema from '../../../schema/contracts.schema.json' with { type: 'json' };
import { validate } from '../../../src/contracts/contract-validator.js';

const ROOT = new URL('../../../', import.meta.url);

describe('the precompiled contract validator', () => {
  it('is generated from the current schema (run `npm run bundle` after changing the schema)', () => {
    const committed = readFileSync(new URL(CONTRACT_VALIDATOR_FILE, ROOT), 'utf8');
    expect(committed).toBe(generateContractValidatorCode());
  });

  const compiled = new Ajv({ allErrors: true, verbose: true, strict: true }).compile(schema);
  const values: readonly unknown[] = [
    { version: 1, webhooks: [{ name: 'A', url: 'https://s.test/a' }] },
    { version: 1, webhooks: [] },
    { version: 2, webhook: [], samples: 'x' },
    { version: 1, webhooks: [{ name: 'A', url: 'https://s.test/a', expect: { status: '6xx' } }] },
    { version: 1, fields: { score: 7 }, webhooks: [{ url: 1, method: 'FETCH', encoding: 'xml' }] },
    [],
    null,
    'version: 1',
  ];

  it.each(values.map((value) => [JSON.stringify(value), value]))(
    'judges %s exactly as ajv compiling the schema does, errors included',
    (_name, value) => {
      const ok = validate(value);
      expect(ok).toBe(compiled(value));
      expect(validate.errors ?? null).toEqual(compiled.errors ?? null);
    },
  );

  it('keeps the verbose detail the loader turns into messages', () => {
    expect(
      validate({ version: 1, webhooks: [{ name: 'A', url: 'https://s.test/a', method: 'FETCH' }] }),
    ).toBe(false);
    const error = validate.errors?.find((item) => item.instancePath === '/webhooks/0/method');
    expect(error).toMatchObject({ data: 'FETCH', keyword: 'enum' });
    expect(error?.parentSchema).toBeDefined();
  });
});
