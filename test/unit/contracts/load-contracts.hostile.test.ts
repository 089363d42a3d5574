/**
 * Contract files built to produce an enormous number of problems: loading must still end in one ContractFileError
 * (not a RangeError from spreading them into a call, not minutes of re-reading the same scalar) that lists the
 * first of them and counts the rest.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS_PER_FILE } from '../../../src/contracts/cap-problems.js';
import { ContractFileError } from '../../../src/contracts/errors.js';
import { parseContractFiles } from '../../support/load-contracts.js';

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
  it('lists the first unclosed tokens of a template, each at its own column, then counts the rest', () => {
    const problems = loadProblems(webhookWithTemplate('{{x'.repeat(MANY)));
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    // `    template: '` is 15 characters: the first token starts at column 16, the next three further on.
    expect(problems.slice(0, 3).map((problem) => `${problem.line}:${problem.column}`)).toEqual([
      '6:16',
      '6:19',
      '6:22',
    ]);
    expect(problems.at(-2)?.column).toBe(16 + 3 * (MAX_PROBLEMS_PER_FILE - 1));
    // The count sits where the first problem left out is written.
    expect(problems.at(-1)).toEqual({
      file: 'many.yml',
      line: 6,
      column: 16 + 3 * MAX_PROBLEMS_PER_FILE,
      message: `… and ${MANY - MAX_PROBLEMS_PER_FILE} more problems in this file (the first ${MAX_PROBLEMS_PER_FILE} are listed)`,
    });
  });

  it('lists the first unset ${NAME} of a long value, then counts the rest', () => {
    const problems = loadProblems(webhookWithTemplate('${A}'.repeat(MANY)));
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems[0]?.message).toMatch(/environment variable A is not set/);
    expect(problems.at(-1)?.message).toMatch(/^… and 199900 more problems in this file/);
  });

  it('caps each file on its own, keeping files in order', () => {
    const many = webhookWithTemplate('{{x'.repeat(MAX_PROBLEMS_PER_FILE + 2));
    let problems: readonly { file: string; message: string }[] = [];
    try {
      parseContractFiles(
        [
          { file: 'one.yml', text: many },
          { file: 'two.yml', text: many.replace('name: A', 'name: B') },
        ],
        {},
      );
    } catch (error) {
      if (!(error instanceof ContractFileError)) throw error;
      problems = error.problems;
    }
    const counts = problems.filter((problem) => problem.message.startsWith('… and '));
    expect(counts.map((problem) => `${problem.file}: ${problem.message}`)).toEqual([
      'one.yml: … and 2 more problems in this file (the first 100 are listed)',
      'two.yml: … and 2 more problems in this file (the first 100 are listed)',
    ]);
    expect(problems).toHaveLength(2 * (MAX_PROBLEMS_PER_FILE + 1));
    expect(problems[MAX_PROBLEMS_PER_FILE]?.file).toBe('one.yml');
    expect(problems[MAX_PROBLEMS_PER_FILE + 1]?.file).toBe('two.yml');
  });
});
