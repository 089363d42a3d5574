import type { SourceLocation } from './contract.js';
import { escapeControlCharacters } from './escape-control-characters.js';

/** One located problem in a contract file. */
export interface ContractProblem extends SourceLocation {
  readonly message: string;
}

/**
 * Renders `file:line:column: message`, always on one line.
 *
 * Messages quote the contract's own text (keys, values, file names), which a pull request controls: a line break
 * in a quoted key would forge a second `other.yml:1:1: …` line, and an escape sequence would reach the terminal.
 * So control, line-separator, bidi and other invisible characters are shown as escapes (`\n`, `\u001b`).
 */
export function formatProblem(problem: ContractProblem): string {
  return `${escapeControlCharacters(problem.file)}:${problem.line}:${problem.column}: ${escapeControlCharacters(problem.message)}`;
}

/** Every problem found in the contract files, all at once; nothing is called. Exit code 2. */
export class ContractFileError extends Error {
  readonly code = 'WC_CONTRACT_INVALID';
  readonly problems: readonly ContractProblem[];

  constructor(problems: readonly ContractProblem[], options?: ErrorOptions) {
    const count = problems.length;
    super(
      `${count} problem${count === 1 ? '' : 's'} in the contracts:\n` +
        problems.map(formatProblem).join('\n'),
      options,
    );
    this.name = 'ContractFileError';
    this.problems = problems;
  }
}

/** An action input or CLI argument is invalid. Exit code 2. */
export class InputError extends Error {
  readonly code = 'WC_INPUT_INVALID';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A JSON report given to `merge` is not one of ours. Exit code 2. */
export class ReportFileError extends Error {
  readonly code = 'WC_REPORT_INVALID';

  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'ReportFileError';
  }
}
