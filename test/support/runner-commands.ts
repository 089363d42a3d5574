/**
 * Reads output as the GitHub Actions runner does (actions/runner `ActionCommand.TryParseV2` and `TryParse`):
 * it splits at `\r` and `\n`; a line is a command when, after leading white space, it starts with `::`, has a
 * second `::`, and names a command; or when it holds `##[` followed later by `]` (the legacy form, found
 * anywhere in the line). Any name counts here, registered or not: `::stop-commands::TOKEN` makes TOKEN one.
 */

export interface RunnerCommandLine {
  readonly form: 'v2' | 'legacy';
  /** The command's name, e.g. `error`. */
  readonly name: string;
  /** The raw properties text (`file=a.yml,line=3`), as written. */
  readonly properties: string;
  readonly line: string;
}

/** .NET's `TrimStart()` removes every Unicode white space character, which JavaScript's `\s` also covers. */
const LEADING_SPACE = /^[\s\u0085]*/;

/** Every line of `text` the runner would take as a command. */
export function findRunnerCommands(text: string): RunnerCommandLine[] {
  const found: RunnerCommandLine[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(LEADING_SPACE, '');
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2);
      if (end > 2) {
        const info = trimmed.slice(2, end);
        const space = info.indexOf(' ');
        found.push({
          form: 'v2',
          name: space < 0 ? info : info.slice(0, space),
          properties: space < 0 ? '' : info.slice(space + 1),
          line,
        });
        continue;
      }
    }
    const prefix = line.indexOf('##[');
    const close = prefix < 0 ? -1 : line.indexOf(']', prefix);
    if (close > prefix + 3) {
      const info = line.slice(prefix + 3, close);
      const space = info.indexOf(' ');
      found.push({
        form: 'legacy',
        name: space < 0 ? info : info.slice(0, space),
        properties: space < 0 ? '' : info.slice(space + 1),
        line,
      });
    }
  }
  return found;
}
