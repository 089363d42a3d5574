/** The check the CLI's terminal tests share: nothing in its output that a terminal would act on. */
import { expect } from 'vitest';

import type { NodeResult } from './run-node.js';

/**
 * Neither stream holds a character matching `unsafe` (one character, no `g` flag), apart from the line breaks
 * between lines; a failure names the stream and the character's code point.
 */
export function expectInert(result: NodeResult, unsafe: RegExp): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const found = unsafe.exec(text.replaceAll('\n', ''));
    expect(found, `${stream} holds U+${found?.[0].codePointAt(0)?.toString(16)}:\n${text}`).toBeNull();
  }
}
