/**
 * Issue 11's contract sizes: each loads, or is refused with located problems, whatever its size. No time is
 * asserted (a shared machine makes any limit flaky): the outcome is, with vitest's timeout as the backstop. The
 * time and memory each takes are bench rows with their bounds (bench/lib/loading-bounds.mjs).
 */
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS_PER_FILE } from '../../../src/contracts/cap-problems.js';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';
import { parseContractFiles } from '../../support/load-contracts.js';
import { createRequestRenderer } from '../../../src/requests/render-request.js';
import {
  makeBadWebhooks,
  makeManyMappings,
  makeMissingTokens,
  makeNestedBrackets,
  makeUnknownSamples,
} from '../../support/large-contracts.js';

const BACKSTOP_MS = 120_000;

function problemsOf(text: string): string[] {
  try {
    parseContractFiles([{ file: 'big.yml', text }], {});
  } catch (error) {
    if (error instanceof ContractFileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ContractFileError, but the file loaded');
}

describe('contracts at the sizes of issue 11', () => {
  it(
    'refuses 5 MiB of nested [ at the level where it nests too deep',
    () => {
      expect(problemsOf(makeNestedBrackets())).toEqual([
        'big.yml:2:110: invalid YAML: values nest too deeply here (nesting exceeded maxDepth (100)); a contract needs only a few levels',
      ]);
    },
    BACKSTOP_MS,
  );

  it(
    'refuses aliases that nest values deeper than written nesting may',
    () => {
      const level = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
      const lines = [
        'version: 1',
        'webhooks: []',
        `a: &a ${level(60, 'x')}`,
        'b: &b ' + level(60, '*a'),
        'c: *b',
      ];
      expect(problemsOf(lines.join('\n'))).toEqual([
        'big.yml:4:67: YAML aliases nest values more than 100 levels deep: write the values out or use fewer aliases',
      ]);
    },
    BACKSTOP_MS,
  );

  it(
    'renders a template of 100,000 distinct missing tokens with each warning once, in order',
    () => {
      const [contract] = parseContractFiles([{ file: 'big.yml', text: makeMissingTokens() }], {});
      const webhook = contract?.webhooks[0];
      const sample = contract?.samples.get('default');
      if (webhook === undefined || sample === undefined) throw new Error('not loaded');
      const { warnings } = createRequestRenderer(webhook)(sample);
      expect(warnings).toHaveLength(100_000);
      expect(warnings[0]).toMatch(/^\{\{lead\.t0\}\} has no value/);
      expect(warnings[99_999]).toMatch(/^\{\{lead\.t99999\}\} has no value/);
    },
    BACKSTOP_MS,
  );

  it(
    'lists the first problems of 50,000 bad webhooks, located, then counts the rest',
    () => {
      const problems = problemsOf(makeBadWebhooks());
      expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
      expect(problems[0]).toBe(
        'big.yml:3:22: webhooks[0].url must be an absolute http(s) URL such as https://staging.example.com/hook',
      );
      expect(problems.some((line) => line.startsWith('big.yml:3:') && line.includes('"colour"'))).toBe(true);
      expect(problems.at(-1)).toMatch(/^big\.yml:\d+:\d+: … and 249\d{3} more problems in this file/);
    },
    BACKSTOP_MS,
  );

  it(
    'loads 20,000 mappings, each located at its own line',
    () => {
      const [contract] = parseContractFiles([{ file: 'big.yml', text: makeManyMappings() }], {});
      const mappings = contract?.webhooks[0]?.mappings ?? [];
      expect(mappings).toHaveLength(20_000);
      expect(mappings[0]?.location).toEqual({ file: 'big.yml', line: 8, column: 7 });
      expect(mappings[19_999]?.location).toEqual({ file: 'big.yml', line: 20_007, column: 7 });
    },
    BACKSTOP_MS,
  );

  it(
    'reports 20,000 unknown sample names, the first with a suggestion, at their list items',
    () => {
      const problems = problemsOf(makeUnknownSamples());
      expect(problems[0]).toBe(
        'big.yml:20006:15: unknown sample "x0" in webhooks[0].samples: declare it under samples (did you mean "s0"?)',
      );
      expect(problems.at(-1)).toMatch(/… and 19900 more problems in this file/);
    },
    BACKSTOP_MS,
  );

  it(
    'reports every one of 25,000 repeated keys',
    () => {
      const keys = Array.from({ length: 50_000 }, (_, index) => `  k${index % 25_000}: 1`);
      const problems = problemsOf(`version: 1\nwebhooks: []\nx:\n${keys.join('\n')}\n`);
      expect(problems[0]).toBe('big.yml:25004:3: invalid YAML: Map keys must be unique');
      expect(problems.at(-1)).toMatch(/… and 24900 more problems in this file/);
    },
    BACKSTOP_MS,
  );
});
