/** One sample's token values: prefixes matched ignoring case, `${NAME}` substituted, located problems. */
import { TOKEN_PREFIXES } from './contract.js';
import type { TokenPrefix, TokenValue } from './contract.js';
import { isOneOf, isRecord, report, substituteEnv, suggestFor } from './load-context.js';
import type { Context, Json } from './load-context.js';
import { formatValuePath } from './value-path.js';
import type { ValuePath } from './value-path.js';

export type SampleValues = Partial<Record<TokenPrefix, Record<string, TokenValue>>>;

/** Every prefix valid and lower-case (so once only) and every token value a plain value with no `${NAME}`. */
export function isPlainSample(sample: Json): sample is SampleValues {
  for (const prefix in sample) {
    if (!Object.hasOwn(sample, prefix) || !isOneOf(TOKEN_PREFIXES, prefix)) return false;
    const tokens = sample[prefix];
    if (!isRecord(tokens)) return false;
    for (const token in tokens) {
      if (!Object.hasOwn(tokens, token)) return false;
      const value = tokens[token];
      if (typeof value === 'string' ? value.includes('${') : !isPlainTokenValue(value)) return false;
    }
  }
  return true;
}

export function isPlainTokenValue(value: unknown): value is TokenValue {
  return typeof value === 'number' || typeof value === 'boolean' || value === null;
}

/** Sets `tokens[token]` as an own property, even for a token named `__proto__`. */
export function setToken(tokens: Record<string, TokenValue>, token: string, value: TokenValue): void {
  if (token === '__proto__') {
    Object.defineProperty(tokens, token, { value, enumerable: true, writable: true, configurable: true });
  } else {
    tokens[token] = value;
  }
}

/**
 * Prefixes matched ignoring case, `${NAME}` substituted, other values dropped; problems reported.
 * @param samplePath where the sample is written (in the contract, or in a JSON data file)
 */
export function readSampleValues(context: Context, samplePath: ValuePath, sampleRaw: unknown): SampleValues {
  const values: SampleValues = {};
  // How each prefix was spelled, for the "appears twice" problem (most samples have one prefix).
  let spelled: Map<TokenPrefix, string> | undefined;
  for (const [prefixKey, tokensRaw] of Object.entries(isRecord(sampleRaw) ? sampleRaw : {})) {
    const path = (): ValuePath => [...samplePath, prefixKey];
    const prefix = prefixKey.toLowerCase();
    if (!isOneOf(TOKEN_PREFIXES, prefix)) {
      report(
        context,
        path(),
        `unknown token prefix "${prefixKey}" in ${formatValuePath(samplePath)}: use one of ${TOKEN_PREFIXES.join(', ')}${suggestFor(context, prefixKey, TOKEN_PREFIXES)}`,
        'key',
      );
      continue;
    }
    const earlier = spelled?.get(prefix);
    if (earlier !== undefined) {
      report(
        context,
        path(),
        `token prefix "${prefixKey}" appears twice in ${formatValuePath(samplePath)} (also as "${earlier}"): prefixes ignore letter case, so merge them`,
        'key',
      );
      continue;
    }
    spelled ??= new Map();
    spelled.set(prefix, prefixKey);
    const tokens: Record<string, TokenValue> = {};
    for (const [token, value] of Object.entries(isRecord(tokensRaw) ? tokensRaw : {})) {
      let kept: TokenValue;
      if (typeof value === 'string' && !value.includes('${')) kept = value;
      else if (typeof value === 'string') kept = substituteEnv(context, value, [...path(), token]).text;
      else if (isPlainTokenValue(value)) kept = value;
      else continue;
      setToken(tokens, token, kept);
    }
    values[prefix] = tokens;
  }
  return values;
}
