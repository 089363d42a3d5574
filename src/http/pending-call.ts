/**
 * One call in flight: undici's dispatch handler for it, its whole-call timer and its body reader, settled once
 * with a {@link CallOutcome}. A class rather than a closure per callback: a large suite makes one of these per
 * check, and a handful of closures each was the HTTP adapter's largest allocation.
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { CallOutcome } from '../judging/call-outcome.js';
import type { SendOptions } from '../engine/ports.js';
import type { RenderedRequest } from '../requests/rendered-request.js';
import { createBodyReader } from './decode-response-body.js';
import type { BodyReader } from './decode-response-body.js';
import { describeFailure } from './describe-network-failure.js';

// `node:http` is read through getBuiltinModule, not imported: an ES import of it builds a facade that reads every
// export, and one of them loads Node's own copy of undici (about 70 ms of CLI start).
const { STATUS_CODES } = process.getBuiltinModule('node:http');

/** Our own reasons for aborting a call, so the error they produce is not mistaken for a network fault. */
class CallAborted extends Error {}

export class PendingCall implements Dispatcher.DispatchHandler {
  private settled = false;
  private controller: Dispatcher.DispatchController | undefined;
  /** An abort asked for before undici handed us a controller (still connecting), applied when it does. */
  private pendingAbort: Error | undefined;
  private status = 0;
  private statusText = '';
  private headers: Record<string, string> = {};
  private reader: BodyReader | undefined;
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly request: RenderedRequest,
    private readonly options: SendOptions,
    private readonly resolve: (outcome: CallOutcome) => void,
  ) {
    // One timer covers connect, headers and body: Marketo gives up on the whole call, not on each phase.
    this.timer = setTimeout(timeOut, options.timeoutMs, this);
  }

  /** Whether the outcome is decided (a timeout may come while a proxy's host check is still resolving). */
  get isSettled(): boolean {
    return this.settled;
  }

  /** Settles the call as failed by `error` (a network fault, a request undici refused). */
  fail(error: unknown): void {
    const { request, options } = this;
    this.finish(describeFailure(error, request.url, options.timeoutMs, this.elapsed(), options.describeHost));
  }

  onTimeout(): void {
    const { timeoutMs } = this.options;
    this.finish({ kind: 'timeout', timeoutMs, latencyMs: this.elapsed(), attempts: 1 });
    this.abort(new CallAborted(`no complete response within ${timeoutMs} ms`));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.pendingAbort !== undefined) controller.abort(this.pendingAbort);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    responseHeaders: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    const { maxBodyBytes } = this.options;
    this.status = statusCode;
    this.statusText =
      statusMessage !== undefined && statusMessage !== '' ? statusMessage : (STATUS_CODES[statusCode] ?? '');
    this.headers = flattenHeaders(responseHeaders);
    // A declared length over the cap is refused before a byte of the body is read, and no reader is made for it.
    const declared = Number(this.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      this.finishTooLarge();
      return;
    }
    // The cap applies to the received and to the decoded bytes (decode-response-body).
    this.reader = createBodyReader(this.headers['content-encoding'], maxBodyBytes, () =>
      this.finishTooLarge(),
    );
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Uint8Array): void {
    if (this.settled) return;
    // Stop reading at the cap, so memory stays bounded however large the body is.
    if (this.reader?.write(chunk) === false) this.finishTooLarge();
  }

  onResponseEnd(): void {
    if (this.settled || this.reader === undefined) return;
    void this.reader.end().then((read) => {
      if (read.kind === 'too-large') return this.finishTooLarge();
      const body = read.kind === 'body' ? read.body : new Uint8Array(0);
      const bodyError = read.kind === 'undecodable' ? { bodyError: read.message } : {};
      const { status, statusText, headers } = this;
      this.finish({
        kind: 'response',
        status,
        statusText,
        headers,
        body,
        ...bodyError,
        latencyMs: this.elapsed(),
        attempts: 1,
      });
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  private finishTooLarge(): void {
    const { status, statusText } = this;
    this.finish({
      kind: 'too-large',
      status,
      statusText,
      limitBytes: this.options.maxBodyBytes,
      latencyMs: this.elapsed(),
      attempts: 1,
    });
    this.abort(new CallAborted('response body over the size limit'));
  }

  private finish(outcome: CallOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.reader?.destroy();
    this.resolve(outcome);
  }

  private abort(reason: Error): void {
    const { controller } = this;
    if (controller === undefined) this.pendingAbort = reason;
    else if (!controller.aborted) controller.abort(reason);
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }
}

function timeOut(call: PendingCall): void {
  call.onTimeout();
}

/** Header values joined the way fetch's `Headers` joins them; names are already lower-case. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
