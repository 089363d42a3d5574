/**
 * Progress on stderr while checks run. A terminal gets one line rewritten in place, with the failures so far and
 * an estimate of the time left; a log (CI, a pipe) gets a count line every 10 % of the checks or every 10 s, so a
 * long run shows it is alive without flooding the log.
 */
import { formatDuration } from './format-duration.js';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressReporter {
  /** Call as each check finishes, with how many of the finished checks failed. */
  onCheck(done: number, total: number, failed?: number): void;
  /** Clears the terminal line and stops the timer; call once, in `finally`. */
  finish(): void;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
  /** How often a log gets a line even when few checks finish. Default 10 s. */
  readonly intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 10_000;
/** Erase the whole line and return to its start. */
const CLEAR_LINE = '\r\x1b[2K';

/** Creates the reporter for a terminal or a log, decided by `stream.isTTY`. */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  return options.stream.isTTY === true ? createTerminalProgress(options) : createLogProgress(options);
}

/** A no-op reporter, for `--quiet`. */
export function createSilentProgress(): ProgressReporter {
  return { onCheck() {}, finish() {} };
}

function createTerminalProgress({ stream, now }: ProgressOptions): ProgressReporter {
  let shown = false;
  const startedAt = now();
  return {
    onCheck(done, total, failed = 0) {
      const failures = failed === 0 ? '' : `, ${failed} failed`;
      stream.write(
        `${CLEAR_LINE}${done}/${total} checks${failures}${describeTimeLeft(done, total, now() - startedAt)}…`,
      );
      shown = true;
    },
    finish() {
      // The table follows on stdout, often the same terminal: leave no half line behind.
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

function createLogProgress({
  stream,
  now,
  intervalMs = DEFAULT_INTERVAL_MS,
}: ProgressOptions): ProgressReporter {
  let lastDone = 0;
  let lastTotal = 0;
  let lastLineDone = 0;
  let lastLineAt = now();
  let lastFailed = 0;
  const print = (done: number, total: number): void => {
    stream.write(`${done}/${total} checks done${lastFailed === 0 ? '' : `, ${lastFailed} failed`}\n`);
    lastLineDone = done;
    lastLineAt = now();
  };
  // A slow webhook can hold every remaining check for up to 30 s: the timer says so even when nothing finishes.
  const timer = setInterval(() => {
    if (lastTotal > 0 && now() - lastLineAt >= intervalMs) print(lastDone, lastTotal);
  }, intervalMs);
  timer.unref();
  return {
    onCheck(done, total, failed = 0) {
      lastDone = done;
      lastTotal = total;
      lastFailed = failed;
      const step = Math.max(1, Math.ceil(total / 10));
      if (done - lastLineDone >= step || done === total || now() - lastLineAt >= intervalMs)
        print(done, total);
    },
    finish() {
      clearInterval(timer);
    },
  };
}

/**
 * `, about 8 s left`: the time so far per finished check times the checks still to go. Nothing before the first
 * check finishes or once all have, nor while less than a second has passed (too little to go on).
 */
function describeTimeLeft(done: number, total: number, elapsedMs: number): string {
  if (done <= 0 || done >= total || elapsedMs < 1_000) return '';
  return `, about ${formatDuration((elapsedMs / done) * (total - done))} left`;
}
