/**
 * The runner log cannot be forged: the built action (`dist/index.js`) runs contracts whose webhook names, sample
 * names, file names, response bodies and reason phrases try to become workflow commands, and every line of its
 * stdout and stderr is read as the runner reads it. The commands found must be exactly those of the same run
 * with harmless names (the action's own annotations, masks and groups): not one more, not one other.
 */
import { describe, expect, it } from 'vitest';

import { makeScoreWebhookYaml, quoteYaml } from '../support/contract-yaml.js';
import { setUpE2eRun } from '../support/e2e-run.js';
import { routeHostileEcho } from '../support/hostile-echo-route.js';
import { HOSTILE_LOG_TEXTS } from '../support/hostile-text.js';
import type { ActionRun } from '../support/run-action.js';
import type { RunnerCommandLine } from '../support/runner-commands.js';
import { findRunnerCommands } from '../support/runner-commands.js';

const TOKEN = 'ghs_logInjectionToken0123456789abcdef';
const API_KEY = 'sk_live_log_injection_0123456789';
/** Reason phrases cannot hold a line break (HTTP forbids it), but can hold everything else. */
const HOSTILE_REASONS = ['::set-output name=failed::0', '##[set-output name=failed;]0', '::stop-commands::x'];

const e2e = setUpE2eRun({
  prefix: 'wc-log-injection-',
  token: TOKEN,
  env: { API_KEY },
  routes: (staging) => routeHostileEcho(staging, HOSTILE_REASONS),
});

/** One webhook per text, each fired for two samples named after texts too; every check fails. */
function makeContract(texts: readonly string[]): string {
  const samples = texts.slice(0, 2);
  return [
    'version: 1',
    'samples:',
    ...samples.map((name) => `  ${quoteYaml(`sample ${name}`)}: { lead: { Email Address: a@example.com } }`),
    'fields:',
    '  leadScore: integer',
    'webhooks:',
    ...texts.flatMap((name, index) =>
      makeScoreWebhookYaml(
        quoteYaml(name),
        quoteYaml(`\${STAGING_URL}/hostile?i=${index}&text=${encodeURIComponent(name)}`),
      ),
    ),
    '',
  ].join('\n');
}

async function runContract(contract: string, fileName: string): Promise<ActionRun> {
  // A workspace of its own: `*.yml` must find this run's file only.
  const workspace = await e2e.makeWorkspace({ [fileName]: contract });
  return e2e.runAction({ workspace, inputs: { contracts: '*.yml' } });
}

/** What the runner would do: each command's form, name and property names (values hold file names). */
function describeCommands(run: ActionRun): string[] {
  const describe = (command: RunnerCommandLine): string =>
    `${command.form} ${command.name} ${command.properties.replace(/=[^,]*/g, '=…')}`;
  return [...findRunnerCommands(run.stdout), ...findRunnerCommands(run.stderr)].map(describe);
}

describe('the runner log of the built action', () => {
  const benignTexts = HOSTILE_LOG_TEXTS.map((_text, index) => `Webhook ${index}`);

  it('emits exactly the commands of a harmless run, whatever the names, file name and responses hold', async () => {
    const benign = await runContract(makeContract(benignTexts), 'contracts.yml');
    const hostile = await runContract(
      makeContract(HOSTILE_LOG_TEXTS),
      'evil\n::error file=README.md,line=1::FILE.yml',
    );

    // The harmless run is the yardstick: it fails every check and annotates, masks and groups.
    expect(benign.exitCode).toBe(1);
    const expected = describeCommands(benign);
    expect(expected).toEqual(expect.arrayContaining(['v2 add-mask ', 'v2 group ', 'v2 error file=…,line=…']));
    expect(hostile.exitCode).toBe(1);
    expect(describeCommands(hostile)).toEqual(expected);
    expect(hostile.outputs).toMatchObject({ failed: String(2 * HOSTILE_LOG_TEXTS.length), passed: '0' });
    // The names are all there, shown with their line breaks as `\n`.
    expect(hostile.stdout).toContain('Out\\n::set-output name=failed::0');
    expect(hostile.stdout).toContain('Stop\\n::stop-commands::pwned');
  });

  it('emits exactly the commands of a harmless run for an invalid contract that quotes hostile keys', async () => {
    const invalid = (keys: readonly string[]): string =>
      ['version: 1', ...keys.map((key) => `${quoteYaml(key)}: 1`), 'webhooks: []', ''].join('\n');
    const benign = await runContract(invalid(benignTexts), 'contracts.yml');
    const hostile = await runContract(invalid(HOSTILE_LOG_TEXTS), 'contracts.yml');

    expect(benign.exitCode).toBe(2);
    expect(hostile.exitCode).toBe(2);
    expect(describeCommands(hostile)).toEqual(describeCommands(benign));
  });
});
