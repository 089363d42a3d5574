/** Paths into a contract's JavaScript value, as ajv reports them and as messages show them. */

/** Map keys and list indexes from the document root. */
export type ValuePath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Renders a path for a message: `webhooks[0].mappings["data.score"]`. Keys that are not plain identifiers are
 * quoted so that a dotted response attribute is not mistaken for nesting.
 */
export function formatValuePath(path: ValuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Splits an ajv `instancePath` (a JSON Pointer) into segments. `data` is the validated value, used to tell list
 * indexes (numbers) from map keys that look like numbers.
 */
export function parseInstancePath(pointer: string, data: unknown): ValuePath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let value = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}
