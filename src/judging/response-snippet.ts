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
  const whole = window.length === body.length;
  // stream: true holds back a multi-byte sequence cut by the window instead of turning it into U+FFFD; a streaming
  // decoder keeps that state, so it is made for the call, while the whole-body decoder can be shared.
  const text = whole
    ? WHOLE_DECODER.decode(window)
    : new TextDecoder('utf-8').decode(window, { stream: true });
  // Fewer UTF-16 units than maxChars means fewer code points too: no need to count them (the common case).
  if (whole && text.length <= maxChars) return text;
  const chars = [...text];
  if (chars.length <= maxChars && whole) return text;
  return `${chars.slice(0, maxChars - 1).join('')}…`;
}

const WHOLE_DECODER = new TextDecoder('utf-8');
