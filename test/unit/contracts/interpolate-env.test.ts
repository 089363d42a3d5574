import { describe, expect, it } from 'vitest';
import {
  interpolateEnv as interpolateEnvWith,
  listEnvReferences,
} from '../../../src/contracts/interpolate-env.js';
import { countSecretCharacters } from '../../../src/reports/redaction/secret-targets.js';
import { interpolateEnv } from '../../support/load-contracts.js';

describe('interpolateEnv', () => {
  it('leaves text without references alone and reads no environment', () => {
    expect(interpolateEnv('https://x.test/{{lead.Id}}', { A: 'a' })).toEqual({
      text: 'https://x.test/{{lead.Id}}',
      readEnv: false,
      secrets: [],
      problems: [],
    });
  });

  it('substitutes every reference and collects each value once', () => {
    const result = interpolateEnv('${BASE}/a?k=${KEY}&again=${KEY}', {
      BASE: 'https://s.test',
      KEY: 'k3y-0123',
    });
    expect(result).toEqual({
      text: 'https://s.test/a?k=k3y-0123&again=k3y-0123',
      readEnv: true,
      secrets: ['https://s.test', 'k3y-0123'],
      problems: [],
    });
  });

  it('accepts underscores, digits after the first character, and lower case', () => {
    expect(interpolateEnv('${_a1}${B_2}', { _a1: 'xxxxxxxx', B_2: 'yyyyyyyy' }).text).toBe(
      'xxxxxxxxyyyyyyyy',
    );
  });

  it('reports an unset variable by name, at its offset, with the fix', () => {
    const result = interpolateEnv('Bearer ${TOKEN}', {});
    expect(result.text).toBe('Bearer ');
    expect(result.readEnv).toBe(true);
    expect(result.secrets).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.offset).toBe(7);
    expect(result.problems[0]?.message).toMatch(
      /^environment variable TOKEN is not set: set it in the workflow `env:`/,
    );
  });

  it('reports an empty variable (a missing GitHub secret expands to "") and mentions forks', () => {
    const [problem] = interpolateEnv('${KEY}', { KEY: '' }).problems;
    expect(problem?.message).toMatch(/^environment variable KEY is empty: .*fork/);
  });

  it('reports each missing variable separately', () => {
    const result = interpolateEnv('${A}-${B}-${C}', { B: 'bbbbbbbb' });
    expect(result.problems.map((p) => [p.offset, p.message.split(' ')[2]])).toEqual([
      [0, 'A'],
      [10, 'C'],
    ]);
    expect(result.secrets).toEqual(['bbbbbbbb']);
  });

  it.each(['${}', '${1A}', '${A-B}', '${ A }', '${A.B}'])('reports the invalid reference %j', (text) => {
    const result = interpolateEnv(`x${text}`, { A: 'a', '1A': 'z', 'A-B': 'z', 'A.B': 'z' });
    expect(result.text).toBe(`x${text}`);
    expect(result.secrets).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.offset).toBe(1);
    expect(result.problems[0]?.message).toContain('not a valid variable reference');
  });

  it('explains a pasted GitHub Actions expression', () => {
    const result = interpolateEnv('key=${{ secrets.KEY }}', { KEY: 'v' });
    expect(result.text).toBe('key=${{ secrets.KEY }}');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.offset).toBe(4);
    expect(result.problems[0]?.message).toContain('GitHub Actions syntax');
  });

  it('leaves a lone $, $NAME and an unclosed ${ as literal text', () => {
    expect(interpolateEnv('$5 $HOME ${OPEN', { HOME: 'h', OPEN: 'o' })).toEqual({
      text: '$5 $HOME ${OPEN',
      readEnv: false,
      secrets: [],
      problems: [],
    });
  });

  it('does not substitute inside a substituted value', () => {
    expect(interpolateEnv('${A}', { A: '${B}xxxx', B: 'bbbbbbbb' }).text).toBe('${B}xxxx');
  });

  it.each(['1', 'eu', 'abc1234', ' a b c d e f g ', '\t\n1234567\n'])(
    'refuses a value of fewer than 8 characters other than whitespace (%j), naming the variable, never the value',
    (value) => {
      const result = interpolateEnv('key=${SHORT}', { SHORT: value });
      expect(result.text).toBe('key=');
      expect(result.secrets).toEqual([]);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]?.offset).toBe(4);
      const message = result.problems[0]?.message ?? '';
      expect(message).toMatch(/^environment variable SHORT is shorter than 8 characters: /);
      // The hint says what to do: a longer secret, or the value in the file when it is not secret.
      expect(message).toContain('at least 8 characters');
      expect(message).toContain('contract file itself');
      if (value.trim() !== '') expect(message).not.toContain(value.trim());
    },
  );

  it('accepts 8 characters, counted as characters (not UTF-16 units) and without whitespace', () => {
    for (const value of ['12345678', 'éééééééé', '😀😀😀😀😀😀😀😀', ' 1234 5678 ']) {
      expect(interpolateEnv('${V}', { V: value }).problems, value).toEqual([]);
    }
    expect(interpolateEnv('${V}', { V: '😀😀😀😀' }).problems).toHaveLength(1);
    // Counted once its escapes are undone too: a server may echo `%41%42%43%44%45` as `ABCDE`.
    expect(interpolateEnv('${V}', { V: '%41%42%43%44%45' }).problems).toHaveLength(1);
    expect(interpolateEnv('${V}', { V: '%41%42%43%44%45xyz' }).problems).toEqual([]);
  });

  it('applies the rule to the count it is handed (the redactor’s reading), not a count of its own', () => {
    const env = { V: 'a-long-enough-value' };
    const read = (counted: number): readonly unknown[] =>
      interpolateEnvWith('${V}', env, { countSecretCharacters: () => counted }).problems;
    expect(read(7)).toHaveLength(1);
    expect(read(8)).toEqual([]);
    // The engine and the CLI hand in the redactor's own count.
    expect(countSecretCharacters('%41%42%43%44%45xyz')).toBe(8);
  });
});

describe('listEnvReferences', () => {
  it('lists each well-formed ${NAME} with its offset and length, in order, repeats included', () => {
    expect(listEnvReferences('Bearer ${TOKEN}:${_b2}${TOKEN}')).toEqual([
      { name: 'TOKEN', offset: 7, length: 8 },
      { name: '_b2', offset: 16, length: 6 },
      { name: 'TOKEN', offset: 22, length: 8 },
    ]);
  });

  it('leaves out what interpolateEnv keeps as text', () => {
    expect(listEnvReferences('${{ secrets.K }} ${1A} ${ A } $A ${A.B} plain')).toEqual([]);
    expect(listEnvReferences('no reference')).toEqual([]);
  });
});
