/**
 * Hostile and broken contract files through the bundled CLI (dist/cli.js), as a user or a pull request would hand
 * them over: each one must give located `file:line:column: message` lines on stderr, exit code 2, no stack trace,
 * and not a single request to the staging server, even though a valid contract naming that server is run with it.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, mkdir, open, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  SYNTAX_ERROR,
  WRONG_TYPES,
  locatedLines,
  makeAliasBomb,
  makeGoodContract,
  setUpHostileContractRun,
} from '../support/hostile-contract-run.js';

const MIB = 1024 * 1024;

const { e2e, runWithGood, expectRefused } = setUpHostileContractRun();

describe('the valid contract these runs carry along', () => {
  it('passes on its own and reaches the staging server (so "no request" below is not vacuous)', async () => {
    const result = await runWithGood();
    expect(result.code, result.stderr).toBe(0);
    expect(e2e.staging.hits('/json')).toBe(1);
  });
});

describe('broken contract files: located messages, exit 2, nothing sent', () => {
  it('a YAML syntax error', async () => {
    const file = await e2e.writeFile('syntax.yml', SYNTAX_ERROR);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(/^syntax\.yml:\d+:\d+: invalid YAML: /);
  });

  it('wrong types, each at its value', async () => {
    const file = await e2e.writeFile('types.yml', WRONG_TYPES);
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
    const file = await e2e.writeFile(
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
    const file = await e2e.writeFile('duplicate.yml', `# the same name as good.yml\n${makeGoodContract()}`);
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
    await mkdir(path.join(e2e.workspace, 'folder.yml'));
    const [line] = expectRefused(await runWithGood('folder.yml'), 'folder.yml');
    expect(line).toBe('folder.yml:1:1: is a directory, not a contract file');
  });

  it('a dangling symbolic link', async () => {
    await symlink(path.join(e2e.workspace, 'gone.yml'), path.join(e2e.workspace, 'dangling.yml'));
    const [line] = expectRefused(await runWithGood('dangling.yml'), 'dangling.yml');
    expect(line).toBe('dangling.yml:1:1: file not found');
  });

  it('a FIFO, refused without blocking on it', async () => {
    const fifo = path.join(e2e.workspace, 'pipe.yml');
    const made = await new Promise<boolean>((resolve) =>
      execFile('mkfifo', [fifo], (error) => resolve(error === null)),
    );
    expect(made, 'mkfifo is available').toBe(true);
    const [line] = expectRefused(await runWithGood('pipe.yml'), 'pipe.yml');
    expect(line).toBe('pipe.yml:1:1: is not a regular file');
  });

  it('a file without read permission', async (context) => {
    const file = await e2e.writeFile('secret-perms.yml', makeGoodContract('Unreadable'));
    await chmod(path.join(e2e.workspace, file), 0o000);
    // root reads any file whatever its mode: the directory and symlink cases above cover root.
    const readable = await access(path.join(e2e.workspace, file), constants.R_OK).then(
      () => true,
      () => false,
    );
    if (readable) context.skip();
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toBe('secret-perms.yml:1:1: cannot read the file: permission denied');
  });

  it('a YAML alias bomb ("billion laughs"), refused at its first alias', async () => {
    const file = await e2e.writeFile('bomb.yml', makeAliasBomb());
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(/^bomb\.yml:4:\d+: YAML aliases expand too much/);
  });

  it('a 50 MB file, refused from its size alone', async () => {
    const file = 'huge.yml';
    // Sparse: 50 MB on paper, nothing on disk, made at once.
    const handle = await open(path.join(e2e.workspace, file), 'w');
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
    const file = await e2e.writeFile('garbage.yml', bytes);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toBe('garbage.yml:1:1: is not valid UTF-8 text');
  });

  it('valid UTF-8 full of control characters and escape sequences, shown escaped', async () => {
    const file = await e2e.writeFile(
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
    const file = await e2e.writeFile('bom.yml', `\uFEFF${body}`);
    const [line] = expectRefused(await runWithGood(file), file);
    expect(line).toMatch(/^bom\.yml:5:13: webhooks\[0\]\.method must be one of /);
  });

  it('CRLF line endings: locations still right, for schema and syntax problems alike', async () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const schema = await e2e.writeFile(
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

    const syntax = await e2e.writeFile(
      'crlf-syntax.yml',
      crlf('version: 1\nwebhooks:\n  - name: A\n  url: [x\n'),
    );
    const [syntaxLine] = expectRefused(await runWithGood(syntax), syntax);
    expect(syntaxLine).toMatch(/^crlf-syntax\.yml:[45]:\d+: invalid YAML: /);

    const bomAndCrlf = await e2e.writeFile(
      'bom-crlf.yml',
      `\uFEFF${crlf('version: 1\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    method: PUTT\n')}`,
    );
    const [bomLine] = expectRefused(await runWithGood(bomAndCrlf), bomAndCrlf);
    expect(bomLine).toMatch(/^bom-crlf\.yml:5:13: webhooks\[0\]\.method must be one of /);
  });

  it('every problem of several hostile files at once, in one run', async () => {
    const syntax = await e2e.writeFile('many-syntax.yml', SYNTAX_ERROR);
    const types = await e2e.writeFile('many-types.yml', WRONG_TYPES);
    const bomb = await e2e.writeFile('many-bomb.yml', makeAliasBomb());
    const result = await runWithGood(syntax, types, bomb);
    expectRefused(result, syntax);
    for (const file of [types, bomb]) expect(locatedLines(result, file).length, file).toBeGreaterThan(0);
  });
});
