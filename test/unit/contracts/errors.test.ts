import { describe, expect, it } from 'vitest';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';

describe('formatProblem', () => {
  it('renders file:line:column: message', () => {
    expect(formatProblem({ file: 'c.yml', line: 3, column: 7, message: 'version must be 1' })).toBe(
      'c.yml:3:7: version must be 1',
    );
  });

  it('keeps a message quoting a contract line break on one line, so it cannot forge another problem', () => {
    const line = formatProblem({
      file: 'c.yml',
      line: 4,
      column: 1,
      message: 'unknown key "x\nother.yml:1:1: all good\r\u2028"',
    });
    expect(line.split(/\r\n|\r|\n|\u2028/)).toHaveLength(1);
    expect(line).toBe('c.yml:4:1: unknown key "x\\nother.yml:1:1: all good\\r\\u2028"');
  });

  it('shows terminal escapes, other controls and bidi overrides as \\u escapes, in the file name too', () => {
    const line = formatProblem({
      file: 'a\u001b[2Jb.yml',
      line: 1,
      column: 1,
      message: '\u0000\u0007\tx\u007f\u009b\u202e\u2066 ok',
    });
    expect(line).toBe('a\\u001b[2Jb.yml:1:1: \\u0000\\u0007\\tx\\u007f\\u009b\\u202e\\u2066 ok');
  });

  it('leaves ordinary Unicode alone', () => {
    const message = 'unknown key "Größe 字 😀" (did you mean "größe"?)';
    expect(formatProblem({ file: 'ü.yml', line: 1, column: 2, message })).toBe(`ü.yml:1:2: ${message}`);
  });

  it('is what ContractFileError lists, one problem per line', () => {
    const error = new ContractFileError([
      { file: 'c.yml', line: 1, column: 1, message: 'a\nb' },
      { file: 'c.yml', line: 2, column: 1, message: 'c' },
    ]);
    expect(error.message.split('\n')).toEqual([
      '2 problems in the contracts:',
      'c.yml:1:1: a\\nb',
      'c.yml:2:1: c',
    ]);
  });
});
