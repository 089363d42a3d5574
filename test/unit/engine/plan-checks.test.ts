import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractFileError, InputError } from '../../../src/contracts/errors.js';
import { planChecks } from '../../../src/engine/plan-checks.js';
import type { PlannedCheck } from '../../../src/engine/plan-checks.js';
import { makeContractFile } from '../../support/make-contract-file.js';
import { makeSample, makeWebhook } from '../../support/make-webhook.js';

const samples = ['alice', 'bob', 'carol'].map((name) => makeSample({ name }));

function names(checks: readonly PlannedCheck[]): string[] {
  return checks.map((check) => `${check.file.file}|${check.webhook.name}|${check.sample.name}`);
}

/** Two files, three webhooks, seven checks in all. */
const files = [
  makeContractFile({
    file: 'a.yml',
    samples,
    webhooks: [
      makeWebhook({ name: 'Score', samples: ['bob', 'alice'] }),
      makeWebhook({ name: 'Enrich', samples: ['carol'] }),
    ],
  }),
  makeContractFile({
    file: 'b.yml',
    samples,
    webhooks: [makeWebhook({ name: 'Sync', samples: ['alice', 'bob', 'carol', 'alice'] })],
  }),
];

describe('planChecks', () => {
  it('lists checks by file, then webhook, then sample, in the order written', () => {
    expect(names(planChecks(files))).toEqual([
      'a.yml|Score|bob',
      'a.yml|Score|alice',
      'a.yml|Enrich|carol',
      'b.yml|Sync|alice',
      'b.yml|Sync|bob',
      'b.yml|Sync|carol',
      'b.yml|Sync|alice',
    ]);
  });

  it('numbers checks by their position in the whole plan', () => {
    expect(planChecks(files).map((check) => check.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('hands each check its file, webhook and sample objects', () => {
    const [first] = planChecks(files);
    expect(first?.file).toBe(files[0]);
    expect(first?.webhook).toBe(files[0]?.webhooks[0]);
    expect(first?.sample).toBe(files[0]?.samples.get('bob'));
  });

  it('plans nothing for no files, a file without webhooks, or a webhook without samples', () => {
    expect(planChecks([])).toEqual([]);
    expect(planChecks([makeContractFile({ webhooks: [] })])).toEqual([]);
    expect(planChecks([makeContractFile({ webhooks: [makeWebhook({ samples: [] })] })])).toEqual([]);
  });

  it('is deterministic', () => {
    expect(names(planChecks(files))).toEqual(names(planChecks(files)));
  });

  it('throws a located ContractFileError for a sample the file does not define', () => {
    const file = makeContractFile({ webhooks: [makeWebhook({ name: 'Score', samples: ['alice', 'zed'] })] });
    expect(() => planChecks([file])).toThrow(ContractFileError);
    expect(() => planChecks([file])).toThrow(/webhook-contracts\.yml:10:5: .*unknown sample "zed"/);
  });
});

describe('planChecks with a shard', () => {
  it('assigns round-robin over the plan order', () => {
    expect(planChecks(files, { index: 1, count: 3 }).map((check) => check.index)).toEqual([0, 3, 6]);
    expect(planChecks(files, { index: 2, count: 3 }).map((check) => check.index)).toEqual([1, 4]);
    expect(planChecks(files, { index: 3, count: 3 }).map((check) => check.index)).toEqual([2, 5]);
  });

  it('keeps everything with 1/1, and leaves extra shards empty when there are more shards than checks', () => {
    expect(planChecks(files, { index: 1, count: 1 })).toHaveLength(7);
    expect(planChecks(files, { index: 8, count: 8 })).toEqual([]);
  });

  it.each([
    [0, 3],
    [4, 3],
    [1, 0],
    [-1, 2],
    [1.5, 2],
    [Number.NaN, 2],
  ])('rejects shard %s/%s with an InputError', (index, count) => {
    expect(() => planChecks(files, { index, count })).toThrow(InputError);
  });

  it('runs every check exactly once across the shards, with sizes differing by at most one', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.array(fc.constantFrom('alice', 'bob', 'carol'), { maxLength: 4 }), { maxLength: 4 }),
          {
            maxLength: 4,
          },
        ),
        fc.integer({ min: 1, max: 9 }),
        (shape, count) => {
          const generated = shape.map((webhooks, fileIndex) =>
            makeContractFile({
              file: `f${fileIndex}.yml`,
              samples,
              webhooks: webhooks.map((sampleNames, webhookIndex) =>
                makeWebhook({ name: `w${webhookIndex}`, samples: sampleNames }),
              ),
            }),
          );
          const whole = planChecks(generated).map((check) => check.index);
          const shards = Array.from({ length: count }, (_, i) =>
            planChecks(generated, { index: i + 1, count }).map((check) => check.index),
          );
          expect(shards.flat().sort((a, b) => a - b)).toEqual(whole);
          const sizes = shards.map((shard) => shard.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
