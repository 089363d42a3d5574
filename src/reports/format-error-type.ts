import type { CheckResult } from '../judging/check-result.js';

/**
 * What the "Error type" column shows. Marketo's Error Type is the reason phrase of a call that did not succeed,
 * so a 2xx (even one whose body failed a mapping, or an empty 1001) shows nothing: `OK` on a failing row reads
 * as if the call had worked. A non-2xx shows its status and phrase (`500 Internal Server Error`), a redirect
 * where it points (`302 Found → /score`), a network failure its code (`ECONNREFUSED`). Plain text: the caller
 * escapes it for its sink. Undefined when there is nothing to show.
 */
export function formatErrorType(check: CheckResult): string | undefined {
  const phrase = check.errorType === null || check.errorType === '' ? undefined : check.errorType;
  if (check.status === null) return phrase;
  if (check.status >= 200 && check.status <= 299) return undefined;
  const answer = phrase === undefined ? String(check.status) : `${check.status} ${phrase}`;
  return check.location === undefined ? answer : `${answer} → ${check.location}`;
}
