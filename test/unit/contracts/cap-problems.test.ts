import { describe, expect, it } from 'vitest';
import { capProblemsPerFile, MAX_PROBLEMS_PER_FILE } from '../../../src/contracts/cap-problems.js';
import type { ContractProblem } from '../../../src/contracts/errors.js';

/** `count` problems in `file`, one a line from line 1. */
function makeProblems(file: string, count: number): ContractProblem[] {
  return Array.from({ length: count }, (_, index) => ({
    file,
    line: index + 1,
    column: 3,
    message: `problem ${index + 1}`,
  }));
}

describe('capProblemsPerFile', () => {
  it('caps at a named constant of 100', () => {
    expect(MAX_PROBLEMS_PER_FILE).toBe(100);
  });

  it('returns the list unchanged when no file is over the cap', () => {
    const problems = [...makeProblems('a.yml', 100), ...makeProblems('b.yml', 100)];
    expect(capProblemsPerFile(problems)).toEqual(problems);
    expect(capProblemsPerFile([])).toEqual([]);
  });

  it('keeps the first problems and counts the rest at the first one left out', () => {
    const capped = capProblemsPerFile(makeProblems('a.yml', 103), 100);
    expect(capped).toHaveLength(101);
    expect(capped.slice(0, 100)).toEqual(makeProblems('a.yml', 100));
    expect(capped[100]).toEqual({
      file: 'a.yml',
      line: 101,
      column: 3,
      message: '… and 3 more problems in this file (the first 100 are listed)',
    });
  });

  it('says "problem" for one more', () => {
    expect(capProblemsPerFile(makeProblems('a.yml', 3), 2).at(-1)?.message).toBe(
      '… and 1 more problem in this file (the first 2 are listed)',
    );
  });

  it('caps each file on its own and keeps files in the order they first appear', () => {
    const problems = [
      ...makeProblems('read-problem.yml', 1),
      ...makeProblems('b.yml', 4),
      ...makeProblems('a.yml', 2),
    ];
    const capped = capProblemsPerFile(problems, 2);
    expect(capped.map((problem) => `${problem.file}:${problem.line} ${problem.message}`)).toEqual([
      'read-problem.yml:1 problem 1',
      'b.yml:1 problem 1',
      'b.yml:2 problem 2',
      'b.yml:3 … and 2 more problems in this file (the first 2 are listed)',
      'a.yml:1 problem 1',
      'a.yml:2 problem 2',
    ]);
  });

  it('handles hundreds of thousands of problems without spreading them into a call', () => {
    const capped = capProblemsPerFile(makeProblems('huge.yml', 300_000));
    expect(capped).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(capped.at(-1)?.message).toMatch(/^… and 299900 more problems/);
  });
});
