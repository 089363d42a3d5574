/**
 * Contract files built to produce an enormous number of problems: loading must still end in one ContractFileError
 * listing them (not a RangeError from spreading them into a call, not minutes of re-reading the same scalar).
 */
import { describe, expect, it } from 'vitest';
import { ContractFileError } from '../../src/core/errors.js';
import { parseContractFiles } from '../../src/core/load-contracts.js';

/** More problems than a `push(...problems)` can take as arguments (about 125,000 on Node 24). */
const MANY = 200_000;

function loadProblems(text: string): readonly { line: number; column: number; message: string }[] {
  try {
    parseContractFiles([{ file: 'many.yml', text }], {});
  } catch (error) {
    if (error instanceof ContractFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a ContractFileError');
}

function webhookWithTemplate(template: string): string {
  return `version: 1\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    method: POST\n    template: '${template}'\n`;
}

describe('parseContractFiles with hundreds of thousands of problems', () => {
  it('lists every unclosed token of a template, each at its own column', () => {
    const problems = loadProblems(webhookWithTemplate('{{x'.repeat(MANY)));
    expect(problems).toHaveLength(MANY);
    // `    template: '` is 15 characters: the first token starts at column 16, the next three further on.
    expect(problems.slice(0, 3).map((problem) => `${problem.line}:${problem.column}`)).toEqual([
      '6:16',
      '6:19',
      '6:22',
    ]);
    expect(problems.at(-1)?.column).toBe(16 + 3 * (MANY - 1));
  });

  it('lists every unset ${NAME} of a long value', () => {
    const problems = loadProblems(webhookWithTemplate('${A}'.repeat(MANY)));
    expect(problems).toHaveLength(MANY);
    expect(problems[0]?.message).toMatch(/environment variable A is not set/);
  });
});
