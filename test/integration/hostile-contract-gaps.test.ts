/**
 * Hostile contract files through the bundled CLI (dist/cli.js): the gaps that used to hide or flood problems (an
 * unreadable path beside a syntax error, 200,000 problems in one template, a secret header HTTP cannot carry), and
 * `render` refusing hostile files as `run` does.
 */
import { describe, expect, it } from 'vitest';

import {
  SYNTAX_ERROR,
  WRONG_TYPES,
  locatedLines,
  makeAliasBomb,
  setUpHostileContractRun,
} from '../support/hostile-contract-run.js';

const { e2e, runWithGood, expectRefused } = setUpHostileContractRun();

describe('gaps that used to hide or flood problems', () => {
  it('an unreadable path does not hide the syntax error of a readable file: both in one run, read problems first', async () => {
    const syntax = await e2e.writeFile('read-and-parse.yml', SYNTAX_ERROR);
    const result = await runWithGood(syntax, 'nowhere/*.yml', 'missing.yml');
    const [syntaxLine] = expectRefused(result, syntax);
    expect(syntaxLine).toMatch(/^read-and-parse\.yml:\d+:\d+: invalid YAML: /);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines.slice(0, 2)).toEqual([
      'nowhere/*.yml:1:1: the glob matches no files',
      'missing.yml:1:1: file not found',
    ]);
    expect(lines.indexOf(syntaxLine ?? '')).toBeGreaterThan(1);
  });

  it('render also reports read and parse problems together', async () => {
    const syntax = await e2e.writeFile('render-read-and-parse.yml', SYNTAX_ERROR);
    const result = await e2e.runCli(['render', syntax, 'nowhere/*.yml']);
    expect(result.code, result.stderr).toBe(2);
    expect(locatedLines(result, 'nowhere/*.yml')).toEqual(['nowhere/*.yml:1:1: the glob matches no files']);
    expect(locatedLines(result, syntax)[0]).toMatch(/invalid YAML: /);
    expect(result.stdout).toBe('');
  });

  it('a template with 200,000 unclosed tokens: the first 100 problems, then one line counting the rest', async () => {
    const template = '{{x'.repeat(200_000);
    const file = await e2e.writeFile(
      'flood.yml',
      `version: 1\nwebhooks:\n  - name: Flood\n    url: http://127.0.0.1:1/\n    method: POST\n    template: '${template}'\n`,
    );
    const lines = expectRefused(await runWithGood(file), file);
    expect(lines).toHaveLength(101);
    expect(lines[0]).toMatch(/^flood\.yml:6:16: /);
    // `    template: '` is 15 characters and each token 3: the 101st problem, the first left out, is here.
    expect(lines[100]).toBe(
      `flood.yml:6:${16 + 3 * 100}: … and 199900 more problems in this file (the first 100 are listed)`,
    );
  });

  it('a header value from ${NAME} that HTTP cannot carry: located, naming header and variable, never the value', async () => {
    const secret = 'Ωé-s3cr3t-value';
    const file = await e2e.writeFile(
      'header-secret.yml',
      "version: 1\nwebhooks:\n  - name: Keyed\n    url: '${STAGING_URL}/json'\n    headers: { X-Api-Key: '${API_KEY}' }\n",
    );
    const result = await e2e.runCli(['run', '--quiet', 'good.yml', file], { env: { API_KEY: secret } });
    const lines = expectRefused(result, file);
    expect(lines).toEqual([
      'header-secret.yml:5:28: webhooks[0].headers["X-Api-Key"]: the value of environment variable API_KEY holds a character outside Latin-1, which cannot be sent: an HTTP header value can hold only tab, printable ASCII and Latin-1 characters (the value is a secret, so it is not shown)',
    ]);
    for (const form of [
      secret,
      's3cr3t',
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
    ]) {
      expect(result.stderr).not.toContain(form);
    }
  });
});

describe('render refuses hostile files the same way', () => {
  it('exits 2 with located problems, no stack trace and nothing on stdout', async () => {
    const types = await e2e.writeFile('render-types.yml', WRONG_TYPES);
    const bomb = await e2e.writeFile('render-bomb.yml', makeAliasBomb());
    const result = await e2e.runCli(['render', types, bomb]);
    expect(result.code).toBe(2);
    expect(locatedLines(result, types).length).toBeGreaterThan(0);
    expect(locatedLines(result, bomb).length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });
});
