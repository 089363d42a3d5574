// Writes src/action/input-defaults.json: the defaults action.yml gives its inputs, for run() to apply when the
// runner did not pass an input (the runner always passes every input; `@github/local-action` running the bundle,
// or `node dist/index.js`, does not). action.yml stays the one place defaults are written. An expression default
// (`${{ github.token }}`) has no value outside a workflow and is left out.
// `npm run bundle` regenerates it (Node 24 strips the types); test/unit/action/input-defaults.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { load as parse } from 'js-yaml';

/** Where the generated file lives, relative to the repository root. */
export const INPUT_DEFAULTS_FILE = 'src/action/input-defaults.json';

/** The file's text from action.yml at `root`: input name -> default, in action.yml's order. */
export function generateInputDefaults(root: string): string {
  const action = parse(readFileSync(`${root}/action.yml`, 'utf8')) as {
    inputs?: Record<string, { default?: unknown } | null>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const value = input?.default;
    if (value === undefined || String(value).includes('${{')) continue;
    defaults[name] = String(value);
  }
  return `${JSON.stringify(defaults, null, 2)}\n`;
}

/** Writes the file into the tree rooted at `root`. */
export function writeInputDefaults(root: string): void {
  writeFileSync(`${root}/${INPUT_DEFAULTS_FILE}`, generateInputDefaults(root));
}
