/** The `fields:` section: the Marketo field types that mappings write. */
import { FIELD_TYPES } from './contract.js';
import type { FieldType } from './contract.js';
import { isOneOf, isRecord, report, suggestFor } from './load-context.js';
import type { Context } from './load-context.js';

export interface Fields {
  readonly types: ReadonlyMap<string, FieldType>;
  /** Every declared name, its type valid or not; undefined when `fields` itself is malformed. */
  readonly declared: ReadonlySet<string> | undefined;
}

export function readFields(context: Context, raw: unknown): Fields {
  if (raw === undefined) return { types: new Map(), declared: new Set() };
  if (!isRecord(raw)) return { types: new Map(), declared: undefined };
  const types = new Map<string, FieldType>();
  for (const [name, type] of Object.entries(raw)) {
    if (typeof type !== 'string') continue;
    const normalised = type.trim().toLowerCase();
    if (isOneOf(FIELD_TYPES, normalised)) {
      types.set(name, normalised);
      continue;
    }
    report(
      context,
      ['fields', name],
      `unknown field type "${type}" for field "${name}": use one of ${FIELD_TYPES.join(', ')}${suggestFor(context, type, FIELD_TYPES)}`,
    );
  }
  return { types, declared: new Set(Object.keys(raw)) };
}
