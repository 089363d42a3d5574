import type { SourceLocation } from './contract.js';

/** One located problem in a contract file. */
export interface ContractProblem extends SourceLocation {
  readonly message: string;
}

/**
 * Renders `file:line:column: message`, always on one line.
 *
 * Messages quote the contract's own text (keys, values, file names), which a pull request controls: a line break
 * in a quoted key would forge a second `other.yml:1:1: …` line, and an escape sequence would reach the terminal.
 * So control, line-separator and bidi-override characters are shown as escapes (`\n`, `\u001b`).
 */
export function formatProblem(problem: ContractProblem): string {
  return `${escapeControls(problem.file)}:${problem.line}:${problem.column}: ${escapeControls(problem.message)}`;
}

/** C0 and C1 controls, DEL, U+2028/U+2029 and the bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControls(text: string): string {
  return text.replace(
    UNSAFE_CHARACTERS,
    (character) => NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
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
