/**
 * The redactor's cost per text, against a baseline measured in the same run (never a gate; prints ratios):
 *
 *   npx node bench/redaction.mjs [baseline-root]
 *
 * Bundles src/reports/redaction/redact-secrets.ts of this tree (and of `baseline-root`, another checkout such as
 * main's, when given) with esbuild into a temporary directory, then redacts the same texts with each: response-like
 * windows of 600 characters (JSON error bodies, prose, hex and base64 heavy text, a hex dump), each text distinct so
 * the redactor's cache never answers. Rows: µs per text with one 24-character secret, with none (the fast path), and
 * the ratio of this tree to the baseline.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE = 'src/reports/redaction/redact-secrets.ts';
const OLD_SOURCE = 'src/reports/redact-secrets.ts';
const SECRET = 'sk_live_9fQ2xT7bLw3ZkP8v';
const TEXTS_PER_KIND = 400;
const ROUNDS = 7;

async function bundle(root, directory, name) {
  const source = existsSync(join(root, SOURCE)) ? SOURCE : OLD_SOURCE;
  const { build } = await import('esbuild');
  const file = join(directory, `${name}.mjs`);
  await build({
    entryPoints: [join(root, source)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: file,
    logLevel: 'silent',
  });
  return import(pathToFileURL(file).href);
}

function pick(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
}

/** Texts of each kind, 600 characters, every one distinct. */
function makeTexts() {
  const random = pick(7);
  const word = () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let text = '';
    for (let length = 2 + (random() % 8); length > 0; length -= 1) text += letters[random() % letters.length];
    return text;
  };
  const hex = (bytes) =>
    Array.from({ length: bytes }, () => (random() % 256).toString(16).padStart(2, '0')).join('');
  const fill = (make) => {
    let text = '';
    while (text.length < 600) text += make();
    return text.slice(0, 600);
  };
  const kinds = {
    'JSON error body': () =>
      fill(() => `{"error":"${word()} ${word()}","code":${random() % 600},"trace":"${word()}-${hex(4)}"},`),
    prose: () => fill(() => `${word()} `),
    'hex and base64 heavy': () =>
      fill(() => `${hex(16)} ${Buffer.from(hex(9), 'hex').toString('base64')} ${crypto.randomUUID()} `),
    'hex dump': () =>
      fill(() => {
        const bytes = Buffer.from(hex(16), 'hex');
        const groups = bytes.toString('hex').match(/.{4}/g).join(' ');
        return `${(random() % 65536).toString(16).padStart(8, '0')}: ${groups}  ${bytes.toString('latin1').replace(/[^\x20-\x7e]/g, '.')}\n`;
      }),
  };
  return Object.fromEntries(
    Object.entries(kinds).map(([kind, make]) => [kind, Array.from({ length: TEXTS_PER_KIND }, make)]),
  );
}

/** Median µs per text of each redactor, their rounds alternating so that a change of load hits both alike. */
function measure(redactors, texts) {
  const times = redactors.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    redactors.forEach((redact, which) => {
      const start = process.hrtime.bigint();
      // A new text per call (a suffix per round): the cache never answers.
      for (const text of texts) redact(`${text}${round}`, { truncated: true });
      times[which].push(Number(process.hrtime.bigint() - start) / 1000 / texts.length);
    });
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]);
}

const directory = await mkdtemp(join(tmpdir(), 'wc-bench-redaction-'));
try {
  const current = await bundle(process.cwd(), directory, 'current');
  const baselineRoot = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
  const baseline = baselineRoot === undefined ? undefined : await bundle(baselineRoot, directory, 'baseline');
  const texts = makeTexts();
  console.log(
    `redaction, µs per 600-character text (median of ${ROUNDS} alternating rounds of ${TEXTS_PER_KIND} texts)`,
  );
  console.log(`baseline: ${baselineRoot ?? '(none given)'}`);
  for (const [kind, list] of Object.entries(texts)) {
    const redactors = [current.createRedactor([]), current.createRedactor([SECRET])];
    if (baseline !== undefined) redactors.push(baseline.createRedactor([SECRET]));
    // One warm-up round each, not measured.
    for (const redact of redactors) for (const text of list) redact(`${text}warm`, { truncated: true });
    const [none = 0, mine = 0, theirs] = measure(redactors, list);
    const ratio =
      theirs === undefined
        ? ''
        : `  ratio to baseline ${(mine / theirs).toFixed(2)}x (baseline ${theirs.toFixed(1)})`;
    console.log(
      `${kind.padEnd(22)} no secret ${none.toFixed(2).padStart(6)}   one secret ${mine.toFixed(1).padStart(7)}${ratio}`,
    );
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}
