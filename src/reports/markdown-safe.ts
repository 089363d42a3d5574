/**
 * Turns untrusted text (response bodies, failure messages, names from a pull request's contract file) into
 * Markdown that GitHub renders as the same plain text: no HTML, images, links, @mentions or #references, and
 * nothing that can end a table cell or row early.
 */
import { escapeControlCharacters } from '../contracts/escape-control-characters.js';

const ELLIPSIS = '…';

/** ASCII punctuation with a meaning in (GitHub-flavoured) Markdown, escaped with a backslash (CommonMark). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]<>()#+!|~&$]/g;

/** U+200D ZERO WIDTH JOINER: invisible, and it breaks GitHub's mention, reference and autolink patterns. */
const JOINER = '\u200d';

/**
 * Makes untrusted text one line that reads as what it is: line breaks and tabs become single spaces (a newline
 * would end the table row), and every other control or invisible character (bidi overrides, zero-width
 * characters, tag characters: text that reads differently from what it says) is shown as an escape, `\u202e`.
 */
export function collapseControlCharacters(text: string): string {
  return escapeControlCharacters(text, { lineBreaks: 'space' });
}

/**
 * Cuts `text` to at most `maxLength` code points, ending with `…` when cut. Never splits a surrogate pair.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= maxLength) return text;
  return codePoints.slice(0, Math.max(0, maxLength - 1)).join('') + ELLIPSIS;
}

/**
 * Escapes untrusted text for a Markdown table cell (outside a code span): line breaks become spaces and other
 * control and invisible characters visible escapes,
 * Markdown punctuation is backslash-escaped (`|` included, so the row keeps its cells), and `@name`, `#123`,
 * `GH-123`, `http://` and `www.` get an invisible joiner so GitHub links nothing and notifies no one.
 *
 * @param maxLength - cut the text (before escaping) to this many code points, with an ellipsis.
 */
export function escapeMarkdownText(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const plain = truncateText(collapseControlCharacters(text), maxLength);
  return defuseAutolinks(plain.replace(MARKDOWN_PUNCTUATION, '\\$&'));
}

/**
 * Puts untrusted text in a code span for a Markdown table cell: line breaks become spaces and other control and
 * invisible characters visible escapes, the text is
 * cut to `maxLength` code points (default 80) with an ellipsis, and the backtick fence is longer than any
 * backtick run inside. GitHub shows code spans literally (no HTML, mentions or references), but it splits table
 * cells before parsing code spans, so every `|` is still escaped (GitHub removes the backslash again).
 * Returns an empty string for empty text.
 */
export function formatCodeSpan(text: string, maxLength = 80): string {
  const plain = truncateText(collapseControlCharacters(text), maxLength);
  if (plain.length === 0) return '';
  const longestRun = measureLongestBacktickRun(plain);
  const fence = '`'.repeat(longestRun + 1);
  // Spaces on both sides: CommonMark strips one from each side, and a leading or trailing backtick in the
  // text can then never merge with the fence.
  return `${fence} ${escapePipesInCodeSpan(plain)} ${fence}`;
}

/**
 * GitHub's table scanner reads a backslash and the character after it as a pair, so a `|` splits the row
 * unless an odd number of backslashes precedes it. Inside a code span the backslashes are otherwise literal:
 * GitHub then removes one backslash before each `|`. With an even run of backslashes in the text one more
 * makes it odd and the text shows exactly; with an odd run two more are needed and one extra backslash shows.
 */
function escapePipesInCodeSpan(text: string): string {
  return text.replace(/(\\*)\|/g, (_match, run: string) => `${run}${run.length % 2 === 0 ? '\\' : '\\\\'}|`);
}

function defuseAutolinks(text: string): string {
  return text
    .replace(/@/g, `@${JOINER}`)
    .replace(/#/g, `#${JOINER}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${JOINER}-`)
    .replace(/:\/\//g, `:${JOINER}//`)
    .replace(/\b(www)\./gi, `$1${JOINER}.`);
}

/**
 * Makes a URL safe as a Markdown link destination: only `http:` and `https:` URLs are kept (undefined
 * otherwise), and characters that could end the destination are percent-encoded.
 */
export function sanitizeLinkUrl(url: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(
    /[()<>[\]"'`\\|]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The longest run of backticks in `text` (0 when none), for a code fence that nothing inside can close. */
export function measureLongestBacktickRun(text: string): number {
  // A loop, not Math.max(...matches): a long text of single backticks would pass too many arguments.
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}
