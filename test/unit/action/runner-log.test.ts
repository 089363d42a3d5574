import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { escapeLogLine, escapeLogText } from '../../../src/action/runner-log.js';
import { HOSTILE_LOG_TEXTS, hostileText } from '../../support/hostile-text.js';
import { findRunnerCommands } from '../../support/runner-commands.js';

describe('escapeLogLine', () => {
  it('shows line breaks of every kind as escapes, so the text stays on its line', () => {
    expect(escapeLogLine('Out\n::set-output name=failed::0')).toBe('Out\\n::set-output name=failed::0');
    expect(escapeLogLine('a\rb\u0085c\u2028d\u2029e')).toBe('a\\rb\\u0085c\\u2028d\\u2029e');
  });

  it('breaks a leading `::`, after any white space, with an escape', () => {
    expect(escapeLogLine('::stop-commands::pwned')).toBe('\\u003a:stop-commands::pwned');
    expect(escapeLogLine('  \u3000::error::x')).toBe('  \u3000\\u003a:error::x');
    expect(escapeLogLine('a ::error::x')).toBe('a ::error::x');
    expect(escapeLogLine(':single')).toBe(':single');
  });

  it('breaks every legacy `##[` command, wherever it is in the line', () => {
    expect(escapeLogLine('x ##[set-output name=failed;]0 ##[error]y')).toBe(
      'x ##\\u005bset-output name=failed;]0 ##\\u005berror]y',
    );
  });

  it('leaves ordinary text, percent signs and Unicode as they are', () => {
    const text = '✗ 3/40 Größe 字 😀 (alice): 500 Internal Server Error, 50% %0A';
    expect(escapeLogLine(text)).toBe(text);
  });

  it('never yields a line the runner takes as a command, for the hand-written attacks and arbitrary text', () => {
    for (const text of HOSTILE_LOG_TEXTS) expect(findRunnerCommands(escapeLogLine(text))).toEqual([]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('::', '##[', ']', '\n', '\r', ' ', '\u3000', 'error')),
        (parts) => {
          expect(findRunnerCommands(escapeLogLine(parts.join('')))).toEqual([]);
        },
      ),
    );
    fc.assert(
      fc.property(hostileText(80), (text) => {
        expect(findRunnerCommands(escapeLogLine(text))).toEqual([]);
      }),
    );
  });
});

describe('escapeLogText', () => {
  it('keeps the line breaks between the lines it is given, and only those', () => {
    expect(escapeLogText(['2 problems:', 'a\n::error::x', '::warning::y'])).toBe(
      '2 problems:\na\\n::error::x\n\\u003a:warning::y',
    );
  });
});
