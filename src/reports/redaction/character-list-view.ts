/**
 * A text written one character at a time as a list: `['s', 'k', '_']` (Python's `list(secret)`), `["s","k"]`
 * (JSON of an array of characters), `s,k,_,l`, or characters spelled one by one in any escape once decoded
 * (`&#115;, &#107;`). The view keeps the characters of each such list and leaves out the quotes and separators,
 * so the list reads as the text it spells. Folding (fold-view.ts) already joins characters apart by whitespace.
 * Linear: a list is read item by item, and a try that finds fewer than MIN_ITEMS costs at most that many items.
 */
import type { TextView } from './text-view.js';
import { ViewBuilder } from './text-view.js';

/** One character, quoted (any character, a quote too) or not (no separator, no whitespace). Groups 2, 3. */
const ITEM = /(["'`])([\uD800-\uDBFF][\uDC00-\uDFFF]|[^])\1|([\uD800-\uDBFF][\uDC00-\uDFFF]|[^\s,;|])/uy;
/** Between items: a separator, or several (an item that was a space, dropped by decoding or folding). */
const SEPARATOR = /(?:\s*[,;|])+\s*/y;
const MIN_ITEMS = 4;
/**
 * Three separators each at most 6 characters after the one before: what a list of MIN_ITEMS single characters
 * needs (`'a', 'b'` has 4 between). Texts without it (most JSON, prose) are not read item by item at all.
 */
const LIST_HINT = /[,;|](?:[^,;|]{0,6}[,;|]){2}/;

/**
 * The views of `view` with its character lists joined; none when it has none (most texts). A quote may be an item
 * of its own or quote the next one (`" "` after `"`), so lists are read both ways: quotes first, and a quote
 * followed by a separator or a space as an item.
 */
export function joinCharacterLists(view: TextView): TextView[] {
  const { text } = view;
  if (!LIST_HINT.test(text)) return [];
  const views: TextView[] = [];
  for (const quoteAlone of [false, true]) {
    const joined = joinLists(view, quoteAlone);
    if (joined !== undefined && !views.some((other) => other.text === joined.text)) views.push(joined);
  }
  return views;
}

function joinLists(view: TextView, quoteAlone: boolean): TextView | undefined {
  const { text } = view;
  let builder: ViewBuilder | undefined;
  let copiedTo = 0;
  let index = 0;
  while (index < text.length) {
    // A list starts with an item followed by a separator or a space: most places are ruled out by one look.
    const quoted = isQuote(text.charCodeAt(index)) && text[index + 2] === text[index];
    const width = (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
    const next = isSeparatorOrSpace(text.charCodeAt(index + width));
    if (!next && !(quoted && isSeparatorOrSpace(text.charCodeAt(index + 3)))) {
      index += 1;
      continue;
    }
    const items = readList(text, index, quoteAlone);
    if (items.length < MIN_ITEMS) {
      index += 1;
      continue;
    }
    builder ??= new ViewBuilder(view.tracked);
    builder.copy(view, copiedTo, index);
    for (const [from, to] of items) builder.copy(view, from, to);
    index = copiedTo = items.at(-1)?.[2] ?? index + 1;
  }
  if (builder === undefined) return undefined;
  builder.copy(view, copiedTo, text.length);
  return builder.build(view.reachesEnd);
}

/** The items of the list that starts at `index`: [character from, character to, item end]. */
function readList(text: string, index: number, quoteAlone: boolean): (readonly [number, number, number])[] {
  const items: (readonly [number, number, number])[] = [];
  let at = index;
  for (;;) {
    if (
      quoteAlone &&
      isQuote(text.charCodeAt(at)) &&
      (at + 1 === text.length || isSeparatorOrSpace(text.charCodeAt(at + 1)))
    ) {
      items.push([at, at + 1, at + 1]);
    } else {
      ITEM.lastIndex = at;
      const item = ITEM.exec(text);
      if (item === null) break;
      const char = item[2] ?? item[3] ?? '';
      const from = item[2] === undefined ? at : at + 1;
      items.push([from, from + char.length, at + item[0].length]);
    }
    SEPARATOR.lastIndex = items.at(-1)?.[2] ?? at;
    if (!SEPARATOR.test(text)) break;
    at = SEPARATOR.lastIndex;
  }
  return items;
}

function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27 || code === 0x60;
}

function isSeparatorOrSpace(code: number): boolean {
  return code === 0x2c || code === 0x3b || code === 0x7c || code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
