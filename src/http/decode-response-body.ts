/**
 * Reads a response body under the size cap, decoding its Content-Encoding the way an HTTP client does (fetch
 * decodes gzip, deflate, br and zstd; `identity` means none). The cap applies to the received bytes AND to the
 * decoded bytes: a 1 GB gzip bomb of about 1 MB stops being decoded at the cap and is `too-large`.
 *
 * Decisions:
 * - node:zlib's streaming decoders, not undici's decompress interceptor: the interceptor is experimental (it prints
 *   a process warning), passes an unknown encoding through undecoded, and takes its size limit per dispatcher,
 *   while our cap is per call.
 * - Memory is bounded by the design, whatever the ratio: decoded output arrives in zlib chunks (16 KiB) and is
 *   counted as it arrives; past the cap every decoder is destroyed. Received bytes are capped too, so what waits
 *   in a decoder's input is at most the cap.
 * - Stacked encodings (`gzip, br`: br applied last) are undone last-first, each stage's output counted against the
 *   cap; more than {@link MAX_STACKED_ENCODINGS} are refused (as undici and curl do).
 * - `deflate` is zlib-wrapped per RFC 9110, but some servers send raw deflate: the first bytes tell which.
 * - An unknown encoding or a corrupt stream is `undecodable`, with the reason; an empty body needs no decoding.
 */
import type { Transform } from 'node:stream';
import type * as Zlib from 'node:zlib';

/** node:zlib, loaded on the first encoded response (most responses have none; the CLI starts without it). */
const loadZlib = (): typeof Zlib => process.getBuiltinModule('node:zlib');

export type BodyResult =
  | { readonly kind: 'body'; readonly body: Uint8Array }
  /** `decodedBytes`: how far decoding went before it was stopped (at most the cap and one chunk). */
  | { readonly kind: 'too-large'; readonly decodedBytes: number }
  | { readonly kind: 'undecodable'; readonly message: string };

export interface BodyReader {
  /** Takes the next received bytes; false once the body is over the cap (stop reading). */
  write(chunk: Uint8Array): boolean;
  /** The received body is complete: the decoded body, or why there is none. */
  end(): Promise<BodyResult>;
  /** The call ended otherwise (timeout, network error): frees the decoders. */
  destroy(): void;
}

/** Encodings decoded beyond this count in one response are refused. */
export const MAX_STACKED_ENCODINGS = 3;

type Encoding = 'gzip' | 'deflate' | 'br' | 'zstd';

const DECODERS: Readonly<Record<string, Encoding>> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
  zstd: 'zstd',
};

/**
 * A reader for one response.
 *
 * @param contentEncoding the Content-Encoding header (repeated headers joined with commas), if any.
 * @param onTooLarge called once when decoded output passes the cap while the body is still arriving.
 */
export function createBodyReader(
  contentEncoding: string | undefined,
  maxBytes: number,
  onTooLarge: () => void,
): BodyReader {
  const encodings = parseContentEncoding(contentEncoding);
  if (!Array.isArray(encodings)) return createRefusingReader(encodings.message, maxBytes);
  if (encodings.length === 0) return createPlainReader(maxBytes);
  return createDecodingReader(encodings, maxBytes, onTooLarge);
}

