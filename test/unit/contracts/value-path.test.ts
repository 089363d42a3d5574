import { describe, expect, it } from 'vitest';
import { formatValuePath, parseInstancePath } from '../../../src/contracts/value-path.js';

describe('formatValuePath', () => {
  it.each([
    [[], ''],
    [['version'], 'version'],
    [['webhooks', 0, 'method'], 'webhooks[0].method'],
    [['webhooks', 2, 'mappings', 'data.score'], 'webhooks[2].mappings["data.score"]'],
    [['samples', 'alice', 'lead', 'Email Address'], 'samples.alice.lead["Email Address"]'],
    [['defaults', 'headers', 'X-Api-Key'], 'defaults.headers["X-Api-Key"]'],
  ])('renders %j as %j', (path, text) => {
    expect(formatValuePath(path)).toBe(text);
  });
});

describe('parseInstancePath', () => {
  const data = { webhooks: [{ mappings: { 'a/b': 'f', '0': 'g', '~x': 'h' } }] };

  it('reads list indexes as numbers and numeric map keys as strings', () => {
    expect(parseInstancePath('/webhooks/0/mappings/0', data)).toEqual(['webhooks', 0, 'mappings', '0']);
  });

  it('unescapes ~1 and ~0', () => {
    expect(parseInstancePath('/webhooks/0/mappings/a~1b', data)).toEqual(['webhooks', 0, 'mappings', 'a/b']);
    expect(parseInstancePath('/webhooks/0/mappings/~0x', data)).toEqual(['webhooks', 0, 'mappings', '~x']);
  });

  it('reads the empty pointer as the root', () => {
    expect(parseInstancePath('', data)).toEqual([]);
  });
});
