/**
 * The view secrets are searched in: case folded (a server that upper-cases an echo still echoes the secret),
 * compatibility-normalised (full-width letters), and without the characters a secret can be split by or hidden
 * behind: whitespace and line breaks (a wrapped line), control and format characters (a zero-width space, a bidi
 * mark, which a renderer may drop or a reader may not see). A secret is folded the same way.
 */
import type { TextView } from './text-view.js';
import { createIdentityView, endOf, startOf, ViewBuilder } from './text-view.js';

const DROPPED = /^[\s\p{Cc}\p{Cf}]$/u;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
// eslint-disable-next-line no-control-regex
const ASCII_DROPPED = /[\u0000-\u0020\u007f]+/g;

/** Folds `view` for searching. */
export function foldView(view: TextView): TextView {
  const { text } = view;
  // Without spans, ASCII text (the usual case) folds with two built-in string operations.
  if (!view.tracked && ASCII_ONLY.test(text)) {
    const folded = text.replace(ASCII_DROPPED, '').toLowerCase();
    return { text: folded, starts: [], ends: [], tracked: false, reachesEnd: view.reachesEnd };
  }
  const builder = new ViewBuilder(view.tracked);
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      // ASCII, the usual case, without a RegExp per character.
      if (code > 0x20 && code !== 0x7f) {
        const lower = code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : (text[index] ?? '');
        builder.push(lower, startOf(view, index), endOf(view, index));
      }
      index += 1;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldCodePoint(codePoint);
    if (folded !== '') builder.push(folded, startOf(view, index), endOf(view, index + width - 1));
    index += width;
  }
  return builder.build(view.reachesEnd);
}

/** Non-ASCII code points already folded: decoded binary runs are full of the same Latin-1 characters. */
const FOLDED = new Map<number, string>();

function foldCodePoint(codePoint: number): string {
  let folded = FOLDED.get(codePoint);
  if (folded === undefined) {
    const char = String.fromCodePoint(codePoint);
    folded = DROPPED.test(char) ? '' : char.normalize('NFKC').toLowerCase();
    if (FOLDED.size < 65_536) FOLDED.set(codePoint, folded);
  }
  return folded;
}

/** Folds a secret the way {@link foldView} folds a text. */
export function foldText(text: string): string {
  return foldView(createIdentityView(text, false)).text;
}
