/** Contract file texts for tests: the SPEC's example, a dedent tag for inline YAML, and the webhooks tests share. */

/**
 * Dedents a template literal so YAML can be written indented in a test: the first line break is dropped and
 * the smallest indentation of the non-blank lines is removed from every line. Line numbers in assertions then
 * count from the line after the opening backtick.
 */
export function dedentYaml(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  const raw = strings.reduce(
    (out, part, index) => out + part + (index < values.length ? String(values[index]) : ''),
    '',
  );
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(cut)).join('\n');
}

/** The environment the SPEC example reads. */
export const SPEC_EXAMPLE_ENV: Readonly<Record<string, string>> = {
  SCORING_KEY: 'sk-test-123',
  STAGING_URL: 'https://staging.example.com',
};

/** The contract of SPEC section 2, with a concrete `expect.schema`. Line numbers are relied on by tests. */
export const SPEC_EXAMPLE_YAML = dedentYaml`
  # yaml-language-server: $schema=../schema/contracts.schema.json
  version: 1
  samples:
    alice:
      lead: { Email Address: alice@example.com, First Name: Alice }
      company: { Company Name: Acme }
      my: { Region: EMEA }
  fields:
    leadScore: integer
    tier: string
  defaults:
    timeout: 30s
    headers: { Content-Type: application/json, X-Api-Key: "\${SCORING_KEY}" }
  webhooks:
    - name: Score lead
      url: "\${STAGING_URL}/score?email={{lead.Email Address}}"
      method: POST
      template: '{"email": {{lead.Email Address}}, "name": {{lead.First Name:default=friend}}}'
      encoding: json
      responseType: json
      campaign: trigger
      mappings: { data.score: leadScore, data.tier: tier }
      expect:
        status: 2xx
        schema: { type: object, required: [data] }
        maxLatency: 2s
      samples: [alice]
`;

/**
 * A YAML double-quoted scalar for any text: every character outside printable ASCII as a `\u` or `\U` escape,
 * so control, invisible and astral characters reach the loader exactly, whichever YAML version it reads.
 */
export function quoteYaml(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/gu, (character) => {
    const code = character.codePointAt(0) ?? 0;
    return code > 0xffff
      ? `\\U${code.toString(16).padStart(8, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The lines of a webhook under `webhooks:` that POSTs a lead's `Email Address` as JSON with the `${API_KEY}`
 * header and maps the answer's `data.score` to the field `leadScore`. `name` and `url` are YAML scalars, written
 * as they are (quote them with quoteYaml when they hold any text).
 */
export function makeScoreWebhookYaml(name: string, url: string): string[] {
  return [
    `  - name: ${name}`,
    `    url: ${url}`,
    '    method: POST',
    "    headers: { Content-Type: application/json, X-Api-Key: '${API_KEY}' }",
    '    template: \'{"email": {{lead.Email Address}}}\'',
    '    encoding: json',
    '    responseType: json',
    '    mappings: { data.score: leadScore }',
  ];
}

/**
 * A contract with one webhook per path on `${STAGING_URL}` (`Hook 1`, `Hook 2`, …), each POSTing `lead.Email` as
 * JSON with the `${API_KEY}` header and mapping `data.score` to `leadScore`, fired for `alice` (and `bob` when
 * `twoSamples`).
 */
export function makeHooksContract(paths: readonly string[], options: { twoSamples?: boolean } = {}): string {
  const samples = options.twoSamples
    ? '  alice: { lead: { Email: alice@example.com } }\n  bob: { lead: { Email: bob@example.com } }\n'
    : '  alice: { lead: { Email: alice@example.com } }\n';
  const webhooks = paths
    .map(
      (p, i) => `  - name: Hook ${i + 1}
    url: '\${STAGING_URL}${p}'
    method: POST
    headers: { Content-Type: application/json, X-Api-Key: '\${API_KEY}' }
    template: '{"email": {{lead.Email}}}'
    encoding: json
    responseType: json
    mappings: { data.score: leadScore }
`,
    )
    .join('');
  return `version: 1\nsamples:\n${samples}fields:\n  leadScore: integer\nwebhooks:\n${webhooks}`;
}

/** A contract whose one webhook, `Score lead`, POSTs alice's `lead.Email` as JSON to `url` and maps `data.score`. */
export function makeAliceScoreContract(url: string): string {
  return `version: 1
samples:
  alice: { lead: { Email: alice@example.com } }
fields: { leadScore: integer }
webhooks:
  - name: Score lead
    url: '${url}'
    method: POST
    template: '{"email": {{lead.Email}}}'
    encoding: json
    responseType: json
    mappings: { data.score: leadScore }
`;
}
