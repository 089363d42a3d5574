/**
 * Marketo webhook templates (SPEC section 1, "Tokens"): literal text with `{{prefix.Name}}` tokens,
 * each with an optional `:default=text`.
 *
 * Grammar, as we read it:
 * - A token is `{{`, then `prefix.Name`, then optionally `:default=text`, then the first `}}`.
 * - The prefix is one of TOKEN_PREFIXES, case-insensitive. The name runs from the first `.` to the
 *   first `:` (or the closing braces) and may hold spaces and most characters (Marketo display names
 *   such as `Email Address`), but no `{`, `}` or `:`. The default is everything after `=` up to the
 *   closing braces; it may be empty and may hold `:`, `=` and spaces.
 * - Whitespace just inside the braces and around the prefix and the name is ignored, so
 *   `{{ lead.Email }}` is `{{lead.Email}}` (lenient: people write it, and the intent is clear). A
 *   consequence: trailing spaces of a default are dropped.
 * - In a run of braces such as `{{{lead.Email}}}` the token starts at the last `{{` and ends at the
 *   first `}}`; the extra braces are literal (JSON templates put tokens right after `{`).
 * - A lone `{`, `}` or `}}` is literal text. A `{{` with no `}}` on the same line is a problem.
 * - Backslash escapes other than `\b \t \n \f \r \\ \" \'` are problems (Marketo refuses to save
 *   them). Valid escapes are only checked, never translated: the literal text goes out exactly as
 *   written, so a `\"` in a JSON template reaches the receiver's JSON parser as `\"`.
 */
import { TOKEN_PREFIXES } from './contract.js';
import type { TokenPrefix } from './contract.js';

/** Something Marketo would refuse in a template. `offset` is a UTF-16 index into the text. */
export interface TemplateProblem {
  readonly offset: number;
  readonly message: string;
}

/** Literal text, sent exactly as written (never encoded). */
export interface TemplateLiteral {
  readonly kind: 'literal';
  readonly text: string;
}

/** One `{{prefix.Name:default=text}}` token. */
export interface TemplateToken {
  readonly kind: 'token';
  /** Lower-cased. */
  readonly prefix: TokenPrefix;
  /** As written, trimmed. */
  readonly name: string;
  /** The `:default=` text; absent when the token has none (an empty default is `''`). */
  readonly defaultText?: string;
  /** Offset of the opening `{{` in the text. */
  readonly offset: number;
  /** The token exactly as written, braces included. */
  readonly source: string;
}

export type TemplatePart = TemplateLiteral | TemplateToken;

/** A template split once into parts; malformed tokens stay literal text and are listed in `problems`. */
export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  /** Every problem `checkTemplate` reports, in offset order. */
  readonly problems: readonly TemplateProblem[];
}

const VALID_ESCAPES = new Set(['b', 't', 'n', 'f', 'r', '\\', '"', "'"]);
const PREFIX_LIST = TOKEN_PREFIXES.join(', ');
const DEFAULT_MARKER = /^:\s*default\s*=/i;

/** Every problem in a template, in offset order; empty when Marketo would accept it. Never throws. */
export function checkTemplate(text: string): readonly TemplateProblem[] {
  return parseTemplate(text).problems;
}

/** Splits a template into literal and token parts, once per webhook. Never throws. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [...findEscapeProblems(text)];
  let literalStart = 0;
  let searchFrom = 0;
  for (;;) {
    const open = text.indexOf('{{', searchFrom);
    if (open < 0) break;
    let start = open;
    while (text[start + 2] === '{') start += 1;
    const close = text.indexOf('}}', start + 2);
    const inner = close < 0 ? '' : text.slice(start + 2, close);
    // A token never spans lines or holds another `{{`: stopping there keeps one stray `{{` from
    // swallowing the rest of the template and hiding the real tokens after it.
    if (close < 0 || /[\r\n]/.test(inner) || inner.includes('{{')) {
      problems.push({
        offset: start,
        message: 'Unclosed "{{": a token is written {{prefix.Name}} on one line',
      });
      searchFrom = start + 2;
      continue;
    }
    const source = text.slice(start, close + 2);
    const token = readToken(inner, source, start);
    searchFrom = close + 2;
    if ('message' in token) {
      problems.push(token);
      continue;
    }
    if (start > literalStart) parts.push({ kind: 'literal', text: text.slice(literalStart, start) });
    parts.push(token);
    literalStart = searchFrom;
  }
  if (literalStart < text.length) parts.push({ kind: 'literal', text: text.slice(literalStart) });
  problems.sort((a, b) => a.offset - b.offset);
  return { parts, problems };
}

/** The canonical spelling of a token, `{{lead.First Name}}`, used in warnings. */
export function formatToken(token: Pick<TemplateToken, 'prefix' | 'name'>): string {
  return `{{${token.prefix}.${token.name}}}`;
}

function readToken(inner: string, source: string, offset: number): TemplateToken | TemplateProblem {
  const content = inner.trim();
  if (content === '') {
    return { offset, message: `${source} is empty: a token is written {{prefix.Name}}` };
  }
  const dot = content.indexOf('.');
  const colon = content.indexOf(':');
  if (dot < 0 || (colon >= 0 && colon < dot)) {
    return {
      offset,
      message: `${source} has no prefix: write {{prefix.Name}} with a prefix among ${PREFIX_LIST}`,
    };
  }
  const prefix = content.slice(0, dot).trim().toLowerCase();
  if (!isTokenPrefix(prefix)) {
    return {
      offset,
      message: `${source} has an unknown prefix "${content.slice(0, dot).trim()}": use one of ${PREFIX_LIST}`,
    };
  }
  const rest = content.slice(dot + 1);
  const nameEnd = rest.indexOf(':');
  const name = (nameEnd < 0 ? rest : rest.slice(0, nameEnd)).trim();
  if (name === '') {
    return { offset, message: `${source} has no name after "${prefix}."` };
  }
  if (/[{}]/.test(name)) {
    return { offset, message: `${source} has a brace in its name "${name}"` };
  }
  if (nameEnd < 0) return { kind: 'token', prefix, name, offset, source };
  const options = rest.slice(nameEnd);
  const marker = DEFAULT_MARKER.exec(options);
  if (marker === null) {
    return { offset, message: `${source}: after the name only ":default=text" may follow` };
  }
  return { kind: 'token', prefix, name, defaultText: options.slice(marker[0].length), offset, source };
}

function findEscapeProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (let at = text.indexOf('\\'); at >= 0; at = text.indexOf('\\', at + 2)) {
    const next = text.codePointAt(at + 1);
    if (next !== undefined && VALID_ESCAPES.has(String.fromCodePoint(next))) continue;
    const shown = next === undefined ? 'a "\\" at the end' : `"\\${describeChar(next)}"`;
    problems.push({
      offset: at,
      message:
        `Invalid escape ${shown}: only \\b \\t \\n \\f \\r \\\\ \\" \\' are allowed; ` +
        'Marketo would refuse to save this webhook',
    });
  }
  return problems;
}

function describeChar(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  // Control characters and line breaks would be invisible or break the message's line.
  return /[\p{Cc}\p{Z}]/u.test(char) ? `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}` : char;
}

function isTokenPrefix(value: string): value is TokenPrefix {
  return (TOKEN_PREFIXES as readonly string[]).includes(value);
}