/** The encodings to undo, in the order they were applied; or why they cannot be. */
function parseContentEncoding(header: string | undefined): Encoding[] | { message: string } {
  const names = (header ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity');
  if (names.length > MAX_STACKED_ENCODINGS) {
    return {
      message: `the body has ${names.length} Content-Encodings stacked, more than ${MAX_STACKED_ENCODINGS}`,
    };
  }
  const encodings: Encoding[] = [];
  for (const name of names) {
    const encoding = DECODERS[name];
    // zstd came to node:zlib in Node 22.15 (the CLI runs on 22.17+, but say so rather than throw if it is absent).
    if (
      encoding === undefined ||
      (encoding === 'zstd' && typeof loadZlib().createZstdDecompress !== 'function')
    ) {
      const known = Object.keys(DECODERS).join(', ');
      return {
        message: `the body's Content-Encoding "${name}" is not one an HTTP client decodes (${known})`,
      };
    }
    encodings.push(encoding);
  }
  return encodings;
}

/**
 * Collects bytes into one buffer. A body that came in one chunk is that chunk (most do: a copy per call was a
 * visible cost); the body is judged and dropped, never kept in a result, so the chunk's backing store is not pinned.
 */
class Collector {
  private chunks: Uint8Array[] = [];
  size = 0;

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  take(): Uint8Array {
    const [only] = this.chunks;
    if (this.chunks.length === 1 && only !== undefined) {
      this.chunks = [];
      return only;
    }
    const body = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      body.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [];
    return body;
  }

  clear(): void {
    this.chunks = [];
  }
}

function createPlainReader(maxBytes: number): BodyReader {
  const collector = new Collector();
  return {
    write(chunk) {
      if (collector.size + chunk.length > maxBytes) {
        collector.clear();
        return false;
      }
      collector.add(chunk);
      return true;
    },
    end: () => Promise.resolve({ kind: 'body', body: collector.take() }),
    destroy: () => collector.clear(),
  };
}

/** An encoding we cannot decode: the bytes are counted (the cap still holds) and dropped. */
function createRefusingReader(message: string, maxBytes: number): BodyReader {
  let received = 0;
  return {
    write(chunk) {
      received += chunk.length;
      return received <= maxBytes;
    },
    end: () => Promise.resolve({ kind: 'undecodable', message }),
    destroy: () => undefined,
  };
}

function createDecodingReader(
  encodings: readonly Encoding[],
  maxBytes: number,
  onTooLarge: () => void,
): BodyReader {
  // Undone last-first: `Content-Encoding: gzip, br` was gzipped, then br-compressed.
  const order = [...encodings].reverse();
  const output = new Collector();
  let stages: Transform[] = [];
  let received = 0;
  let result: BodyResult | undefined;
  let settle: ((result: BodyResult) => void) | undefined;

  const conclude = (outcome: BodyResult): void => {
    if (result !== undefined) return;
    result = outcome;
    for (const stage of stages) stage.destroy();
    if (outcome.kind !== 'body') output.clear();
    settle?.(outcome);
  };

  const start = (first: Uint8Array): void => {
    stages = order.map((encoding, index) => createDecoder(encoding, index === 0 ? first : undefined));
    stages.forEach((stage, index) => {
      const encoding = order[index] ?? 'gzip';
      stage.on('error', (error: Error) => {
        conclude({
          kind: 'undecodable',
          message: `the ${encoding} body could not be decoded: ${error.message}`,
        });
      });
      let produced = 0;
      stage.on('data', (chunk: Buffer) => {
        if (result !== undefined) return;
        produced += chunk.length;
        if (produced > maxBytes) {
          conclude({ kind: 'too-large', decodedBytes: produced });
          onTooLarge();
          return;
        }
        if (index === stages.length - 1) output.add(chunk);
      });
      const next = stages[index + 1];
      if (next !== undefined) stage.pipe(next);
      else stage.on('end', () => conclude({ kind: 'body', body: output.take() }));
    });
  };

  return {
    write(chunk) {
      if (result !== undefined) return result.kind !== 'too-large';
      received += chunk.length;
      if (received > maxBytes) {
        conclude({ kind: 'too-large', decodedBytes: output.size });
        return false;
      }
      if (stages.length === 0) start(chunk);
      stages[0]?.write(chunk);
      return true;
    },
    end() {
      if (result !== undefined) return Promise.resolve(result);
      // No bytes (a HEAD, a 204): nothing to decode.
      if (stages.length === 0) return Promise.resolve({ kind: 'body', body: new Uint8Array(0) });
      const done = new Promise<BodyResult>((resolve) => {
        settle = resolve;
      });
      stages[0]?.end();
      return done;
    },
    destroy() {
      conclude({ kind: 'undecodable', message: 'the call ended before the body was complete' });
    },
  };
}

function createDecoder(encoding: Encoding, first: Uint8Array | undefined): Transform {
  const zlib = loadZlib();
  switch (encoding) {
    case 'gzip':
      return zlib.createGunzip();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd':
      return zlib.createZstdDecompress();
    case 'deflate':
      // A zlib header: compression method 8 in the low nibble, and the two bytes a multiple of 31.
      return first === undefined || isZlibHeader(first) ? zlib.createInflate() : zlib.createInflateRaw();
  }
}

function isZlibHeader(bytes: Uint8Array): boolean {
  const [cmf = 0, flags] = bytes;
  if ((cmf & 0x0f) !== 8) return false;
  return flags === undefined || ((cmf << 8) | flags) % 31 === 0;
}
