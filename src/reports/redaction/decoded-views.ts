/**
 * The decodings of a text that secrets are looked for in: one escape family at a time and all together, layer
 * after layer, breadth first, each distinct text once, within a budget.
 */
import type { TextView } from './text-view.js';
import { createIdentityView } from './text-view.js';
import { ESCAPE_FAMILIES, mayHoldEscapes, SECRET_ESCAPE_FAMILIES, unescapeView } from './unescape-view.js';

/** Escape layers undone at most (double URL-encoding needs two; more is rare, and each pass only shrinks). */
const MAX_UNESCAPE_PASSES = 8;
/** Decoded views of one text at most: layers of different escapes may be undone in several orders. */
const MAX_DECODED_VIEWS = 24;

/** The text and its decodings, one escape family at a time and all together, layer after layer. */
export function listDecodedViews(view: TextView): TextView[] {
  const views: TextView[] = [];
  const seen = new Set<string>([view.text]);
  const queue = [{ view, depth: 0 }];
  while (queue.length > 0 && views.length < MAX_DECODED_VIEWS) {
    const next = queue.shift();
    if (next === undefined) break;
    views.push(next.view);
    if (next.depth >= MAX_UNESCAPE_PASSES) continue;
    const present = ESCAPE_FAMILIES.filter((family) => mayHoldEscapes(next.view.text, family));
    const choices = present.length > 1 ? [...present.map((family) => [family]), present] : [present];
    for (const families of choices) {
      if (families.length === 0) continue;
      const decoded = unescapeView(next.view, families);
      if (decoded === undefined || seen.has(decoded.text)) continue;
      seen.add(decoded.text);
      queue.push({ view: decoded, depth: next.depth + 1 });
    }
  }
  // Past the cap, the views still waiting are read as they are.
  for (const rest of queue.slice(0, MAX_DECODED_VIEWS / 4)) views.push(rest.view);
  return views;
}

/** The secret with every escape layer undone: how a server that decodes before echoing writes it. */
export function decodeFully(secret: string): string {
  let view = createIdentityView(secret);
  for (let pass = 0; pass < MAX_UNESCAPE_PASSES; pass += 1) {
    const next = unescapeView(view, SECRET_ESCAPE_FAMILIES);
    if (next === undefined) break;
    view = next;
  }
  return view.text;
}
