/**
 * action.yml's input defaults, for a run the runner did not start. The runner passes every input as an
 * `INPUT_*` variable, its default included; `@github/local-action` on the bundle, a test, or `node dist/index.js`
 * pass only the ones set. The defaults are read from action.yml when the bundle is built
 * (scripts/input-defaults-code.ts), so they are still written in one place.
 */
import defaults from './input-defaults.json' with { type: 'json' };

/** The variable an input arrives in, as the runner names it and `@actions/core` reads it. */
function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Sets each input's variable that is absent from `env` (unset: an empty value is the user's) to its default,
 * as the runner would have. Called by run() before any input is read.
 */
export function applyInputDefaults(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(defaults)) {
    env[inputVariable(name)] ??= value;
  }
}
