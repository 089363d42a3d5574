import { describe, expect, it } from 'vitest';

import { recordEnvReads } from '../../../src/engine/record-env-reads.js';

describe('recordEnvReads', () => {
  it('reads through and notes each value handed out, however it is read', () => {
    const recorded = recordEnvReads({ KEY: 'k1', URL: 'https://x', EMPTY: '', OTHER: 'unread' });
    expect(recorded.env['KEY']).toBe('k1');
    expect(recorded.env['MISSING']).toBeUndefined();
    expect(recorded.env['EMPTY']).toBe('');
    const { URL: url } = recorded.env;
    expect(url).toBe('https://x');
    expect(recorded.values()).toEqual(['k1', 'https://x']);
  });

  it('notes every value when the whole environment is copied', () => {
    const recorded = recordEnvReads({ A: 'a', B: 'b' });
    expect({ ...recorded.env }).toEqual({ A: 'a', B: 'b' });
    expect(recorded.values().sort()).toEqual(['a', 'b']);
  });
});

describe('recordEnvReads names', () => {
  it('keeps the variables each value was read from, and leaves the public ones out', () => {
    const recorded = recordEnvReads(
      { A_URL: 'https://a.example', B_URL: 'https://a.example', REGION: 'eu-west-1' },
      new Set(['REGION']),
    );
    void recorded.env['A_URL'];
    void recorded.env['B_URL'];
    void recorded.env['REGION'];
    expect(recorded.named()).toEqual([{ value: 'https://a.example', names: ['A_URL', 'B_URL'] }]);
  });
});
