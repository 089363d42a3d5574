import type { ContractProblem } from './errors.js';

/**
 * One of each problem, in line then column order (as found, within one place): n log n however many there are.
 * Duplicates share a place, so they are looked for among the problems at that place only, with a set made only
 * for a place holding more than one problem (most hold one).
 */
export function sortProblems(problems: readonly ContractProblem[]): ContractProblem[] {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const unique: ContractProblem[] = [];
  let first: ContractProblem | undefined;
  let seenHere: Set<string> | undefined;
  for (const problem of sorted) {
    if (first === undefined || first.line !== problem.line || first.column !== problem.column) {
      first = problem;
      seenHere = undefined;
      unique.push(problem);
      continue;
    }
    seenHere ??= new Set([`${first.file}\u0000${first.message}`]);
    const key = `${problem.file}\u0000${problem.message}`;
    if (seenHere.has(key)) continue;
    seenHere.add(key);
    unique.push(problem);
  }
  return unique;
}
