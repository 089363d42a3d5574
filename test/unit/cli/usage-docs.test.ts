/**
 * docs/cli.md documents every option each command's `--help` lists, in that command's own section (an option
 * added to the help and forgotten in the docs fails here).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import type { CommandName } from '../../../src/cli/cli-args.js';
import { renderUsage } from '../../../src/cli/cli-usage.js';

const DOCS = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

/** The text of the docs section whose heading starts with `heading`, up to the next `## ` heading. */
function readSection(heading: string): string {
  const start = DOCS.indexOf(`\n${heading}`);
  if (start === -1) throw new Error(`docs/cli.md has no section "${heading}"`);
  const end = DOCS.indexOf('\n## ', start + 1);
  return DOCS.slice(start, end === -1 ? undefined : end);
}

/** Every option named in the help's Options block: `-q`, `--quiet`, and `--color` in "--color forces colour". */
function listHelpOptions(help: string): string[] {
  const options = help.slice(help.indexOf('\nOptions:\n'), help.indexOf('\nExit codes:'));
  return [...new Set(options.match(/(?<![\w-])--?[a-zA-Z][\w-]*/g) ?? [])];
}

/** Whether `text` names `option` as a whole word (`--color` is not found in `--no-color`). */
function mentions(text: string, option: string): boolean {
  return new RegExp(`(?<![\\w-])${option}(?![\\w-])`).test(text);
}

const COMMANDS: readonly CommandName[] = ['run', 'render', 'merge'];

describe('docs/cli.md', () => {
  it.each(COMMANDS)('documents every option of `%s --help` in its section', (command) => {
    const options = listHelpOptions(renderUsage(command));
    expect(options).toContain('--help');
    const section = readSection(`## \`webhook-contracts ${command}`);
    // `--help` is documented once for every command, under "Help and version".
    const missing = options.filter(
      (option) => option !== '-h' && option !== '--help' && !mentions(section, option),
    );
    expect(missing).toEqual([]);
  });

  it('documents the top-level options under "Help and version"', () => {
    const options = listHelpOptions(renderUsage());
    expect(options).toEqual(expect.arrayContaining(['-h', '--help']));
    const section = readSection('## Help and version');
    expect(options.filter((option) => !mentions(section, option))).toEqual([]);
  });
});
