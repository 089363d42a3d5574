/** YAML for tests, written and read with the project's one YAML library (js-yaml). */
import { dump, load } from 'js-yaml';

/** YAML text of `value`; undefined properties are left out, long strings stay on one line. */
export function stringify(value: unknown): string {
  return dump(value, { skipInvalid: true, lineWidth: -1 });
}

export function parse(text: string): unknown {
  return load(text);
}
