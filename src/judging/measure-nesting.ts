/**
 * Nesting depth of a response body, measured in one linear pass before anything recursive touches it. JSON.parse
 * copes with any depth, but schema validation, JSON.stringify, fast-xml-parser (quadratic in depth) and our own
 * tree walks recurse: a body of 400,000 nested `[` overflowed the stack. A body nested deeper than
 * {@link MAX_BODY_NESTING} is `unparseable` for its check instead; real webhook responses nest a few levels.
 */

/** The deepest nesting a JSON or XML body may have; deeper is reported as unparseable. */
export const MAX_BODY_NESTING = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether the JSON in `bytes` (UTF-8) nests arrays and objects deeper than `max`. Brackets inside strings do not
 * count. Invalid JSON is measured as far as it goes: JSON.parse reports what is wrong with it.
 */
export function isJsonNestedDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  // Bytes, not characters: every byte of a multi-byte UTF-8 sequence is >= 0x80, so none is mistaken for ASCII.
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) depth -= 1;
  }
  return false;
}

/**
 * Whether the XML in `text` nests elements deeper than `max`. Comments, CDATA sections, processing instructions,
 * declarations and quoted attribute values are skipped, so a `<` inside them does not count; a self-closing
 * element does not nest. Malformed XML is measured as far as it goes: the validator reports what is wrong.
 */
export function isXmlNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let index = text.indexOf('<');
  while (index !== -1) {
    const next = text.charAt(index + 1);
    if (text.startsWith('<!--', index)) index = skipPast(text, index, '-->');
    else if (text.startsWith('<![CDATA[', index)) index = skipPast(text, index, ']]>');
    else if (next === '?') index = skipPast(text, index, '?>');
    else if (next === '!') index = skipDeclaration(text, index);
    else if (next === '/') {
      depth -= 1;
      index = skipPast(text, index, '>');
    } else {
      const end = findTagEnd(text, index);
      if (end === -1) return false;
      if (text.charAt(end - 1) !== '/') {
        depth += 1;
        if (depth > max) return true;
      }
      index = end + 1;
    }
    if (index === -1) return false;
    index = text.indexOf('<', index);
  }
  return false;
}

/** The index just past `terminator` after `from`, or -1 when it never comes. */
function skipPast(text: string, from: number, terminator: string): number {
  const found = text.indexOf(terminator, from);
  return found === -1 ? -1 : found + terminator.length;
}

/** Past a `<!DOCTYPE ...>`, including an internal subset in `[...]`. */
function skipDeclaration(text: string, from: number): number {
  const close = text.indexOf('>', from);
  const open = text.indexOf('[', from);
  if (open !== -1 && (close === -1 || open < close)) {
    const subsetEnd = skipPast(text, open, ']');
    return subsetEnd === -1 ? -1 : skipPast(text, subsetEnd, '>');
  }
  return close === -1 ? -1 : close + 1;
}

/** The index of the `>` that ends the tag starting at `from`, skipping quoted attribute values; -1 if none. */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  for (let index = from + 1; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (quote !== '') {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '>') return index;
  }
  return -1;
}
