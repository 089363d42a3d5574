/**
 * Loads one of issue 11's large contracts (test/support/large-contracts.ts, the texts the size tests check) in a
 * fresh process and prints one JSON line: `{ ok, ms, maxRssMiB, outcome }`. argv[2]: `{ engineFile, case }`.
 * The text is generated before the clock starts; the peak RSS is the whole process's (text included).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const options = JSON.parse(process.argv[2] ?? '{}');
const texts = await import(
  pathToFileURL(`${import.meta.dirname}/../../test/support/large-contracts.ts`).href
);
const engine = await import(pathToFileURL(options.engineFile).href);

/** @type {Record<string, { text: () => string, render?: boolean }>} */
const CASES = {
  nesting: { text: () => texts.makeNestedBrackets() },
  tokens: { text: () => texts.makeMissingTokens(), render: true },
  webhooks: { text: () => texts.makeBadWebhooks() },
  mappings: { text: () => texts.makeManyMappings() },
  samples: { text: () => texts.makeUnknownSamples() },
};

const chosen = CASES[options.case];
if (chosen === undefined) throw new Error(`unknown case ${options.case}`);
const text = chosen.text();
const started = performance.now();
let outcome;
// A load that threw anything but the located refusal is the engine failing, not a bound met.
let crashed = false;
try {
  const [contract] = engine.parseContractFiles(
    [{ file: 'big.yml', text }],
    {},
    {
      countSecretCharacters: engine.countSecretCharacters,
    },
  );
  if (chosen.render) {
    const webhook = contract.webhooks[0];
    const { warnings } = engine.createRequestRenderer(webhook)(contract.samples.get('default'));
    outcome = `loaded; rendered with ${warnings.length.toLocaleString('en-US')} warnings`;
  } else outcome = `loaded (${contract.webhooks.length} webhooks)`;
} catch (error) {
  const problems = error?.problems;
  crashed = !Array.isArray(problems);
  outcome = Array.isArray(problems)
    ? `refused: ${problems.length} problems listed, first at ${problems[0]?.line}:${problems[0]?.column}`
    : `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ ok: !crashed, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, outcome, bytes: text.length })}\n`,
);
