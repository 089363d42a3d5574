import type { Sample, TokenPrefix, TokenValue } from '../contracts/contract.js';

/**
 * The sample's value for `{{prefix.name}}`: the exact name first, then the first name that matches
 * ignoring case (people write `{{lead.email address}}` for the field `Email Address`). `undefined`
 * when the sample has no such name. Only the sample's own keys count, so a token named `constructor`
 * or `__proto__` never reads from Object.prototype.
 */
export function lookupTokenValue(sample: Sample, prefix: TokenPrefix, name: string): TokenValue | undefined {
  const values = sample.values[prefix];
  if (values === undefined) return undefined;
  if (Object.hasOwn(values, name)) return values[name];
  const wanted = name.toLowerCase();
  const match = Object.keys(values).find((key) => key.toLowerCase() === wanted);
  return match === undefined ? undefined : values[match];
}
