import { describe, expect, it } from 'vitest';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';
import type { ContractProblem } from '../../../src/contracts/errors.js';
import { parseReadContracts } from '../../support/load-contracts.js';
import type { ContractSourceFile, ContractSourceRead } from '../../../src/engine/ports.js';

const VALID = 'version: 1\nwebhooks:\n  - name: A\n    url: https://s.test/a\n';
const BROKEN = 'version: 1\nwebhooks: [\n';

function readProblem(file: string, message = 'file not found'): ContractProblem {
  return { file, line: 1, column: 1, message };
}

function makeRead(
  files: readonly ContractSourceFile[],
  problems: readonly ContractProblem[] = [],
): ContractSourceRead {
  return { files, problems };
}

async function problemsOf(read: ContractSourceRead): Promise<string[]> {
  try {
    await parseReadContracts(read, {});
  } catch (error) {
    if (error instanceof ContractFileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ContractFileError');
}

describe('parseReadContracts', () => {
  it('loads the files when every one was read', async () => {
    const [contract] = await parseReadContracts(makeRead([{ file: 'a.yml', text: VALID }]), {});
    expect(contract?.webhooks.map((webhook) => webhook.name)).toEqual(['A']);
  });

  it('reports read problems and the parse problems of the readable files together, read problems first', async () => {
    const problems = await problemsOf(
      makeRead(
        [
          { file: 'ok.yml', text: VALID },
          { file: 'broken.yml', text: BROKEN },
        ],
        [readProblem('nowhere/*.yml', 'the glob matches no files'), readProblem('gone.yml')],
      ),
    );
    expect(problems.length).toBeGreaterThan(2);
    expect(problems.slice(0, 2)).toEqual([
      'nowhere/*.yml:1:1: the glob matches no files',
      'gone.yml:1:1: file not found',
    ]);
    expect(problems.slice(2).every((problem) => problem.startsWith('broken.yml:'))).toBe(true);
    expect(problems[2]).toMatch(/invalid YAML/);
  });

  it('still throws the read problems when every readable file is valid', async () => {
    expect(await problemsOf(makeRead([{ file: 'ok.yml', text: VALID }], [readProblem('gone.yml')]))).toEqual([
      'gone.yml:1:1: file not found',
    ]);
  });

  it('throws the read problems when nothing could be read', async () => {
    expect(await problemsOf(makeRead([], [readProblem('gone.yml')]))).toEqual([
      'gone.yml:1:1: file not found',
    ]);
  });

  it('throws the parse problems alone when every file was read', async () => {
    expect((await problemsOf(makeRead([{ file: 'broken.yml', text: BROKEN }])))[0]).toMatch(
      /^broken\.yml:\d+:\d+: invalid YAML/,
    );
  });
});
