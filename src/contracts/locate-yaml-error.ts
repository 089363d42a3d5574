/**
 * Where a YAML syntax error is reported. js-yaml stops where it noticed the problem; for a quoted value that is
 * never closed that is lines later (where the next key is "deficiently indented", or the end of the file),
 * while the author's mistake is the opening quote. So for those errors the opening quote is found and reported,
 * with the parser's own finding in the message.
 */
import type { LineColumn } from './line-index.js';

/** The parser's reasons that mean "still inside a quoted scalar that began earlier". */
const UNCLOSED_QUOTE_REASONS =
  /^(?:deficient indentation|unexpected end of the (?:stream|document) within a)/;

export interface YamlErrorPlace {
  readonly offset: number;
  readonly message: string;
}

/**
 * @param reason js-yaml's message, without its snippet
 * @param offset where js-yaml stopped
 */
export function placeYamlError(
  source: string,
  reason: string,
  offset: number,
  lineColumn: (offset: number) => LineColumn,
): YamlErrorPlace {
  const parserMessage = reason.startsWith('nesting exceeded maxDepth')
    ? `invalid YAML: values nest too deeply here (${reason}); a contract needs only a few levels`
    : `invalid YAML: ${reason}`;
  if (!UNCLOSED_QUOTE_REASONS.test(reason)) return { offset, message: parserMessage };
  const opening = findOpenQuote(source, offset);
  if (opening === undefined || lineColumn(opening).line === lineColumn(offset).line) {
    return { offset, message: parserMessage };
  }
  const stopped = lineColumn(offset);
  return {
    offset: opening,
    message: `invalid YAML: this quoted value is never closed (the parser stopped at line ${stopped.line}, column ${stopped.column}: ${reason})`,
  };
}

/**
 * The offset of the quote that opens a quoted scalar still open at `end`, reading the text as YAML does
 * closely enough for this: comments, block scalars and both kinds of quotes with their escapes.
 */
export function findOpenQuote(source: string, end: number): number | undefined {
  let open = -1;
  let quote = '';
  for (let index = 0; index < end && index < source.length; index += 1) {
    const character = source[index];
    if (open !== -1) {
      if (quote === '"' && character === '\\') index += 1;
      else if (quote === "'" && character === "'" && source[index + 1] === "'") index += 1;
      else if (character === quote) open = -1;
      continue;
    }
    if (character === '#' && (index === 0 || /\s/.test(source[index - 1] ?? ''))) {
      index = lineEnd(source, index) - 1;
    } else if ((character === '"' || character === "'") && isTokenStart(source, index)) {
      open = index;
      quote = character;
    } else if ((character === '|' || character === '>') && isTokenStart(source, index)) {
      const after = /^[-+0-9]*[ \t]*(?:#[^\n]*)?\r?(?:\n|$)/.exec(source.slice(index + 1, index + 40));
      if (after !== null) index = skipBlockScalar(source, index) - 1;
    }
  }
  return open === -1 ? undefined : open;
}

function lineEnd(source: string, index: number): number {
  const end = source.indexOf('\n', index);
  return end === -1 ? source.length : end;
}

function lineStart(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

/** After an indicator or separator, or at the start of a line: where a scalar may begin. Reads back a little. */
function isTokenStart(source: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && (source[at] === ' ' || source[at] === '\t')) at -= 1;
  const previous = source[at];
  if (previous === undefined || previous === '\n' || previous === '\r') return true;
  if (previous === '[' || previous === '{' || previous === ',') return true;
  if (at === index - 1) return false;
  const beforeIndicator = source[at - 1];
  if (previous === ':' || previous === '?' || previous === '-') {
    return beforeIndicator === undefined || /\s/.test(beforeIndicator) || previous === ':';
  }
  // After an anchor or a tag (`&a "x"`, `!!str 'x'`).
  let word = at;
  while (word > 0 && !/\s/.test(source[word - 1] ?? '')) word -= 1;
  return source[word] === '&' || source[word] === '!';
}

/** The offset after a block scalar whose indicator is at `index`: its lines are indented more than the key's. */
function skipBlockScalar(source: string, index: number): number {
  const start = lineStart(source, index);
  const indent = /^ */.exec(source.slice(start, index))?.[0].length ?? 0;
  let next = lineEnd(source, index) + 1;
  while (next < source.length) {
    const line = source.slice(next, lineEnd(source, next));
    const lineIndent = /^ */.exec(line)?.[0].length ?? 0;
    if (line.trim() !== '' && lineIndent <= indent) break;
    next += line.length + 1;
  }
  return next;
}
