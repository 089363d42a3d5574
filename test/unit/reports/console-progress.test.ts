import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createProgressReporter, createSilentProgress } from '../../../src/reports/console-progress.js';

/** A stream that records what is written, and a clock the test moves by hand. */
function makeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } };
}

let clock = 0;
const now = (): number => clock;

beforeEach(() => {
  clock = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createProgressReporter on a terminal', () => {
  it('rewrites one line and clears it at the end', () => {
    const { writes, stream } = makeStream(true);
    const progress = createProgressReporter({ stream, now });
    progress.onCheck(1, 40);
    progress.onCheck(12, 40);
    progress.finish();
    expect(writes).toEqual(['\r\x1b[2K1/40 checks…', '\r\x1b[2K12/40 checks…', '\r\x1b[2K']);
  });

  it('shows the failures so far and, after a second, the time left', () => {
    const { writes, stream } = makeStream(true);
    const progress = createProgressReporter({ stream, now });
    clock = 500;
    progress.onCheck(1, 40, 0);
    clock = 2_000;
    progress.onCheck(10, 40, 2);
    clock = 8_000;
    progress.onCheck(40, 40, 3);
    expect(writes).toEqual([
      '\r\x1b[2K1/40 checks…',
      // 2 s for 10 checks: 30 more take about 6 s.
      '\r\x1b[2K10/40 checks, 2 failed, about 6 s left…',
      '\r\x1b[2K40/40 checks, 3 failed…',
    ]);
  });

  it('writes nothing at the end when nothing was shown', () => {
    const { writes, stream } = makeStream(true);
    createProgressReporter({ stream, now }).finish();
    expect(writes).toEqual([]);
  });
});

describe('createProgressReporter in a log', () => {
  it('prints a line every 10 % of the checks and at the end', () => {
    const { writes, stream } = makeStream(false);
    const progress = createProgressReporter({ stream, now });
    for (let done = 1; done <= 25; done += 1) progress.onCheck(done, 25);
    progress.finish();
    // 10 % of 25 rounds up to 3 checks a line.
    expect(writes).toEqual([
      '3/25 checks done\n',
      '6/25 checks done\n',
      '9/25 checks done\n',
      '12/25 checks done\n',
      '15/25 checks done\n',
      '18/25 checks done\n',
      '21/25 checks done\n',
      '24/25 checks done\n',
      '25/25 checks done\n',
    ]);
  });

  it('adds the failures so far to its lines', () => {
    const { writes, stream } = makeStream(false);
    const progress = createProgressReporter({ stream, now });
    progress.onCheck(1, 2, 1);
    progress.onCheck(2, 2, 1);
    progress.finish();
    expect(writes).toEqual(['1/2 checks done, 1 failed\n', '2/2 checks done, 1 failed\n']);
  });

  it('prints a line after 10 s without one, even when no check finishes', () => {
    const { writes, stream } = makeStream(false);
    const progress = createProgressReporter({ stream, now });
    progress.onCheck(1, 100);
    expect(writes).toEqual([]);
    clock = 10_000;
    vi.advanceTimersByTime(10_000);
    expect(writes).toEqual(['1/100 checks done\n']);
    clock = 15_000;
    vi.advanceTimersByTime(5_000);
    expect(writes).toHaveLength(1);
    progress.finish();
    clock = 60_000;
    vi.advanceTimersByTime(60_000);
    expect(writes).toHaveLength(1);
  });
});

describe('createSilentProgress', () => {
  it('accepts calls and writes nothing', () => {
    const progress = createSilentProgress();
    progress.onCheck(1, 1);
    progress.finish();
    expect(vi.getTimerCount()).toBe(0);
  });
});
