/**
 * Hostile and broken contract files for the built CLI's refusal tests (test/integration/hostile-contracts*.test.ts),
 * and the checks they share: each run carries a valid contract naming the staging server along, so that "nothing
 * was sent" means something.
 */
import { expect } from 'vitest';

import type { E2eRun } from './e2e-run.js';
import { setUpE2eRun } from './e2e-run.js';
import type { NodeResult } from './run-node.js';

export const SYNTAX_ERROR = 'version: 1\nwebhooks:\n  - name: A\n    url: "http://x/\n    method: POST\n';
export const WRONG_TYPES =
  'version: "1"\nwebhooks:\n  - name: 5\n    url: [a]\n    method: 9\n    timeout: yes\n';

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded, from a file of a few hundred bytes. */
export function makeAliasBomb(): string {
  const names = 'abcdefghi';
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let index = 1; index < names.length; index += 1) {
    const aliases = Array.from({ length: 9 }, () => `*${names[index - 1] ?? 'a'}`).join(',');
    levels.push(`${names[index] ?? 'z'}: &${names[index] ?? 'z'} [${aliases}]`);
  }
  return ['version: 1', 'webhooks: []', ...levels, ''].join('\n');
}

/** One webhook that passes against the staging server. */
export function makeGoodContract(name = 'Good hook'): string {
  return [
    'version: 1',
    'webhooks:',
    `  - name: ${name}`,
    "    url: '${STAGING_URL}/json'",
    '    method: POST',
    '    headers: { Content-Type: application/json }',
    '    template: \'{"a": 1}\'',
    '    responseType: json',
    '',
  ].join('\n');
}

export interface HostileContractRun {
  readonly e2e: E2eRun;
  /** `run good.yml <hostile files>` in the workspace, quietly. */
  readonly runWithGood: (...files: string[]) => Promise<NodeResult>;
  /**
   * Exit 2, every stderr line a located problem or the closing count, no stack trace, no raw control characters,
   * nothing on stdout and no connection to the staging server; returns the lines that locate a problem in `file`.
   */
  readonly expectRefused: (result: NodeResult, file: string) => string[];
}

/** Registers the hooks (see e2e-run.ts), with `good.yml` in the workspace; call it once at the top of a test file. */
export function setUpHostileContractRun(): HostileContractRun {
  const e2e = setUpE2eRun({
    prefix: 'wc-hostile-',
    env: { NO_COLOR: '1' },
    contracts: { 'good.yml': makeGoodContract() },
  });
  return {
    e2e,
    runWithGood: (...files) => e2e.runCli(['run', '--quiet', 'good.yml', ...files]),
    expectRefused: (result, file) => {
      expect(result.code, result.stderr).toBe(2);
      const lines = result.stderr.split('\n').filter((line) => line !== '');
      expect(lines.at(-1)).toMatch(/^\d+ problems? in the contracts; nothing was sent\.$/);
      for (const line of lines.slice(0, -1)) expect(line).toMatch(/^[^:\n]+:\d+:\d+: \S/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toMatch(/internal error/);
      // A contract's own text must not reach the terminal as escape sequences or forged lines.
      // eslint-disable-next-line no-control-regex
      expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(result.stdout).toBe('');
      expect(e2e.staging.connections()).toBe(0);
      const located = locatedLines(result, file);
      expect(located.length, `a problem located in ${file}`).toBeGreaterThan(0);
      return located;
    },
  };
}

/** The stderr lines that locate a problem in `file`. */
export function locatedLines(result: NodeResult, file: string): string[] {
  return result.stderr.split('\n').filter((line) => line.startsWith(`${file}:`));
}
