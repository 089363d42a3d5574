/**
 * `expect.status` (SPEC section 2): `2xx`-style classes or exact statuses; any one pattern matching is enough.
 * An empty list means the default, `2xx`, so a list emptied by mistake does not accept every status.
 */
import type { StatusPattern } from '../contracts/contract.js';

const DEFAULT_PATTERNS: readonly StatusPattern[] = ['2xx'];

/** True when `status` matches any of `patterns` (an empty list means `2xx`). */
export function matchesStatus(status: number, patterns: readonly StatusPattern[]): boolean {
  return effectivePatterns(patterns).some((pattern) => matchesPattern(status, pattern));
}

/** Renders the patterns for messages: `2xx`, `200 or 201`, `200, 201 or 4xx`. */
export function describeStatusPatterns(patterns: readonly StatusPattern[]): string {
  const texts = effectivePatterns(patterns).map(String);
  const last = texts.pop() ?? '';
  return texts.length === 0 ? last : `${texts.join(', ')} or ${last}`;
}

/** True for a 2xx: only a 2xx response is parsed and mapped by Marketo. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

function matchesPattern(status: number, pattern: StatusPattern): boolean {
  if (typeof pattern === 'number') return status === pattern;
  const hundreds = Number(pattern.charAt(0)) * 100;
  return status >= hundreds && status <= hundreds + 99;
}

function effectivePatterns(patterns: readonly StatusPattern[]): readonly StatusPattern[] {
  return patterns.length === 0 ? DEFAULT_PATTERNS : patterns;
}
