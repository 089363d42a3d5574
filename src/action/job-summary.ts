/**
 * Writes the job summary. The Markdown is rendered by pure functions; this file only sizes it and writes it.
 */
import * as core from '@actions/core';
import { measureLongestBacktickRun } from '../reports/markdown-safe.js';

import { escapeControlCharacters } from '../contracts/escape-control-characters.js';

/** GitHub refuses a step summary over 1 MiB; stay clearly under it. */
export const MAX_SUMMARY_BYTES = 1_000_000;

/**
 * Renders with a character budget until the result fits in `maxBytes` of UTF-8. Renderers count characters,
 * and a snippet of non-ASCII text takes up to three bytes per character, so the budget shrinks in proportion
 * when the first rendering is too large.
 */
export function fitToBytes(render: (maxChars: number) => string, maxBytes: number): string {
  let maxChars = maxBytes;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const text = render(maxChars);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= maxBytes) return text;
    maxChars = Math.floor((maxChars * maxBytes * 0.95) / bytes);
  }
  // A renderer that ignores its budget still must not make the write fail: cut on a character boundary.
  const text = render(maxChars);
  return new TextDecoder().decode(Buffer.from(text, 'utf8').subarray(0, maxBytes)).replace(/\uFFFD$/, '');
}

/**
 * The summary of a run that stopped before any check ran (invalid contracts or inputs). Each line of the
 * message shows its invisible characters as escapes: a code block keeps Markdown out, not bidi overrides.
 */
export function renderErrorSummary(title: string, lines: readonly string[]): string {
  const message = lines.map((line) => escapeControlCharacters(line)).join('\n');
  // A fence longer than any backtick run in the message, so the message cannot close it.
  const longestRun = measureLongestBacktickRun(message);
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `## ${title}\n\n${fence}text\n${message}\n${fence}\n`;
}

/**
 * Appends `markdown` to the step summary. Never throws: a summary that cannot be written (no
 * GITHUB_STEP_SUMMARY outside Actions, a full disk) is a warning, not a reason to lose the run's result.
 *
 * @returns true when written.
 */
export async function writeJobSummary(markdown: string, warn: (message: string) => void): Promise<boolean> {
  try {
    await core.summary.addRaw(markdown, true).write();
    return true;
  } catch (error) {
    core.summary.emptyBuffer();
    warn(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
