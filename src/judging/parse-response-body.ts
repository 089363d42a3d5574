/**
 * Parses a response body by the webhook's DECLARED response type, never by its Content-Type: Marketo does the
 * same (SPEC section 1), so a JSON body served as `text/html` still parses, and an HTML error page served as
 * `application/json` does not.
 *
 * Decisions:
 * - Bytes are read as UTF-8. Invalid sequences become U+FFFD and the body is still parsed, with a warning: the
 *   JSON/XML structure usually survives, and the warning tells the user their service sends bad bytes. A
 *   leading byte order mark is skipped.
 * - XML: `fast-xml-parser` validates, then parses with attributes ignored and every value kept as text. Entity
 *   processing is off in the parser (no DOCTYPE expansion, so no entity bombs); the five predefined entities and
 *   numeric character references are decoded here, other references are left as written. Exactly one root
 *   element is required.
 * - Nesting deeper than MAX_BODY_NESTING (measured in one pass before parsing, see measure-nesting) is
 *   unparseable: what comes after parsing (schema validation, our tree walks) recurses.
 * - JSON numbers keep their text when parsing changed it (exact-json), for webhooks with mappings: Integer fields
 *   are judged exactly. Without mappings nothing reads it, and the plain parse is several times faster.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ResponseType } from '../contracts/contract.js';
import type { XmlElement } from './xml-element.js';
import { parseJsonKeepingNumbers } from './exact-json.js';
import type { NumberSources } from './exact-json.js';
import { isJsonNestedDeeperThan, isXmlNestedDeeperThan, MAX_BODY_NESTING } from './measure-nesting.js';

/** A parsed body, tagged by the type it was parsed as. */
export type ParsedBody =
  | { readonly type: 'none' }
  | { readonly type: 'json'; readonly value: unknown; readonly sources?: NumberSources }
  | { readonly type: 'xml'; readonly value: XmlElement };

export type ParseResult =
  | { readonly ok: true; readonly value: ParsedBody; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

export interface ParseOptions {
  /** Keep the text of JSON numbers that parsing changed (for mappings). */
  readonly keepNumberText?: boolean;
}

const TOO_DEEP = `nested deeper than ${MAX_BODY_NESTING} levels`;

/** Parses `bytes` as the declared response type; `none` parses nothing. */
export function parseResponseBody(
  bytes: Uint8Array,
  type: ResponseType,
  options: ParseOptions = {},
): ParseResult {
  if (type === 'none') return { ok: true, value: { type: 'none' }, warnings: [] };
  if (type === 'json' && isJsonNestedDeeperThan(bytes, MAX_BODY_NESTING))
    return { ok: false, error: TOO_DEEP };
  const { text, warnings } = decodeUtf8(bytes);
  if (type === 'json') {
    try {
      if (options.keepNumberText !== true) {
        return { ok: true, value: { type: 'json', value: JSON.parse(text) as unknown }, warnings };
      }
      const { value, sources } = parseJsonKeepingNumbers(text);
      return { ok: true, value: { type: 'json', value, sources }, warnings };
    } catch (error) {
      return { ok: false, error: `not valid JSON: ${withoutExcerpt(describeError(error))}` };
    }
  }
  const parsed = parseXml(text);
  return parsed.ok ? { ok: true, value: { type: 'xml', value: parsed.root }, warnings } : parsed;
}

// Shared: without `stream`, a decoder keeps no state from one call to the next.
const STRICT_DECODER = new TextDecoder('utf-8', { fatal: true });
const LENIENT_DECODER = new TextDecoder('utf-8');
const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** Decodes UTF-8 with replacement characters, warning when any were needed. */
export function decodeUtf8(bytes: Uint8Array): { text: string; warnings: readonly string[] } {
  try {
    return { text: STRICT_DECODER.decode(bytes), warnings: NO_WARNINGS };
  } catch {
    return {
      text: LENIENT_DECODER.decode(bytes),
      warnings: ['the response body is not valid UTF-8: invalid bytes were read as U+FFFD'],
    };
  }
}

/** One node of fast-xml-parser's `preserveOrder` output: `{ tag: children }`, `{ '#text': s }`, `{ '#cdata': [...] }`. */
type OrderedNode = Readonly<Record<string, unknown>>;

const TEXT = '#text';
const CDATA = '#cdata';

function parseXml(text: string): { ok: true; root: XmlElement } | { ok: false; error: string } {
  if (isXmlNestedDeeperThan(text, MAX_BODY_NESTING)) return { ok: false, error: TOO_DEEP };
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    return {
      ok: false,
      error: `not valid XML: ${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`,
    };
  }
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      parseTagValue: false,
      trimValues: false,
      processEntities: false,
      cdataPropName: CDATA,
      // The pre-scan already refused deeper bodies; the parser's own limit (default 100) must not be lower.
      maxNestedTags: MAX_BODY_NESTING + 1,
    });
    const nodes = parser.parse(text) as unknown;
    const roots = Array.isArray(nodes) ? toElements(nodes as readonly OrderedNode[]) : [];
    const [root] = roots;
    if (root === undefined) return { ok: false, error: 'not valid XML: no root element' };
    if (roots.length > 1)
      return { ok: false, error: `not valid XML: ${roots.length} root elements, expected one` };
    return { ok: true, root };
  } catch (error) {
    return { ok: false, error: `not valid XML: ${describeError(error)}` };
  }
}

function toElements(nodes: readonly OrderedNode[]): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const name = tagName(node);
    if (name === undefined) continue;
    const children = node[name];
    elements.push(toElement(name, Array.isArray(children) ? (children as readonly OrderedNode[]) : []));
  }
  return elements;
}

function toElement(name: string, nodes: readonly OrderedNode[]): XmlElement {
  let text = '';
  for (const node of nodes) {
    const own = node[TEXT];
    if (typeof own === 'string') text += decodeXmlReferences(own);
    const cdata = node[CDATA];
    if (Array.isArray(cdata)) {
      for (const part of cdata as readonly OrderedNode[]) {
        const raw = part[TEXT];
        if (typeof raw === 'string') text += raw;
      }
    }
  }
  // Trimmed: indentation in pretty-printed XML is layout, not data.
  return { name, text: text.trim(), children: toElements(nodes) };
}

function tagName(node: OrderedNode): string | undefined {
  // ':@' holds attributes (ignored, but present in some versions' output).
  return Object.keys(node).find((key) => key !== TEXT && key !== CDATA && key !== ':@');
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlReferences(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED[ref] ?? whole;
    const code = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && code !== 0
      ? String.fromCodePoint(code)
      : whole;
  });
}

/**
 * V8 quotes ten characters of the body, cut (`Unexpected token 's', "sEcR3t&Key"... is not valid JSON`): a cut no
 * redaction can recognise as part of a secret. The message keeps the token when it is punctuation (`'<'` says
 * "HTML"); the snippet shows the body, redacted before it is cut.
 */
function withoutExcerpt(message: string): string {
  const match = /^Unexpected token '(.{1,2})', (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su.exec(message);
  if (match === null) return message;
  const token = match[1] ?? '';
  return /^[\p{L}\p{N}]/u.test(token)
    ? 'unexpected text where a JSON value should start'
    : `Unexpected token '${token}'`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
