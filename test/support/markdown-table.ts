/**
 * Reads Markdown the way GitHub's table scanner and inline parser would, closely enough to check that
 * untrusted text stays inert: row splitting (backslash pairs, unescaped pipes) and code spans.
 */

/** Splits a table row into its cells as cmark-gfm does: `\` and the next character are a pair; `|` splits. */
export function splitTableRow(line: string): string[] {
  if (!line.startsWith('|')) throw new Error(`not a table row: ${line}`);
  const cells: string[] = [];
  let current = '';
  for (let index = 1; index < line.length; index += 1) {
    const character = line[index] ?? '';
    if (character === '\\' && index + 1 < line.length) {
      current += character + (line[index + 1] ?? '');
      index += 1;
    } else if (character === '|') {
      cells.push(current);
      current = '';
    } else current += character;
  }
  if (current.trim() !== '') cells.push(current);
  return cells.map((cell) => cell.trim());
}

/**
 * Removes code spans and returns what is left, which Markdown parses. As in CommonMark, a backslash-escaped
 * backtick opens nothing, a run of backticks opens a span closed by the next run of the same length, and a run
 * with no closer is literal text.
 */
export function removeCodeSpans(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === '\\') {
      result += text.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (character !== '`') {
      result += character;
      index += 1;
      continue;
    }
    const run = /^`+/.exec(text.slice(index))?.[0] ?? '`';
    const closer = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    closer.lastIndex = index + run.length;
    const close = closer.exec(text);
    if (close === null) {
      // An unmatched run is literal text; kept as is, so findLiveMarkup reports it as unescaped.
      result += run;
      index += run.length;
    } else {
      result += ' ';
      index = close.index + run.length;
    }
  }
  return result;
}

/**
 * Characters in `text` (outside code spans) that GitHub would read as markup or as a live link: unescaped
 * `< > [ ] ! | \``, `@name`, `#123` and `://` not defused with U+200D. Our own `<br>` is allowed.
 */
export function findLiveMarkup(text: string): string[] {
  const plain = removeCodeSpans(text).replace(/<br>/g, ' ');
  const found: string[] = [];
  for (let index = 0; index < plain.length; index += 1) {
    const character = plain[index] ?? '';
    if (character === '\\') {
      index += 1;
      continue;
    }
    if ('<>[]!|`'.includes(character)) found.push(`unescaped ${character} at ${index}`);
    const next = plain[index + 1] ?? '';
    if (character === '@' && /[A-Za-z0-9]/.test(next)) found.push(`live mention at ${index}`);
    if (character === '#' && /[0-9]/.test(next)) found.push(`live reference at ${index}`);
  }
  if (/:\/\//.test(plain)) found.push('live URL');
  return found;
}
