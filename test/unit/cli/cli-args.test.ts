import { describe, expect, it } from 'vitest';

import {
  DEFAULT_CAMPAIGN_SIZE,
  DEFAULT_CONCURRENCY,
  parseAllowedHostsArg,
  parseCliArgs,
  parseIntegerArg,
  parseShardArg,
  parseTimeoutArg,
} from '../../../src/cli/cli-args.js';
import { InputError } from '../../../src/contracts/errors.js';

function expectInputError(run: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  expect((thrown as InputError).message).toMatch(message);
}

describe('parseCliArgs: commands', () => {
  it('reads top-level help and version in their short and long forms', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['help', 'render'])).toEqual({ command: 'help', topic: 'render' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['-V'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['version'])).toEqual({ command: 'version' });
  });

  it('skips a leading -- (npm passes it on from `npx webhook-contracts -- --version`)', () => {
    expect(parseCliArgs(['--', '--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['--', 'run', '--help'])).toEqual({ command: 'help', topic: 'run' });
  });

  it('gives a command its help when --help appears among its options, even next to an invalid one', () => {
    expect(parseCliArgs(['run', 'a.yml', '--bogus', '--help'])).toEqual({ command: 'help', topic: 'run' });
    expect(parseCliArgs(['merge', '-h'])).toEqual({ command: 'help', topic: 'merge' });
  });

  it('treats --help after -- as a file name, not a request for help', () => {
    expect(parseCliArgs(['render', '--', '--help'])).toMatchObject({ command: 'render', files: ['--help'] });
  });

  it('refuses an empty argv, an unknown command and an option before the command', () => {
    expectInputError(() => parseCliArgs([]), /no command given/);
    expectInputError(() => parseCliArgs(['frob']), /unknown command 'frob'/);
    expectInputError(() => parseCliArgs(['--quiet', 'run']), /unknown option --quiet: a command comes first/);
    expectInputError(() => parseCliArgs(['help', 'frob']), /unknown command 'frob'/);
  });
});

describe('parseCliArgs: run', () => {
  it('defaults to webhook-contracts.yml, 8 calls, no retries, any host', () => {
    expect(parseCliArgs(['run'])).toEqual({
      command: 'run',
      files: ['webhook-contracts.yml'],
      concurrency: DEFAULT_CONCURRENCY,
      allowedHosts: 'any',
      retries: 0,
      quiet: false,
      campaignSize: DEFAULT_CAMPAIGN_SIZE,
      wide: false,
      failuresOnly: false,
      publicEnv: new Set(),
    });
    expect(DEFAULT_CAMPAIGN_SIZE).toBe(10_000);
  });

  it('reads every option', () => {
    expect(
      parseCliArgs([
        'run',
        'a.yml',
        'contracts/*.yml',
        '--report-json',
        'r/report.json',
        '--report-junit=r/junit.xml',
        '--concurrency',
        '3',
        '--timeout',
        '1.5s',
        '--allowed-hosts',
        'API.example.com, b.example.com',
        '--allowed-hosts',
        'c.example.com',
        '--shard',
        '2/3',
        '--retries',
        '2',
        '--no-color',
        '-q',
        '--campaign-size',
        '250000',
        '--wide',
        '--failures-only',
        '--public-env',
        'STAGING_URL, REGION',
        '--public-env=FLAG',
      ]),
    ).toEqual({
      command: 'run',
      files: ['a.yml', 'contracts/*.yml'],
      reportJson: 'r/report.json',
      reportJunit: 'r/junit.xml',
      concurrency: 3,
      timeoutMs: 1500,
      allowedHosts: ['api.example.com', 'b.example.com', 'c.example.com'],
      shard: { index: 2, count: 3 },
      retries: 2,
      color: false,
      quiet: true,
      campaignSize: 250_000,
      wide: true,
      failuresOnly: true,
      publicEnv: new Set(['STAGING_URL', 'REGION', 'FLAG']),
    });
  });

  it('refuses a --public-env entry that is not a variable name', () => {
    expectInputError(
      () => parseCliArgs(['run', '--public-env', 'STAGING_URL,${API_KEY}']),
      /^--public-env: "\$\{API_KEY\}" is not an environment variable name/,
    );
    expectInputError(() => parseCliArgs(['render', '--public-env', '9LIVES']), /^--public-env: "9LIVES"/);
    expectInputError(
      () => parseCliArgs(['merge', 'a.json', '--public-env', 'A']),
      /unknown option --public-env/,
    );
  });

  it('reads --color as forcing colour on', () => {
    expect(parseCliArgs(['run', '--color'])).toMatchObject({ color: true });
  });

  it('names the flag for an unknown option, a missing value and a value given to a switch', () => {
    expectInputError(() => parseCliArgs(['run', '--report-xml', 'x']), /unknown option --report-xml for run/);
    expectInputError(() => parseCliArgs(['run', '--concurrency']), /--concurrency needs a value/);
    expectInputError(() => parseCliArgs(['run', '--quiet=yes']), /--quiet takes no value/);
    expectInputError(() => parseCliArgs(['render', '--shard', '1/2']), /unknown option --shard for render/);
  });

  it('refuses empty report paths', () => {
    expectInputError(
      () => parseCliArgs(['run', '--report-json', '']),
      /--report-json needs a non-empty value/,
    );
  });
});

describe('parseCliArgs: render and merge', () => {
  it('reads render filters', () => {
    expect(parseCliArgs(['render', 'x.yml', '--webhook', 'Score lead', '--sample', 'alice'])).toEqual({
      command: 'render',
      files: ['x.yml'],
      webhook: 'Score lead',
      sample: 'alice',
      publicEnv: new Set(),
    });
    expect(parseCliArgs(['render'])).toEqual({
      command: 'render',
      files: ['webhook-contracts.yml'],
      publicEnv: new Set(),
    });
    expect(parseCliArgs(['render', '--public-env', 'STAGING_URL'])).toMatchObject({
      publicEnv: new Set(['STAGING_URL']),
    });
  });

  it('needs at least one report to merge', () => {
    expectInputError(() => parseCliArgs(['merge']), /merge needs the JSON reports/);
    expect(parseCliArgs(['merge', 'a.json', 'b.json', '--report-junit', 'j.xml'])).toEqual({
      command: 'merge',
      files: ['a.json', 'b.json'],
      reportJunit: 'j.xml',
      campaignSize: DEFAULT_CAMPAIGN_SIZE,
      wide: false,
      failuresOnly: false,
    });
    expect(parseCliArgs(['merge', 'a.json', '--campaign-size=5', '--failures-only', '--wide'])).toMatchObject(
      { campaignSize: 5, failuresOnly: true, wide: true },
    );
  });

  it('reads --campaign-size as a whole number of leads from 1', () => {
    for (const bad of ['0', '-3', '1e4', 'lots', '100000001']) {
      expectInputError(() => parseCliArgs(['run', '--campaign-size', bad]), /--campaign-size/);
    }
  });
});

describe('value parsers', () => {
  it('parses whole numbers within bounds', () => {
    expect(parseIntegerArg('--retries', '0', 0, 5)).toBe(0);
    expect(parseIntegerArg('--retries', ' 5 ', 0, 5)).toBe(5);
    expectInputError(
      () => parseIntegerArg('--retries', '6', 0, 5),
      /--retries must be between 0 and 5, got 6/,
    );
    expectInputError(() => parseIntegerArg('--concurrency', '0', 1, 64), /between 1 and 64/);
    for (const bad of ['1.5', '-1', 'ten', '', '1e2', '0x10']) {
      expectInputError(
        () => parseIntegerArg('--concurrency', bad, 1, 64),
        /--concurrency must be a whole number/,
      );
    }
  });

  it('parses timeouts up to Marketo’s 30 s', () => {
    expect(parseTimeoutArg('500ms')).toBe(500);
    expect(parseTimeoutArg('10s')).toBe(10_000);
    expect(parseTimeoutArg('30s')).toBe(30_000);
    expectInputError(() => parseTimeoutArg('30.001s'), /cannot exceed Marketo's 30s/);
    expectInputError(() => parseTimeoutArg('1m'), /cannot exceed/);
    expectInputError(() => parseTimeoutArg('0s'), /at least 1ms/);
    for (const bad of ['10', 'fast', '-1s', '']) {
      expectInputError(() => parseTimeoutArg(bad), /--timeout must be a duration such as 10s/);
    }
  });

  it('parses shards i/n with 1 <= i <= n', () => {
    expect(parseShardArg('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShardArg('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0']) expectInputError(() => parseShardArg(bad), /--shard/);
    for (const bad of ['1', '1/2/3', 'a/b', '1-2'])
      expectInputError(() => parseShardArg(bad), /must look like 1\/3/);
  });

  it('parses allowed hosts: trimmed, lower-cased, deduplicated, no URLs', () => {
    expect(parseAllowedHostsArg(['A.example.com,,b.example.com ', 'a.example.com'])).toEqual([
      'a.example.com',
      'b.example.com',
    ]);
    expectInputError(() => parseAllowedHostsArg([' , ']), /at least one host/);
    expectInputError(
      () => parseAllowedHostsArg(['https://a.example.com']),
      /^--allowed-hosts: 'https:\/\/a\.example\.com' is not a host: write the host name/,
    );
  });
});
