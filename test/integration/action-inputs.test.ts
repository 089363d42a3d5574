/** The action's inputs, read from INPUT_* variables as the runner sets them (defaults from action.yml). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { readActionSettings } from '../../src/action/action-inputs.js';
import { InputError } from '../../src/contracts/errors.js';
import { inputVariable } from '../support/run-action.js';

/** action.yml's defaults, as the runner passes them when the workflow sets nothing. */
const DEFAULTS: Record<string, string> = {
  contracts: 'webhook-contracts.yml',
  'github-token': 'ghs_token',
  comment: 'on-failure',
  'fail-on-failure': 'true',
  'allowed-hosts': '',
  concurrency: '8',
  timeout: '',
  'report-json': '',
  'report-junit': '',
  shard: '',
  retries: '0',
  mode: 'run',
  reports: '',
  'campaign-size': '10000',
};

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries({ ...DEFAULTS, ...inputs }))
    vi.stubEnv(inputVariable(name), value);
}

beforeEach(() => setInputs({}));
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('readActionSettings', () => {
  it("reads action.yml's defaults", () => {
    expect(readActionSettings()).toEqual({
      mode: 'run',
      contracts: ['webhook-contracts.yml'],
      reports: [],
      githubToken: 'ghs_token',
      comment: 'on-failure',
      failOnFailure: true,
      allowedHosts: [],
      concurrency: 8,
      retries: 0,
      campaignSize: 10_000,
      publicEnv: new Set(),
    });
  });

  it('reads public-env as variable names, one per line or comma-separated', () => {
    setInputs({ 'public-env': 'STAGING_URL, REGION\n FLAG \n' });
    expect(readActionSettings().publicEnv).toEqual(new Set(['STAGING_URL', 'REGION', 'FLAG']));
    setInputs({ 'public-env': 'STAGING_URL\n${API_KEY}' });
    expect(() => readActionSettings()).toThrow(
      /^Input 'public-env': "\$\{API_KEY\}" is not an environment variable name/,
    );
  });

  it('reads campaign-size as a whole number of leads', () => {
    setInputs({ 'campaign-size': '250000' });
    expect(readActionSettings().campaignSize).toBe(250_000);
    for (const bad of ['0', '1e4', '10,000', '']) {
      setInputs({ 'campaign-size': bad });
      expect(() => readActionSettings()).toThrow(/Input 'campaign-size' must be a whole number/);
    }
  });

  it('reads every optional input when given', () => {
    setInputs({
      contracts: 'a.yml\n contracts/**/*.yml \n',
      'allowed-hosts': 'staging.example.com, *.internal.example.com\n127.0.0.1:8080',
      timeout: '2500ms',
      'report-json': 'out/report.json',
      'report-junit': 'out/junit.xml',
      shard: '2/3',
      retries: '2',
      comment: 'always',
      'fail-on-failure': 'False',
    });
    expect(readActionSettings()).toMatchObject({
      contracts: ['a.yml', 'contracts/**/*.yml'],
      allowedHosts: ['staging.example.com', '*.internal.example.com', '127.0.0.1:8080'],
      timeoutMs: 2500,
      reportJson: 'out/report.json',
      reportJunit: 'out/junit.xml',
      shard: { index: 2, count: 3 },
      retries: 2,
      comment: 'always',
      failOnFailure: false,
    });
  });

  it.each([
    ['concurrency', 'eight', "Input 'concurrency' must be a whole number from 1 to 64, not 'eight'."],
    ['concurrency', '0', "Input 'concurrency' must be a whole number from 1 to 64, not '0'."],
    ['concurrency', '1e2', "Input 'concurrency' must be a whole number from 1 to 64, not '1e2'."],
    ['retries', '-1', "Input 'retries' must be a whole number from 0 to 5, not '-1'."],
    ['comment', 'sometimes', "Input 'comment' must be one of on-failure, always, never, not 'sometimes'."],
    ['mode', 'Run', "Input 'mode' must be one of run, merge, not 'Run'."],
    [
      'fail-on-failure',
      'ture',
      "Input 'fail-on-failure' must be true or false (YAML 1.2 core schema), not 'ture'.",
    ],
  ])('refuses %s: %s', (name, value, message) => {
    setInputs({ [name]: value });
    expect(() => readActionSettings()).toThrow(new InputError(message));
  });

  it.each([
    'https://staging.example.com',
    'staging.example.com/hook',
    'api.*.example.com',
    '::1',
    'staging.example.com:99999',
  ])('refuses the allowed-hosts entry %s, as --allowed-hosts does', (entry) => {
    setInputs({ 'allowed-hosts': `ok.example.com\n${entry}` });
    expect(() => readActionSettings()).toThrow(InputError);
    expect(() => readActionSettings()).toThrow(
      new RegExp(`^Input 'allowed-hosts': '${entry.replace(/[.*?]/g, '\\$&')}' `),
    );
  });

  it.each(['31s', '0s', '500', 'soon'])('refuses the timeout %s', (timeout) => {
    setInputs({ timeout });
    expect(() => readActionSettings()).toThrow(/Input 'timeout' must be a duration above 0 and at most 30s/);
  });

  it('accepts a timeout of exactly 30s', () => {
    setInputs({ timeout: '30s' });
    expect(readActionSettings().timeoutMs).toBe(30_000);
  });

  it.each(['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3'])('refuses the shard %s', (shard) => {
    setInputs({ shard });
    expect(() => readActionSettings()).toThrow(/Input 'shard' must be i\/n/);
  });

  it('needs contracts in run mode and reports in merge mode', () => {
    setInputs({ contracts: '' });
    expect(() => readActionSettings()).toThrow(/Input 'contracts' is empty/);
    setInputs({ mode: 'merge' });
    expect(() => readActionSettings()).toThrow(/Input 'reports' is empty/);
    setInputs({ mode: 'merge', reports: 'shards/*.json' });
    expect(readActionSettings()).toMatchObject({ mode: 'merge', reports: ['shards/*.json'] });
  });
});
