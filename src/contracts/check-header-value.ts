/**
 * Which header values HTTP can carry. The rule is undici's (`isValidHeaderValue` in lib/core/util.js, lifted
 * from Node's `_http_common`): tab, printable ASCII and U+0080–U+00FF, since a header goes on the wire as
 * Latin-1. undici throws on anything else only when the request is built, which a run would report as a
 * `network` failure of every check of the webhook; the loader reports it as a contract problem instead.
 */
import { listEnvReferences } from './interpolate-env.js';
import type { InterpolationProblem } from './interpolate-env.js';

const INVALID_HEADER_VALUE_CHARACTER = /[^\t\x20-\x7e\x80-\xff]/;

/** Why HTTP cannot carry it, said once for every message. */
const RULE = 'an HTTP header value can hold only tab, printable ASCII and Latin-1 characters';

/** True when undici would send `value` as a header value. */
export function isValidHeaderValue(value: string): boolean {
  return !INVALID_HEADER_VALUE_CHARACTER.test(value);
}

/**
 * Checks a header value as written in the contract (before `${NAME}` substitution) against `env`.
 *
 * A variable's value is a secret: a problem in it names the variable and the kind of character, never the value
 * nor the character. A problem in the written text around the variables names the character, which is the
 * contract's own text. Offsets are in `written`; unset or empty variables are left to the substitution's own
 * problems.
 */
export function checkHeaderValue(
  written: string,
  env: Readonly<Record<string, string | undefined>>,
): InterpolationProblem[] {
  const references = listEnvReferences(written);
  if (references.length === 0 && isValidHeaderValue(written)) return [];
  const problems: InterpolationProblem[] = [];
  let literalStart = 0;
  const checkLiteral = (end: number): void => {
    const literal = written.slice(literalStart, end);
    const at = literal.search(INVALID_HEADER_VALUE_CHARACTER);
    if (at < 0) return;
    const codePoint = literal.codePointAt(at) ?? 0;
    problems.push({
      offset: literalStart + at,
      message: `${describeCharacter(codePoint)} (${formatCodePoint(codePoint)}) cannot be sent: ${RULE}`,
    });
  };
  for (const reference of references) {
    checkLiteral(reference.offset);
    literalStart = reference.offset + reference.length;
    const value = env[reference.name];
    if (value === undefined) continue;
    const at = value.search(INVALID_HEADER_VALUE_CHARACTER);
    if (at < 0) continue;
    problems.push({
      offset: reference.offset,
      message:
        `the value of environment variable ${reference.name} holds ${describeCharacter(value.codePointAt(at) ?? 0)}, ` +
        `which cannot be sent: ${RULE} (the value is a secret, so it is not shown)`,
    });
  }
  checkLiteral(written.length);
  return problems;
}

/** The kind of a refused character, precise enough to find it without showing it. */
function describeCharacter(codePoint: number): string {
  if (codePoint === 0x0a || codePoint === 0x0d) return 'a line break';
  if (codePoint === 0) return 'a NUL character';
  if (codePoint < 0x20 || codePoint === 0x7f) return 'a control character';
  return 'a character outside Latin-1';
}

function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
