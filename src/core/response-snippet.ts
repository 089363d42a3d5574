/**
 * The start of a response body as text, for reports (Marketo's trigger exposes the literal *Response*). The text
 * is untrusted: renderers escape it; this module only bounds its size.
 */

/** The longest snippet, in code points, the ellipsis included. */
export const MAX_SNIPPET_CHARS = 300;

/**
 * Decodes the start of `body` as UTF-8 (invalid bytes become U+FFFD) and cuts it to `maxChars` code points,
 * ending in `…` when cut. Returns undefined for an empty body.
 */
export function makeResponseSnippet(
  body: Uint8Array,
  maxChars: number = MAX_SNIPPET_CHARS,
): string | undefined {
  if (body.length === 0 || maxChars <= 0) return undefined;
  // A code point is at most 4 bytes: decode only what can show, plus one byte to know whether there is more.
  const window = body.subarray(0, maxChars * 4 + 1);
  // stream: true holds back a multi-byte sequence cut by the window instead of turning it into U+FFFD.
  const text = new TextDecoder('utf-8').decode(window, { stream: window.length < body.length });
  const chars = [...text];
  if (chars.length <= maxChars && window.length === body.length) return text;
  return `${chars.slice(0, maxChars - 1).join('')}…`;
}
