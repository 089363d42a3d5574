import type { ContractProblem } from './errors.js';
import { formatProblem } from './errors.js';

/** One of each problem (as printed), in line then column order: n log n however many there are. */
export function sortProblems(problems: readonly ContractProblem[]): ContractProblem[] {
  const unique = new Map(problems.map((problem) => [formatProblem(problem), problem]));
  return [...unique.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}
