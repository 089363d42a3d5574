/**
 * The key a mapping entry has in the JavaScript value js-yaml builds: its scalar resolved by the schema and
 * turned into a string (js-yaml's object maps stringify keys, so `1:` and `"1":` are the same key).
 */
import { constructFromEvents, EVENT_ID, getScalarValue, SCALAR_STYLE } from 'js-yaml';
import type { Event, Schema } from 'js-yaml';
import type { YamlEventTree } from './yaml-event-tree.js';

/**
 * Plain scalars the core schema may read as something other than a string: numbers, booleans, null, `.inf`.
 * Any other plain key is its own text, without asking the schema.
 */
const MAYBE_NOT_A_STRING = /^(?:[-+.0-9~]|(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)/;

// Made when first needed, not at load: js-yaml is loaded on demand (a command that reads no contract never loads it).
let frame: { readonly document: Event; readonly pop: Event } | undefined;
const readFrame = (): { readonly document: Event; readonly pop: Event } =>
  (frame ??= {
    document: { type: EVENT_ID.DOCUMENT, explicitStart: false, explicitEnd: false, directives: [] },
    pop: { type: EVENT_ID.POP },
  });

/** The string key the event at `index` stands for, or undefined for a collection key (`? [a, b]`). */
export function readKeyText(
  tree: YamlEventTree,
  index: number,
  source: string,
  schema: Schema,
): string | undefined {
  let at = index;
  let event = tree.events[at];
  if (event?.type === EVENT_ID.ALIAS) {
    at = tree.aliasTargets[at] ?? -1;
    event = tree.events[at];
  }
  if (event?.type !== EVENT_ID.SCALAR) return undefined;
  if (event.valueStart === -1 && event.tagStart === -1) return 'null';
  const text = getScalarValue(source, event);
  const plain = event.style === SCALAR_STYLE.PLAIN;
  if (event.tagStart === -1 && !(plain && MAYBE_NOT_A_STRING.test(text))) return text;
  // The schema's own reading of this one scalar (rare: a number, boolean, null or tagged key).
  const scalar: Event = { ...event, anchorStart: -1, anchorEnd: -1 };
  try {
    const { document, pop } = readFrame();
    const [value] = constructFromEvents([document, scalar, pop], { source, schema });
    return String(value);
  } catch {
    return text;
  }
}

/** A YAML merge key: the plain, untagged scalar `<<`. */
export function isMergeKey(tree: YamlEventTree, index: number, source: string): boolean {
  const event = tree.events[index];
  return (
    event?.type === EVENT_ID.SCALAR &&
    event.style === SCALAR_STYLE.PLAIN &&
    event.tagStart === -1 &&
    event.valueEnd - event.valueStart === 2 &&
    source.startsWith('<<', event.valueStart)
  );
}
