/**
 * Error annotations on the contract files: one per failing check at its webhook's line, and one per contract
 * problem at its line and column. GitHub shows at most 10 error annotations per step and drops the rest
 * silently, so the budget is spent deliberately and the overflow is summarised in one annotation.
 */
import path from 'node:path';

import type { AnnotationProperties } from '@actions/core';

import type { CheckResult, RunReport } from '../judging/check-result.js';
import type { ContractProblem } from '../contracts/errors.js';

/** GitHub's per-step limit for error annotations. */
export const MAX_ERROR_ANNOTATIONS = 10;

export type Annotate = (message: string, properties: AnnotationProperties) => void;

export interface AnnotateOptions {
  /** Where `core.error` goes; a parameter so tests and the CLI can pass their own. */
  readonly annotate: Annotate;
  /** Annotations are placed by repository-relative path; absolute paths under it are made relative. */
  readonly workspace?: string;
  /**
   * Error annotations already spoken for in this step (`core.setFailed` writes one), so the summary
   * annotation is never the one GitHub drops.
   */
  readonly reserved?: number;
}

/**
 * Annotates each failing check at its webhook's line; when they do not all fit, the last slot says
 * "N more failures: see the job summary".
 *
 * @returns how many annotations were written.
 */
export function annotateFailedChecks(report: RunReport, options: AnnotateOptions): number {
  const failing = report.checks.filter((check) => !check.passed);
  return annotateWithBudget(
    failing.map((check) => ({
      message: describeFailedCheck(check),
      // No title: the message names the webhook, and without one the command reads `::error file=…,line=…`.
      properties: { file: toRepositoryPath(check.file, options.workspace), startLine: check.line },
    })),
    (rest) => `${rest} more failure${rest === 1 ? '' : 's'}: see the job summary`,
    options,
  );
}

/** Annotates each contract problem at its file, line and column (the overflow is summarised the same way). */
export function annotateContractProblems(
  problems: readonly ContractProblem[],
  options: AnnotateOptions,
): number {
  return annotateWithBudget(
    problems.map((problem) => ({
      message: problem.message,
      properties: {
        file: toRepositoryPath(problem.file, options.workspace),
        startLine: problem.line,
        startColumn: problem.column,
      },
    })),
    (rest) => `${rest} more contract problem${rest === 1 ? '' : 's'}: see the log`,
    options,
  );
}

interface PendingAnnotation {
  readonly message: string;
  readonly properties: AnnotationProperties;
}

function annotateWithBudget(
  pending: readonly PendingAnnotation[],
  describeRest: (rest: number) => string,
  options: AnnotateOptions,
): number {
  const budget = Math.max(1, MAX_ERROR_ANNOTATIONS - (options.reserved ?? 0));
  const shown = pending.length <= budget ? pending : pending.slice(0, budget - 1);
  for (const annotation of shown) options.annotate(annotation.message, annotation.properties);
  if (shown.length === pending.length) return shown.length;
  options.annotate(describeRest(pending.length - shown.length), {});
  return shown.length + 1;
}

/** `Score lead (alice): status: expected 2xx, got 500; data.score is missing from the response`. */
function describeFailedCheck(check: CheckResult): string {
  const problems = check.failures.map((failure) => `${failure.kind}: ${failure.message}`).join('; ');
  return `${check.webhook} (${check.sample}): ${problems === '' ? 'failed' : problems}`;
}

/** Annotations need the path from the repository root, with forward slashes. */
function toRepositoryPath(file: string, workspace: string | undefined): string {
  const relative = workspace !== undefined && path.isAbsolute(file) ? path.relative(workspace, file) : file;
  // Outside the workspace the absolute path is still the best we have.
  const chosen = relative.startsWith('..') ? file : relative;
  return chosen.split(path.sep).join('/').replace(/^\.\//, '');
}
