/**
 * Texts shaped against the number, list, dump and base64 views: each is 400,000 characters or more, so a view that
 * rescans per number, per line or per list item (quadratic) would run for hours and hit the hang guard, while the
 * linear views finish at once. No time is asserted: the guard only stops a hang. Each text also holds the secret
 * once, in the form the shape imitates, which must still be masked.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, SECRET_MASK } from '../../../../src/reports/redaction/redact-secrets.js';

const SECRET = 'sk_live_9fQ2xT7bLw3ZkP8v';
const HEX = Buffer.from(SECRET).toString('hex');
const SIZE = 400_000;
/** Stops a hang, never judges speed (a busy machine may take seconds). */
const HANG_GUARD_MS = 120_000;

function repeatTo(unit: string, length = SIZE): string {
  return unit.repeat(Math.ceil(length / unit.length));
}

const SHAPES: Readonly<Record<string, string>> = {
  'hex words on one line': `${repeatTo('a ')}${HEX.match(/../g)?.join(' ') ?? ''}`,
  'dump offsets and nothing else': `${repeatTo('00000000: ')}\n00000000: ${HEX}`,
  'dump rows whose character column never matches': `${repeatTo('00000010: 4142 4344  zz\n')}00000000: ${HEX}`,
  'a list that never ends': `${repeatTo('a,')}${[...SECRET].join(',')}`,
  'separators without items': `x${repeatTo(', ')}${JSON.stringify([...SECRET])}`,
  'numbers with long gaps': `${repeatTo('1 ,;: ')}[${[...Buffer.from(SECRET)].join(', ')}]`,
  'prefixes without digits': `${repeatTo('0x \\x %')}${[...Buffer.from(SECRET)].map((byte) => `0x${byte.toString(16)}`).join(',')}`,
  'base64 alphabet folded at every character': `${repeatTo('Q ')}${Buffer.from(SECRET).toString('base64').split('').join(' ')}`,
  'a dump row of one long group': `00000000: ${repeatTo('41')}  A\n00000000: ${HEX}`,
  'a dump row with a wide gap after every byte': `00000000: ${repeatTo('33  ')}\n00000000: ${HEX}`,
  'one line of digits': `${repeatTo('7')} ${HEX}`,
};

describe('createRedactor: texts shaped against the views stay linear', () => {
  const redact = createRedactor([SECRET]);
  it.each(Object.entries(SHAPES))(
    '%s',
    (_name, text) => {
      const masked = redact(text);
      expect(masked).toContain(SECRET_MASK);
      expect(masked.length).toBeLessThan(text.length);
      // The cut form of the same text (a snippet window) is read as linearly.
      expect(redact(text, { truncated: true })).toContain(SECRET_MASK);
    },
    HANG_GUARD_MS,
  );
});
