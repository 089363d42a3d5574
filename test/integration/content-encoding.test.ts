/**
 * Content-Encoding (issue 11): a compressed response is decoded as an HTTP client decodes it, with the body cap on
 * the DECODED bytes, against a real server on 127.0.0.1. A gzip bomb is `too-large`, and the streaming reader
 * stops decoding at the cap (it never holds the inflated body); unknown, over-stacked and corrupt encodings are a
 * clear `bodyError`.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBodyReader, MAX_STACKED_ENCODINGS } from '../../src/http/decode-response-body.js';
import type { BodyResult } from '../../src/http/decode-response-body.js';
import { createHttpClient } from '../../src/http/http-client.js';
import type { CallOutcome } from '../../src/judging/call-outcome.js';
import type { HttpClient } from '../../src/engine/ports.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const MIB = 1024 * 1024;
const CAP = MIB;
const SEND = { timeoutMs: 10_000, maxBodyBytes: CAP };
const JSON_BODY = Buffer.from('{"data":{"score":42,"tier":"gold"}}');

const ENCODERS: Readonly<Record<string, (data: Buffer) => Buffer>> = {
  gzip: (data) => zlib.gzipSync(data),
  'x-gzip': (data) => zlib.gzipSync(data),
  deflate: (data) => zlib.deflateSync(data),
  br: (data) => zlib.brotliCompressSync(data),
  zstd: (data) => zlib.zstdCompressSync(data),
};

/** Applies `encodings` in the order a server lists them (the last one applied last). */
function encode(data: Buffer, encodings: readonly string[]): Buffer {
  return encodings.reduce((bytes, encoding) => {
    const encoder = ENCODERS[encoding];
    if (encoder === undefined) throw new Error(`no encoder for ${encoding}`);
    return encoder(bytes);
  }, data);
}

let server: StagingServer;
let client: HttpClient;
let bomb: Buffer;

beforeAll(async () => {
  server = await startStagingServer();
  client = createHttpClient();
  // 64 MiB of zeros gzip to about 64 KiB: well under the 1 MiB cap as sent, 64 times over it decoded.
  bomb = await promisify(zlib.gzip)(Buffer.alloc(64 * MIB));
  server.route('/encoded', (request, response) => {
    const url = new URL(request.url ?? '/', server.url);
    const header = url.searchParams.get('encoding') ?? '';
    const kind = url.searchParams.get('body');
    const body =
      kind === 'bomb'
        ? bomb
        : kind === 'raw-deflate'
          ? zlib.deflateRawSync(JSON_BODY)
          : kind === 'corrupt'
            ? Buffer.from('this is not gzip at all')
            : kind === 'truncated'
              ? zlib.gzipSync(JSON_BODY).subarray(0, 20)
              : kind === 'plain'
                ? JSON_BODY
                : encode(
                    JSON_BODY,
                    header.split(',').map((name) => name.trim()),
                  );
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': header });
    response.end(body);
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function send(encoding: string, body = ''): Promise<CallOutcome> {
  const query = new URLSearchParams({ encoding, body }).toString();
  return client.send(
    { method: 'GET', url: `${server.url}/encoded?${query}`, headers: {}, warnings: [] },
    SEND,
  );
}

function bodyOf(outcome: CallOutcome): string {
  if (outcome.kind !== 'response') throw new Error(`expected a response, got ${outcome.kind}`);
  expect(outcome.bodyError).toBeUndefined();
  return Buffer.from(outcome.body).toString('utf8');
}

function bodyErrorOf(outcome: CallOutcome): string {
  if (outcome.kind !== 'response') throw new Error(`expected a response, got ${outcome.kind}`);
  expect(outcome.body).toHaveLength(0);
  return outcome.bodyError ?? '';
}

describe('decoding what an HTTP client decodes', () => {
  it.each(['gzip', 'x-gzip', 'deflate', 'br', 'zstd', 'GZIP', 'gzip, br', 'br,deflate', 'identity, gzip'])(
    'decodes Content-Encoding %j',
    async (encoding) => {
      expect(bodyOf(await send(encoding.toLowerCase().replace('identity, ', '')))).toBe(JSON_BODY.toString());
    },
  );

  it('decodes raw deflate (no zlib header), as browsers do', async () => {
    expect(bodyOf(await send('deflate', 'raw-deflate'))).toBe(JSON_BODY.toString());
  });

  it('passes identity and no encoding through', async () => {
    expect(bodyOf(await send('identity', 'plain'))).toBe(JSON_BODY.toString());
    expect(bodyOf(await send('', 'plain'))).toBe(JSON_BODY.toString());
  });
});

describe('what cannot be decoded', () => {
  it('names an unknown encoding', async () => {
    expect(bodyErrorOf(await send('compress', 'plain'))).toBe(
      `the body's Content-Encoding "compress" is not one an HTTP client decodes (gzip, x-gzip, deflate, br, zstd)`,
    );
  });

  it(`refuses more than ${MAX_STACKED_ENCODINGS} stacked encodings`, async () => {
    expect(bodyErrorOf(await send('gzip, gzip, gzip, gzip', 'plain'))).toBe(
      `the body has 4 Content-Encodings stacked, more than ${MAX_STACKED_ENCODINGS}`,
    );
  });

  it('says why a corrupt or truncated gzip body could not be decoded', async () => {
    expect(bodyErrorOf(await send('gzip', 'corrupt'))).toMatch(
      /^the gzip body could not be decoded: incorrect header check/,
    );
    expect(bodyErrorOf(await send('gzip', 'truncated'))).toMatch(
      /^the gzip body could not be decoded: unexpected end of file/,
    );
  });
});

describe('a gzip bomb', () => {
  it('is too-large: the cap is on the decoded bytes', async () => {
    const outcome = await send('gzip', 'bomb');
    expect(outcome).toMatchObject({ kind: 'too-large', status: 200, limitBytes: CAP });
  });

  it('stops being decoded at the cap: the reader never holds more than the cap and one chunk', async () => {
    let stoppedEarly = 0;
    const reader = createBodyReader('gzip', CAP, () => (stoppedEarly += 1));
    // Fed as a server sends it, in 16 KiB pieces.
    let accepted = true;
    for (let offset = 0; offset < bomb.length && accepted; offset += 16 * 1024) {
      accepted = reader.write(bomb.subarray(offset, offset + 16 * 1024));
    }
    const result: BodyResult = await reader.end();
    expect(result.kind).toBe('too-large');
    if (result.kind !== 'too-large') return;
    expect(result.decodedBytes).toBeGreaterThan(CAP);
    expect(result.decodedBytes).toBeLessThanOrEqual(CAP + 64 * 1024);
    expect(stoppedEarly).toBe(1);
  });

  it('is too-large when the compressed body alone is over the cap', async () => {
    const reader = createBodyReader('gzip', 1024, () => undefined);
    expect(reader.write(bomb.subarray(0, 2048))).toBe(false);
    expect((await reader.end()).kind).toBe('too-large');
  });
});
