/**
 * The structure of a js-yaml event stream, indexed in one pass: where each node's subtree ends, which node each
 * alias stands for, and whether aliases would make the value explode (an alias bomb) or nest without bound.
 *
 * js-yaml builds aliases as shared references, so an alias bomb costs it nothing; but every later walk of the
 * value (the schema check, the contract rules) visits each reference again, so the expansion is refused here.
 */
import { EVENT_ID } from 'js-yaml';
import type { Event } from 'js-yaml';

/**
 * How far one anchor may be expanded (uses times the aliases nested inside it). A large suite may reuse a
 * header block a few hundred times; a "billion laughs" file needs millions.
 */
export const MAX_ALIAS_COUNT = 1_000;

/** The deepest a value may nest, as written (js-yaml's `maxDepth`) and once aliases are expanded. */
export const MAX_NESTING = 100;

export interface YamlEventTree {
  readonly events: readonly Event[];
  /** `ends[i]`: the index after node `i`'s subtree (its POP for a collection). */
  readonly ends: Int32Array;
  /** For an alias event, the index of the node its anchor names (-1 for an unknown anchor). */
  readonly aliasTargets: Int32Array;
}

/** Why the aliases are refused, at the source offset to report. */
export interface AliasProblem {
  readonly offset: number;
  readonly message: string;
}

interface Open {
  readonly index: number;
  /** Alias expansions inside the node so far. */
  weight: number;
  /** Tallest child so far (expanded). */
  height: number;
}

/** Indexes `events` (parsed from `source`); `problem` is set when the aliases must be refused. */
export function indexYamlEvents(
  events: readonly Event[],
  source: string,
): { readonly tree: YamlEventTree; readonly problem?: AliasProblem } {
  // Read once: js-yaml loads on demand, so each `EVENT_ID.X` would be a getter call, several per event.
  const { DOCUMENT, SEQUENCE, MAPPING, SCALAR, ALIAS, POP } = EVENT_ID;
  const ends = new Int32Array(events.length);
  const aliasTargets = new Int32Array(events.length).fill(-1);
  const tree: YamlEventTree = { events, ends, aliasTargets };
  // An alias is written `*name`: without a `*` anywhere there is none, so nothing can expand or nest beyond what
  // js-yaml's maxDepth already refused, and only the subtree ends are needed.
  if (!source.includes('*')) {
    indexEnds(events, ends, { DOCUMENT, SEQUENCE, MAPPING, POP });
    return { tree };
  }
  const anchors = new Map<string, number>();
  /** Weight and height of each anchored node, once closed; uses so far. */
  const anchored = new Map<number, { weight: number; height: number; uses: number }>();
  const open: Open[] = [];
  let firstAlias = -1;
  // The first reason to refuse; the pass still completes, so the tree stays whole for what follows.
  let problem: AliasProblem | undefined;

  const addToParent = (weight: number, height: number): void => {
    const parent = open.at(-1);
    if (parent === undefined) return;
    parent.weight += weight;
    if (height > parent.height) parent.height = height;
  };

  for (let index = 0; index < events.length; index += 1) {
    const event = events[index];
    if (event === undefined) break;
    switch (event.type) {
      case DOCUMENT:
        open.push({ index, weight: 0, height: 0 });
        break;
      case SEQUENCE:
      case MAPPING:
        if (event.anchorStart !== -1) anchors.set(source.slice(event.anchorStart, event.anchorEnd), index);
        open.push({ index, weight: 0, height: 0 });
        break;
      case SCALAR:
        if (event.anchorStart !== -1) {
          anchors.set(source.slice(event.anchorStart, event.anchorEnd), index);
          anchored.set(index, { weight: 0, height: 1, uses: 0 });
        }
        ends[index] = index + 1;
        addToParent(0, 1);
        break;
      case ALIAS: {
        ends[index] = index + 1;
        const offset = event.anchorStart - 1;
        if (firstAlias === -1) firstAlias = offset;
        const target = anchors.get(source.slice(event.anchorStart, event.anchorEnd));
        // An unknown anchor is js-yaml's to report ("unidentified alias"), at this alias.
        if (target === undefined) break;
        aliasTargets[index] = target;
        const info = anchored.get(target);
        if (info === undefined) {
          problem ??= { offset, message: 'invalid YAML: this alias refers to a value it is part of' };
          break;
        }
        info.uses += 1;
        if (info.uses * (1 + info.weight) > MAX_ALIAS_COUNT) {
          problem ??= {
            offset: firstAlias,
            message: `YAML aliases expand too much (over ${MAX_ALIAS_COUNT} copies from one anchor), as in an alias bomb: write the values out or use fewer aliases`,
          };
        }
        addToParent(1 + info.weight, info.height);
        break;
      }
      case POP: {
        const closed = open.pop();
        if (closed === undefined) break;
        ends[closed.index] = index + 1;
        const height = closed.height + 1;
        const closedEvent = events[closed.index];
        const isDocument = closedEvent === undefined || closedEvent.type === DOCUMENT;
        // As written, js-yaml already stops at MAX_NESTING collections (plus the scalar inside): only aliases
        // can make a collection taller.
        if (!isDocument && height > MAX_NESTING + 1) {
          problem ??= {
            offset: firstAlias === -1 ? 0 : firstAlias,
            message: `YAML aliases nest values more than ${MAX_NESTING} levels deep: write the values out or use fewer aliases`,
          };
        }
        if (
          closedEvent !== undefined &&
          (closedEvent.type === SEQUENCE || closedEvent.type === MAPPING) &&
          closedEvent.anchorStart !== -1
        ) {
          anchored.set(closed.index, { weight: closed.weight, height, uses: 0 });
        }
        addToParent(closed.weight, height);
        break;
      }
    }
  }
  return problem === undefined ? { tree } : { tree, problem };
}

/**
 * Fills `ends` alone, as the full pass does: a document or collection ends after its POP, a scalar or alias after
 * itself (a POP has none).
 */
function indexEnds(
  events: readonly Event[],
  ends: Int32Array,
  ids: {
    readonly DOCUMENT: number;
    readonly SEQUENCE: number;
    readonly MAPPING: number;
    readonly POP: number;
  },
): void {
  const open: number[] = [];
  for (let index = 0; index < events.length; index += 1) {
    const type = events[index]?.type;
    if (type === ids.POP) {
      const closed = open.pop();
      if (closed !== undefined) ends[closed] = index + 1;
    } else if (type === ids.DOCUMENT || type === ids.SEQUENCE || type === ids.MAPPING) open.push(index);
    else ends[index] = index + 1;
  }
}
