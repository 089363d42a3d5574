/**
 * The names the caller declares public (`public-env`, `--public-env`) and the secret set they leave: every value
 * read from the environment is a secret except a public variable's, and a value that is also a secret variable's
 * stays secret, at each place that decides it (interpolation, the engine's record, the log masking, the loader).
 */
import { describe, expect, it } from 'vitest';

import { InputError } from '../../../src/contracts/errors.js';
import { interpolateEnv, parseContractFile, parseContractFiles } from '../../support/load-contracts.js';
import { isSecretEnvName, parsePublicEnvNames } from '../../../src/contracts/public-env.js';
import { recordEnvReads } from '../../../src/engine/record-env-reads.js';
import { createMaskingContractSource } from '../../../src/files/masking-contract-source.js';

describe('parsePublicEnvNames', () => {
  it('reads lines and comma-separated lists, trimmed, without empty entries or duplicates', () => {
    const names = parsePublicEnvNames(['STAGING_URL, REGION', '', ' _flag ,', 'REGION', 'A1\nB2'], 'x');
    expect([...names]).toEqual(['STAGING_URL', 'REGION', '_flag', 'A1', 'B2']);
    expect(parsePublicEnvNames([], 'x').size).toBe(0);
    expect(parsePublicEnvNames(['  ', ','], 'x').size).toBe(0);
  });

  it.each(['${STAGING_URL}', '1ST', 'STAGING-URL', 'https://staging.example.com', 'A B', 'É'])(
    'refuses %j naming the input',
    (entry) => {
      const parse = (): unknown => parsePublicEnvNames(['OK', entry], "Input 'public-env'");
      expect(parse).toThrow(InputError);
      expect(parse).toThrow(/^Input 'public-env': ".+" is not an environment variable name/);
    },
  );

  it('quotes at most the start of a long bad entry', () => {
    let message = '';
    try {
      parsePublicEnvNames([`-${'x'.repeat(10_000)}`], '--public-env');
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toMatch(/^--public-env: "-x+…" is not/);
    expect(message.length).toBeLessThan(300);
  });

  it('decides secrecy by name: only a declared name is public', () => {
    const names = parsePublicEnvNames(['STAGING_URL'], 'x');
    expect(isSecretEnvName('STAGING_URL', names)).toBe(false);
    expect(isSecretEnvName('staging_url', names)).toBe(true);
    expect(isSecretEnvName('API_KEY', names)).toBe(true);
  });
});

const PUBLIC = parsePublicEnvNames(['STAGING_URL, REGION'], 'x');
const ENV = {
  STAGING_URL: 'https://staging.example.com',
  REGION: 'eu',
  API_KEY: 'k3y-0123456789',
  SAME: 'https://staging.example.com',
};

describe('the secret set', () => {
  it('interpolation substitutes a public value without listing it, flagging it or holding it to the length rule', () => {
    const result = interpolateEnv('${STAGING_URL}/score?r=${REGION}', ENV, PUBLIC);
    expect(result).toEqual({
      text: 'https://staging.example.com/score?r=eu',
      readEnv: false,
      secrets: [],
      problems: [],
    });
    // Without the declaration the same text is a secret, and `eu` too short to be one.
    const secret = interpolateEnv('${STAGING_URL}/score?r=${REGION}', ENV);
    expect(secret.readEnv).toBe(true);
    expect(secret.secrets).toEqual(['https://staging.example.com']);
    expect(secret.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('environment variable REGION is shorter than 8 characters'),
    ]);
  });

  it('an unset or empty public variable is still a contract problem', () => {
    const messages = (env: Record<string, string>): string[] =>
      interpolateEnv('${STAGING_URL}', env, PUBLIC).problems.map((problem) => problem.message);
    expect(messages({})).toEqual([expect.stringMatching(/^environment variable STAGING_URL is not set/)]);
    expect(messages({ STAGING_URL: '' })).toEqual([expect.stringMatching(/STAGING_URL is empty/)]);
  });

  it('a secret beside a public value is listed, and one with the same value as a public one stays secret', () => {
    const result = interpolateEnv('${STAGING_URL} ${API_KEY} ${SAME}', ENV, PUBLIC);
    expect(result.readEnv).toBe(true);
    expect(result.secrets).toEqual(['k3y-0123456789', 'https://staging.example.com']);
  });

  it("the engine's record leaves out only the public variables' reads", () => {
    const recorded = recordEnvReads(ENV, PUBLIC);
    expect({ ...recorded.env }).toEqual(ENV);
    expect(recorded.values().sort()).toEqual(['https://staging.example.com', 'k3y-0123456789']);
    const onlyPublic = recordEnvReads(ENV, PUBLIC);
    expect([onlyPublic.env['STAGING_URL'], onlyPublic.env['REGION']]).toEqual([
      'https://staging.example.com',
      'eu',
    ]);
    expect(onlyPublic.values()).toEqual([]);
  });

  it('the loader marks a webhook secret-bearing only for a secret it reads', () => {
    const contract = (headers: string): string =>
      `version: 1\nsamples: { a: { lead: { Id: 1 } } }\nwebhooks:\n  - name: W\n    url: "\${STAGING_URL}/score?r=\${REGION}"\n${headers}`;
    const plain = parseContractFiles([{ file: 'c.yml', text: contract('') }], ENV, { publicEnv: PUBLIC })[0];
    expect(plain?.secrets).toEqual([]);
    expect(plain?.webhooks[0]?.carriesSecret).toBe(false);
    expect(plain?.webhooks[0]?.url).toBe('https://staging.example.com/score?r=eu');
    const keyed = parseContractFiles(
      [{ file: 'c.yml', text: contract('    headers: { X-Api-Key: "${API_KEY}" }\n') }],
      ENV,
      { publicEnv: PUBLIC },
    )[0];
    expect(keyed?.secrets).toEqual(['k3y-0123456789']);
    expect(keyed?.webhooks[0]?.carriesSecret).toBe(true);
    // A contract file cannot declare anything public: without the caller's set, the origin is a secret again.
    expect(() => parseContractFile('c.yml', contract(''), ENV)).toThrow(/REGION is shorter than 8/);
  });

  it('the log masking masks only the secrets', async () => {
    const masked: string[] = [];
    const secrets = new Set<string>();
    const text = 'url: "${STAGING_URL}/${REGION}"\nheaders: { X-Api-Key: "${API_KEY}" }\n';
    const source = createMaskingContractSource(
      { read: () => Promise.resolve({ files: [{ file: 'a.yml', text }], problems: [] }) },
      { env: ENV, publicEnv: PUBLIC, mask: (form) => masked.push(form), secrets },
    );
    await source.read(['a.yml']);
    expect([...secrets]).toEqual(['k3y-0123456789']);
    expect(masked).toContain('k3y-0123456789');
    expect(masked.some((form) => form.includes('staging.example.com') || form === 'eu')).toBe(false);
  });
});
