/**
 * Control characters in a contract file. YAML forbids most of them anywhere in a file and js-yaml refuses the
 * whole file at the first one; a hostile key full of escape sequences is better reported as what it is (an
 * unknown key, shown escaped) together with every other problem. So each is swapped, before parsing, for a
 * private-use character of the same length (offsets, hence locations, stay exact) and swapped back in the value.
 */

// C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL: what YAML does not allow.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
const MASKED = /[\uf700-\uf79f]/g;
const MASK_BASE = 0xf700;

const mask = (character: string): string => String.fromCharCode(MASK_BASE + character.charCodeAt(0));
const unmask = (character: string): string => String.fromCharCode(character.charCodeAt(0) - MASK_BASE);

export interface MaskedText {
  readonly text: string;
  /** False when nothing was swapped: the value needs no unmasking. */
  readonly masked: boolean;
}

/**
 * Swaps the forbidden characters of `text`. A text that already holds the private-use characters used as masks
 * is left as it is (js-yaml then refuses it, located): swapping back could not tell the two apart.
 */
export function maskControlCharacters(text: string): MaskedText {
  FORBIDDEN.lastIndex = 0;
  if (!FORBIDDEN.test(text)) return { text, masked: false };
  MASKED.lastIndex = 0;
  if (MASKED.test(text)) return { text, masked: false };
  return { text: text.replace(FORBIDDEN, mask), masked: true };
}

/** A key of the value as it is spelled in the masked source. */
export function maskKey(key: string): string {
  return key.replace(FORBIDDEN, mask);
}

/** The value with every masked character of its strings and keys swapped back; shared objects stay shared. */
export function unmaskValue(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return value.replace(MASKED, unmask);
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    seen.set(value, items);
    for (const item of value as unknown[]) items.push(unmaskValue(item, seen));
    return items;
  }
  const entries: Record<string, unknown> = {};
  seen.set(value, entries);
  for (const [key, item] of Object.entries(value)) {
    // defineProperty: a key named `__proto__` stays an own key.
    Object.defineProperty(entries, key.replace(MASKED, unmask), {
      value: unmaskValue(item, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return entries;
}
