/**
 * Reads a contract file's YAML with js-yaml's event API: a flat event stream with source offsets, built into the
 * JavaScript value without an intermediate syntax tree (about ten times faster, and a third of the memory, of
 * the `yaml` package's document model: bench/parsers.mjs). The same events locate every later problem.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, mergeTag, parseEvents, YAMLException } from 'js-yaml';
import type { Schema } from 'js-yaml';
import type { SourceLocation } from './contract.js';
import type { ContractProblem } from './errors.js';
import { DUPLICATE_KEY_MESSAGE, findDuplicateKeys } from './find-duplicate-keys.js';
import { createLineIndex } from './line-index.js';
import { placeYamlError } from './locate-yaml-error.js';
import { maskControlCharacters, maskKey, unmaskValue } from './mask-control-characters.js';
import { indexYamlEvents, MAX_NESTING } from './yaml-event-tree.js';
import type { YamlEventTree } from './yaml-event-tree.js';
import { createYamlLocator, findEventStart } from './yaml-locator.js';
import type { YamlLocator } from './yaml-locator.js';

/**
 * YAML 1.2's core schema (no `!!js/function` or other code-bearing tags) with merge keys (`<<: *base`). Made on
 * first read: js-yaml is loaded on demand, and a command that reads no contract (merge, --help) never loads it.
 */
let schema: Schema | undefined;
const readSchema = (): Schema => (schema ??= CORE_SCHEMA.withTags(mergeTag));

/** A file's value and where its parts are written; no data when the YAML itself is broken (problems say why). */
export type ReadYaml =
  | { readonly ok: true; readonly data: unknown; readonly locator: YamlLocator }
  | { readonly ok: false; readonly problems: readonly ContractProblem[] };

const EMPTY_FILE = 'the file is empty: a contract file needs at least `version: 1` and `webhooks:`';

/** Parses `text` as one YAML document; every problem is located in `file`. */
export function readYaml(file: string, text: string): ReadYaml {
  const masked = maskControlCharacters(text);
  const source = masked.text;
  const lineColumn = createLineIndex(source);
  const at = (offset: number): SourceLocation => ({ file, ...lineColumn(offset) });
  const refuse = (offset: number, message: string): ReadYaml => ({
    ok: false,
    problems: [{ ...at(offset), message }],
  });

  let events;
  try {
    // maxDepth: a file of nested `[` is refused at once, not after building millions of nested arrays.
    events = parseEvents(source, { filename: file, maxDepth: MAX_NESTING });
  } catch (error) {
    const { reason, offset } = describeYamlException(error);
    const place = placeYamlError(source, reason, offset, lineColumn);
    return refuse(place.offset, place.message);
  }

  const { tree, problem } = indexYamlEvents(events, source);
  const documents = listDocuments(tree);
  const [first, second] = documents;
  if (first === undefined || tree.events[first + 1]?.type === EVENT_ID.POP) {
    return refuse(0, EMPTY_FILE);
  }
  if (second !== undefined) {
    const offset = findEventStart(tree, source, second + 1) ?? source.search(/^---/m);
    return refuse(
      Math.max(0, offset),
      'invalid YAML: the file holds multiple documents (separated by `---`): a contract file is one document',
    );
  }
  if (problem !== undefined) return refuse(problem.offset, problem.message);

  let data: unknown;
  try {
    [data] = constructFromEvents(events, { source, filename: file, schema: readSchema() });
  } catch (error) {
    const { reason, offset } = describeYamlException(error);
    if (reason === 'duplicated mapping key') {
      const duplicates = findDuplicateKeys(tree, source, readSchema());
      if (duplicates.length > 0) {
        return {
          ok: false,
          problems: duplicates.map((key) => ({
            ...at(findEventStart(tree, source, key) ?? 0),
            message: `invalid YAML: ${DUPLICATE_KEY_MESSAGE}`,
          })),
        };
      }
    }
    return refuse(offset, `invalid YAML: ${reason}`);
  }

  return {
    ok: true,
    data: masked.masked ? unmaskValue(data) : data,
    locator: createYamlLocator({
      file,
      source,
      tree,
      schema: readSchema(),
      lineColumn,
      ...(masked.masked && { toSourceKey: maskKey }),
    }),
  };
}

/** The index of each document's event. */
function listDocuments(tree: YamlEventTree): number[] {
  const documents: number[] = [];
  let index = 0;
  while (tree.events[index]?.type === EVENT_ID.DOCUMENT) {
    documents.push(index);
    const next = tree.ends[index] ?? 0;
    if (next <= index) break;
    index = next;
  }
  return documents;
}

function describeYamlException(error: unknown): { reason: string; offset: number } {
  if (error instanceof YAMLException) return { reason: error.reason, offset: error.mark?.position ?? 0 };
  // js-yaml documents that other errors may escape too; still a located refusal, never a crash.
  return { reason: error instanceof Error ? error.message : String(error), offset: 0 };
}
