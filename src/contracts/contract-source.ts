/** The contract files a source read, as the loader takes them (the engine's ContractSource port returns it). */
import type { ContractProblem } from './errors.js';

export interface ContractSourceFile {
  readonly file: string;
  readonly text: string;
}

/** What a ContractSource found: the files it could read, and why the others could not be. */
export interface ContractSourceRead {
  readonly files: readonly ContractSourceFile[];
  /**
   * One located problem per path that matched nothing or could not be read, in the order the patterns were
   * given. Returned rather than thrown, so the caller reports them together with the readable files' own
   * problems: one round of fixes, not two.
   */
  readonly problems: readonly ContractProblem[];
}
