/** action.yml's input defaults, carried into the bundle for runs the runner did not start (local-action). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../support/yaml-text.js';

import { generateInputDefaults, INPUT_DEFAULTS_FILE } from '../../../scripts/input-defaults-code.js';
import { applyInputDefaults } from '../../../src/action/input-defaults.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const action = parse(readFileSync(`${ROOT}action.yml`, 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};

describe('src/action/input-defaults.json', () => {
  it('is generated from the current action.yml (run `npm run bundle` after changing it)', () => {
    expect(readFileSync(`${ROOT}${INPUT_DEFAULTS_FILE}`, 'utf8')).toBe(generateInputDefaults(ROOT));
  });
});

describe('applyInputDefaults', () => {
  it("gives every absent input action.yml's default, except an expression's", () => {
    const env: NodeJS.ProcessEnv = {};
    applyInputDefaults(env);
    const expected = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, input]) => input.default !== undefined && !input.default.includes('${{'))
        .map(([name, input]) => [`INPUT_${name.toUpperCase()}`, input.default]),
    );
    expect(env).toEqual(expected);
    expect(env['INPUT_CONTRACTS']).toBe('webhook-contracts.yml');
    expect(env['INPUT_CONCURRENCY']).toBe('8');
    // `${{ github.token }}` means nothing outside a workflow: no token rather than a literal expression.
    expect(env['INPUT_GITHUB-TOKEN']).toBeUndefined();
  });

  it('keeps every input that was passed, an empty one included', () => {
    const env: NodeJS.ProcessEnv = { INPUT_CONTRACTS: '', INPUT_CONCURRENCY: '3', PATH: '/bin' };
    applyInputDefaults(env);
    expect(env).toMatchObject({
      INPUT_CONTRACTS: '',
      INPUT_CONCURRENCY: '3',
      PATH: '/bin',
      INPUT_MODE: 'run',
    });
  });
});
