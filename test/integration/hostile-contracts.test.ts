/**
 * Hostile and broken contract files through the bundled CLI (dist/cli.js), as a user or a pull request would hand
 * them over: each one must give located `file:line:column: message` lines on stderr, exit code 2, no stack trace,
 * and not a single request to the staging server, even though a valid contract naming that server is run with it.
 */
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CLI, ensureBundle, runNode } from '../support/run-node.js';
import type { NodeResult } from '../support/run-node.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const MIB = 1024 * 1024;

const SYNTAX_ERROR = 'version: 1\nwebhooks:\n  - name: A\n    url: "http://x/\n    method: POST\n';
const WRONG_TYPES = 'version: "1"\nwebhooks:\n  - name: 5\n    url: [a]\n    method: 9\n    timeout: yes\n';

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded, from a file of a few hundred bytes. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let index = 1; index < names.length; index += 1) {
    const aliases = Array.from({ length: 9 }, () => `*${names[index - 1] ?? 'a'}`).join(',');
    levels.push(`${names[index] ?? 'z'}: &${names[index] ?? 'z'} [${aliases}]`);
  }
  return ['version: 1', 'webhooks: []', ...levels, ''].join('\n');
}

type CliResult = NodeResult;

let server: StagingServer;
let dir: string;

beforeAll(async () => {
  // `npm test` bundles first; build here only when this file is run on its own from a clean checkout.
  await ensureBundle();
  server = await startStagingServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wc-hostile-'));
  await writeFile(path.join(dir, 'good.yml'), goodContract(), 'utf8');
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => server.resetStats());

function run(args: readonly string[], cwd: string): Promise<CliResult> {
  // A scrubbed environment: no proxies, no colour, only the staging URL.
  return runNode(args, { cwd, env: { STAGING_URL: server.url, NO_COLOR: '1' } });
}

/** `run good.yml <hostile files>`: the valid contract is there so that "nothing was sent" means something. */
function runWithGood(...files: string[]): Promise<CliResult> {
  return run([CLI, 'run', '--quiet', 'good.yml', ...files], dir);
}

/** One webhook that passes against the staging server. */
function goodContract(name = 'Good hook'): string {
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

async function writeFixture(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(path.join(dir, name), content);
  return name;
}

/** The stderr lines that locate a problem in `file`. */
function locatedLines(result: CliResult, file: string): string[] {
  return result.stderr.split('\n').filter((line) => line.startsWith(`${file}:`));
}

/**
 * Exit 2, every stderr line a located problem or the closing count, no stack trace, no raw control characters,
 * nothing on stdout and no connection to the staging server.
 */
function expectRefused(result: CliResult, file: string): string[] {
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
  expect(server.connections()).toBe(0);
  const located = locatedLines(result, file);
  expect(located.length, `a problem located in ${file}`).toBeGreaterThan(0);
  return located;
}

describe('the valid contract these runs carry along', () => {
  it('passes on its own and reaches the staging server (so "no request" below is not vacuous)', async () => {
    const result = await runWithGood();
    expect(result.code, result.stderr).toBe(0);
    expect(server.hits('/json')).toBe(1);
  });
});

describe('broken contract files: located messages, exit 2, nothing sent', () => {
  it('a YAML syntax error', async () => {
    const file = await writeFixture('syntax.yml', SYNTAX_ERROR);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(/^syntax\.yml:\d+:\d+: invalid YAML: /);
  });

  it('wrong types, each at its value', async () => {
    const file = await writeFixture('types.yml', WRONG_TYPES);
    const lines = expectRefused(await runWithGood(file), file);
    expect(lines).toContain('types.yml:1:10: version must be 1');
    expect(lines.some((line) => line.startsWith('types.yml:3:11: webhooks[0].name must be a string'))).toBe(
      true,
    );
    expect(lines.some((line) => line.startsWith('types.yml:4:10: webhooks[0].url must be a string'))).toBe(
      true,
    );
    expect(lines.some((line) => line.startsWith('types.yml:5:13: webhooks[0].method'))).toBe(true);
  });

  it('unknown keys, at the key, with a suggestion', async () => {
    const file = await writeFixture(
      'unknown.yml',
      'version: 1\nwebhoks: []\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    colour: red\n',
    );
    const lines = expectRefused(await runWithGood(file), file);
    expect(lines).toContain(
      'unknown.yml:2:1: unknown key "webhoks" at the top level (did you mean "webhooks"?)',
    );
    expect(lines).toContain('unknown.yml:6:5: unknown key "colour" in webhooks[0]');
  });

  it('a webhook name used in two files, located in the second and naming the first', async () => {
    const file = await writeFixture('duplicate.yml', `# the same name as good.yml\n${goodContract()}`);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(
      /^duplicate\.yml:4:11: duplicate webhook name "Good hook": the first is at good\.yml:3:/,
    );
  });

  it('a glob that matches nothing', async () => {
    const [line] = expectRefused(await runWithGood('nowhere/**/*.yml'), 'nowhere/**/*.yml');
    expect(line).toBe('nowhere/**/*.yml:1:1: the glob matches no files');
  });

  it('a directory named as a contract file', async () => {
    await mkdir(path.join(dir, 'folder.yml'));
    const [line] = expectRefused(await runWithGood('folder.yml'), 'folder.yml');
    expect(line).toBe('folder.yml:1:1: is a directory, not a contract file');
  });

  it('a dangling symbolic link', async () => {
    await symlink(path.join(dir, 'gone.yml'), path.join(dir, 'dangling.yml'));
    const [line] = expectRefused(await runWithGood('dangling.yml'), 'dangling.yml');
    expect(line).toBe('dangling.yml:1:1: file not found');
  });

  it('a FIFO, refused without blocking on it', async () => {
    const fifo = path.join(dir, 'pipe.yml');
    const made = await new Promise<boolean>((resolve) =>
      execFile('mkfifo', [fifo], (error) => resolve(error === null)),
    );
    expect(made, 'mkfifo is available').toBe(true);
    const [line] = expectRefused(await runWithGood('pipe.yml'), 'pipe.yml');
    expect(line).toBe('pipe.yml:1:1: is not a regular file');
  });

  it('a file without read permission', async (context) => {
    const file = await writeFixture('secret-perms.yml', goodContract('Unreadable'));
    await chmod(path.join(dir, file), 0o000);
    // root reads any file whatever its mode: the directory and symlink cases above cover root.
    const readable = await access(path.join(dir, file), constants.R_OK).then(
      () => true,
      () => false,
    );
    if (readable) context.skip();
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toBe('secret-perms.yml:1:1: cannot read the file: permission denied');
  });

  it('a YAML alias bomb ("billion laughs"), refused at its first alias', async () => {
    const file = await writeFixture('bomb.yml', aliasBomb());
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(/^bomb\.yml:4:\d+: YAML aliases expand too much/);
  });

  it('a 50 MB file, refused from its size alone', async () => {
    const file = 'huge.yml';
    // Sparse: 50 MB on paper, nothing on disk, made at once.
    const handle = await open(path.join(dir, file), 'w');
    await handle.truncate(50 * MIB);
    await handle.close();
    const [line] = expectRefused(await runWithGood(file), file);
    // The exact size can only come from stat: a refusal after reading stops one byte past the limit.
    expect(line).toBe('huge.yml:1:1: is 50 MiB, over the 5 MiB limit');
  });

  it('binary garbage that is not UTF-8', async () => {
    // A fixed pseudo-random sequence (so a failure reproduces), with bytes that never occur in UTF-8.
    const bytes = new Uint8Array(4096);
    let state = 0x2545f491;
    for (let index = 0; index < bytes.length; index += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[index] = state & 0xff;
    }
    bytes[10] = 0xff;
    const file = await writeFixture('garbage.yml', bytes);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toBe('garbage.yml:1:1: is not valid UTF-8 text');
  });

  it('valid UTF-8 full of control characters and escape sequences, shown escaped', async () => {
    const file = await writeFixture(
      'controls.yml',
      'version: 1\nwebhooks: []\n\u0000\u0001\u001b[31mred: 1\n"forged\\nfake.yml:1:1: \\e]0;title\\a": 2\n',
    );
    const lines = expectRefused(await runWithGood(file), file);
    // The forged key stays on its own line: no line of stderr may pretend to be from another file.
    expect(locatedLines(await runWithGood(file), 'fake.yml')).toEqual([]);
    expect(lines.join('\n')).toContain('"\\u0000\\u0001\\u001b[31mred"');
    expect(lines.join('\n')).toContain('"forged\\nfake.yml:1:1: \\u001b]0;title\\u0007"');
  });

  it('a UTF-8 byte order mark: locations as without it', async () => {
    const body = 'version: 1\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    method: PUTT\n';
    const file = await writeFixture('bom.yml', `\uFEFF${body}`);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(/^bom\.yml:5:13: webhooks\[0\]\.method must be one of /);
  });

  it('CRLF line endings: locations still right, for schema and syntax problems alike', async () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const schema = await writeFixture(
      'crlf.yml',
      crlf(
        'version: 1\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    method: PUTT\n    timeout: 45s\n',
      ),
    );
    const lines = expectRefused(await runWithGood(schema), schema);
    expect(lines.some((line) => line.startsWith('crlf.yml:5:13: webhooks[0].method must be one of'))).toBe(
      true,
    );
    expect(lines.some((line) => line.startsWith('crlf.yml:6:14: webhooks[0].timeout 45s is over 30s'))).toBe(
      true,
    );

    const syntax = await writeFixture(
      'crlf-syntax.yml',
      crlf('version: 1\nwebhooks:\n  - name: A\n  url: [x\n'),
    );
    const [syntaxLine] = expectRefused(await runWithGood(syntax), syntax);
    expect(syntaxLine).toMatch(/^crlf-syntax\.yml:[45]:\d+: invalid YAML: /);

    const bomAndCrlf = await writeFixture(
      'bom-crlf.yml',
      `\uFEFF${crlf('version: 1\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    method: PUTT\n')}`,
    );
    const [bomLine] = expectRefused(await runWithGood(bomAndCrlf), bomAndCrlf);
    expect(bomLine).toMatch(/^bom-crlf\.yml:5:13: webhooks\[0\]\.method must be one of /);
  });

  it('every problem of several hostile files at once, in one run', async () => {
    const syntax = await writeFixture('many-syntax.yml', SYNTAX_ERROR);
    const types = await writeFixture('many-types.yml', WRONG_TYPES);
    const bomb = await writeFixture('many-bomb.yml', aliasBomb());
    const result = await runWithGood(syntax, types, bomb);
    expectRefused(result, syntax);
    for (const file of [types, bomb]) expect(locatedLines(result, file).length, file).toBeGreaterThan(0);
  });
});

describe('gaps that used to hide or flood problems', () => {
  it('an unreadable path does not hide the syntax error of a readable file: both in one run, read problems first', async () => {
    const syntax = await writeFixture('read-and-parse.yml', SYNTAX_ERROR);
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
    const syntax = await writeFixture('render-read-and-parse.yml', SYNTAX_ERROR);
    const result = await run([CLI, 'render', syntax, 'nowhere/*.yml'], dir);
    expect(result.code, result.stderr).toBe(2);
    expect(locatedLines(result, 'nowhere/*.yml')).toEqual(['nowhere/*.yml:1:1: the glob matches no files']);
    expect(locatedLines(result, syntax)[0]).toMatch(/invalid YAML: /);
    expect(result.stdout).toBe('');
  });

  it('a template with 200,000 unclosed tokens: the first 100 problems, then one line counting the rest', async () => {
    const template = '{{x'.repeat(200_000);
    const file = await writeFixture(
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
    const file = await writeFixture(
      'header-secret.yml',
      "version: 1\nwebhooks:\n  - name: Keyed\n    url: '${STAGING_URL}/json'\n    headers: { X-Api-Key: '${API_KEY}' }\n",
    );
    const result = await runNode([CLI, 'run', '--quiet', 'good.yml', file], {
      cwd: dir,
      env: { STAGING_URL: server.url, NO_COLOR: '1', API_KEY: secret },
    });
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
    const types = await writeFixture('render-types.yml', WRONG_TYPES);
    const bomb = await writeFixture('render-bomb.yml', aliasBomb());
    const result = await run([CLI, 'render', types, bomb], dir);
    expect(result.code).toBe(2);
    expect(locatedLines(result, types).length).toBeGreaterThan(0);
    expect(locatedLines(result, bomb).length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });
});
