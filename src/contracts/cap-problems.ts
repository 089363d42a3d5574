/**
 * Keeps a file's problem list readable. A hostile or badly broken file (a template repeating `{{x` 200,000 times)
 * would otherwise print one line, and one annotation, per problem; nobody reads past the first screenful, and
 * fixing those usually fixes the rest.
 */
import type { ContractProblem } from './errors.js';

/** The most problems reported for one file; the rest are counted in one final line. */
export const MAX_PROBLEMS_PER_FILE = 100;

/**
 * Keeps the first `max` problems of each file, in the order given (the loader's order is line order), followed
 * by one problem at the first left-out problem's location saying how many more there are.
 *
 * Files keep the order in which they first appear; a file's problems are brought together after its first.
 */
export function capProblemsPerFile(
  problems: readonly ContractProblem[],
  max: number = MAX_PROBLEMS_PER_FILE,
): readonly ContractProblem[] {
  if (problems.length <= max) return problems;
  const byFile = new Map<string, ContractProblem[]>();
  for (const problem of problems) {
    let list = byFile.get(problem.file);
    if (list === undefined) {
      list = [];
      byFile.set(problem.file, list);
    }
    list.push(problem);
  }
  const capped: ContractProblem[] = [];
  for (const list of byFile.values()) {
    const kept = list.length > max ? list.slice(0, max) : list;
    // Not push(...spread): a file can hold hundreds of thousands of problems, past the argument limit.
    for (const problem of kept) capped.push(problem);
    const next = list[max];
    if (next === undefined) continue;
    const more = list.length - max;
    capped.push({
      file: next.file,
      line: next.line,
      column: next.column,
      message: `… and ${more} more problem${more === 1 ? '' : 's'} in this file (the first ${max} are listed)`,
    });
  }
  return capped;
}
