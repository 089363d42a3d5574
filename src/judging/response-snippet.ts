/**
 * The start of a response body as text, for reports (Marketo's trigger exposes the literal *Response*). The text
 * is untrusted: secrets are masked before it is cut (so a cut cannot leave part of one), renderers escape it.
 */
import type { RedactText } from './redact-then-cut.js';
import { NO_REDACTION, redactThenCut, WINDOW_UNITS_PER_CHAR } from './redact-then-cut.js';

/** The longest snippet, in code points, the ellipsis included. */
export const MAX_SNIPPET_CHARS = 300;

export interface SnippetOptions {
  /** Default {@link MAX_SNIPPET_CHARS}. */
  readonly maxChars?: number;
  /** The run's redactor; applied before the cut. */
  readonly redact?: RedactText;
}

/**
 * Decodes the start of `body` as UTF-8 (invalid bytes become U+FFFD), masks secrets and cuts it to `maxChars` code
 * points, ending in `…` when cut. Returns undefined for an empty body.
 */
export function makeResponseSnippet(body: Uint8Array, options: SnippetOptions = {}): string | undefined {
  const maxChars = options.maxChars ?? MAX_SNIPPET_CHARS;
  if (body.length === 0 || maxChars <= 0) return undefined;
  // A UTF-16 unit takes at most 3 bytes: decode what the redactor reads, plus one byte to know whether there is more.
  const window = body.subarray(0, maxChars * WINDOW_UNITS_PER_CHAR * 3 + 1);
  const whole = window.length === body.length;
  // stream: true holds back a multi-byte sequence cut by the window instead of turning it into U+FFFD; a streaming
  // decoder keeps that state, so it is made for the call, while the whole-body decoder can be shared.
  const text = whole
    ? WHOLE_DECODER.decode(window)
    : new TextDecoder('utf-8').decode(window, { stream: true });
  // When the body goes on past the decoded bytes, the text is cut however short it reads.
  return redactThenCut(text, maxChars, options.redact ?? NO_REDACTION, !whole);
}

const WHOLE_DECODER = new TextDecoder('utf-8');
