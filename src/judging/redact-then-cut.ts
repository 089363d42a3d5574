/**
 * Untrusted text that is shown cut (response snippets, value previews) is redacted BEFORE it is cut: a cut made
 * first could fall inside a secret and leave its start, which no later redaction recognises (`sEcR3t&Ke…`).
 */

/**
 * Masks secrets in an untrusted text: the run's redactor (src/reports/redaction/redact-secrets.ts), handed in by the engine.
 * `truncated`: the text is the start of a longer one, so its end may hold the start of a secret.
 */
export type RedactText = (text: string, options?: { readonly truncated?: boolean }) => string;

/** For a run that reads no secret. */
export const NO_REDACTION: RedactText = (text) => text;

/**
 * How much is redacted, in UTF-16 units per character shown: twice as many, so what lies just past the cut is read
 * too and a secret across it is seen whole.
 */
export const WINDOW_UNITS_PER_CHAR = 2;

/**
 * Redacts the start of `text` and cuts the result to `maxChars` code points, ending in `…` when cut. Only a window
 * of the text is read (a 1 MiB value costs no more than a short one); a secret that runs past the window is masked
 * from where it starts, so no prefix of it shows. `more`: the text is itself the start of a longer one.
 */
export function redactThenCut(text: string, maxChars: number, redact: RedactText, more = false): string {
  const units = maxChars * WINDOW_UNITS_PER_CHAR;
  let window = text.length > units ? text.slice(0, units) : text;
  // Never end the window on half a surrogate pair.
  if (window.length < text.length && /[\uD800-\uDBFF]$/.test(window)) window = window.slice(0, -1);
  const truncated = more || window.length < text.length;
  return cutToChars(redact(window, truncated ? { truncated } : undefined), maxChars, truncated);
}

/** Cuts `text` to `maxChars` code points, ending in `…` when cut or when `more` says the text went on. */
export function cutToChars(text: string, maxChars: number, more = false): string {
  // Fewer UTF-16 units than maxChars means fewer code points too: no need to count them (the common case).
  if (!more && text.length <= maxChars) return text;
  const chars = [...text];
  if (!more && chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
