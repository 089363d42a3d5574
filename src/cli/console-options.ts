/** How the CLI's table is laid out for the stdout it writes to: colours, width, and what to show. */
import type { ConsoleTableOptions } from '../reports/render-console-table.js';

export interface ConsoleTarget {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { readonly isTTY?: boolean; readonly columns?: number };
}

export interface TableFlags {
  readonly color?: boolean;
  readonly wide: boolean;
  readonly failuresOnly: boolean;
}

/** The table's options: colour and width from the terminal (if any) and the environment, then the flags. */
export function readConsoleOptions(flags: TableFlags, target: ConsoleTarget): ConsoleTableOptions {
  // An unsized pseudo-terminal (docker -t, `script`) reports 0 columns: that means "unknown", not "cut everything".
  const columns = target.stdout.isTTY === true ? target.stdout.columns : undefined;
  const width = columns !== undefined && columns > 0 ? columns : undefined;
  return {
    color: flags.color ?? shouldColor(target),
    wide: flags.wide,
    failuresOnly: flags.failuresOnly,
    ...(width === undefined ? {} : { width }),
  };
}

/** Explicit --color/--no-color wins; then NO_COLOR (no-color.org) and FORCE_COLOR; then "is stdout a terminal". */
function shouldColor(target: ConsoleTarget): boolean {
  if ((target.env['NO_COLOR'] ?? '') !== '') return false;
  const force = target.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return target.stdout.isTTY === true;
}
