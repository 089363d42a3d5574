/**
 * Contract texts at the sizes issue 11 names, shared by the size tests (test/unit/contracts/*.sizes.test.ts)
 * and the bench's loading-bounds rows (bench/lib/loading-bounds-child.mjs builds the same texts), so a bound that
 * a test checks for outcome is the one the bench times.
 */

const MIB = 1024 * 1024;

/** Just under the 5 MiB contract file cap: `webhooks:` followed by nothing but `[`. */
export function makeNestedBrackets(bytes = 5 * MIB - 1024): string {
  const head = 'version: 1\nwebhooks: ';
  return head + '['.repeat(bytes - head.length);
}

/** One webhook whose template holds `count` distinct tokens that no sample has. */
export function makeMissingTokens(count = 100_000): string {
  const tokens = Array.from({ length: count }, (_, index) => `{{lead.t${index}}}`).join(' ');
  return `version: 1\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    method: POST\n    template: '${tokens}'\n`;
}

/** `count` webhooks, each with five problems: a relative URL, a bad method, status, timeout and an unknown key. */
export function makeBadWebhooks(count = 50_000): string {
  const lines = Array.from(
    { length: count },
    (_, index) =>
      `  - { name: W${index}, url: x${index}, method: PUTT, expect: { status: 700 }, timeout: 45s, colour: red }`,
  );
  return `version: 1\nwebhooks:\n${lines.join('\n')}\n`;
}

/** One webhook with `count` mappings onto ten declared fields. */
export function makeManyMappings(count = 20_000): string {
  const fields = Array.from({ length: 10 }, (_, index) => `f${index}: string`).join(', ');
  const mappings = Array.from({ length: count }, (_, index) => `      data.f${index}: f${index % 10}`);
  return `version: 1\nfields: { ${fields} }\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    responseType: json\n    mappings:\n${mappings.join('\n')}\n`;
}

/** `count` samples, and a webhook listing `count` sample names none of which is declared. */
export function makeUnknownSamples(count = 20_000): string {
  const samples = Array.from({ length: count }, (_, index) => `  s${index}: { lead: { a: "x" } }`);
  const names = Array.from({ length: count }, (_, index) => `x${index}`).join(', ');
  return `version: 1\nsamples:\n${samples.join('\n')}\nwebhooks:\n  - name: A\n    url: http://127.0.0.1:1/\n    samples: [${names}]\n`;
}
