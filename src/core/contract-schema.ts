/**
 * The JSON Schema of a contract file, as shipped in `schema/contracts.schema.json` for editors
 * (`# yaml-language-server: $schema=...`). The loader validates against this same object, so the editor and
 * the action can never disagree about what is valid.
 */
import schema from '../../schema/contracts.schema.json' with { type: 'json' };

/** The contract file's JSON Schema (draft-07). */
export const contractSchema: Readonly<Record<string, unknown>> = schema;
