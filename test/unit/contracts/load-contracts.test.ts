import { describe, expect, it } from 'vitest';
import type { ContractFile, Webhook } from '../../../src/contracts/contract.js';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';
import { parseContractFile, parseContractFiles } from '../../support/load-contracts.js';
import { dedentYaml, SPEC_EXAMPLE_ENV, SPEC_EXAMPLE_YAML } from '../../support/contract-yaml.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The problems a load reports, as `file:line:column: message`; fails the test when the load succeeds. */
function problemsOf(text: string, env: Env = {}): string[] {
  try {
    parseContractFile('c.yml', text, env);
  } catch (error) {
    if (error instanceof ContractFileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ContractFileError, but the file loaded');
}

function load(text: string, env: Env = {}): ContractFile {
  return parseContractFile('c.yml', text, env);
}

function firstWebhook(text: string, env: Env = {}): Webhook {
  const [webhook] = load(text, env).webhooks;
  if (webhook === undefined) throw new Error('no webhook loaded');
  return webhook;
}

/** A minimal valid file around the lines of one webhook (given without the `- ` item marker's indent). */
function oneWebhook(lines: string, head = ''): string {
  const body = lines
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `version: 1\n${head}webhooks:\n  - name: A\n${body}\n`;
}

describe('parseContractFile: the SPEC example', () => {
  it('loads into the exact model', () => {
    const contract = parseContractFile('webhook-contracts.yml', SPEC_EXAMPLE_YAML, SPEC_EXAMPLE_ENV);
    const at = (line: number, column: number) => ({ file: 'webhook-contracts.yml', line, column });
    expect(contract).toEqual({
      file: 'webhook-contracts.yml',
      samples: new Map([
        [
          'alice',
          {
            name: 'alice',
            values: {
              lead: { 'Email Address': 'alice@example.com', 'First Name': 'Alice' },
              company: { 'Company Name': 'Acme' },
              my: { Region: 'EMEA' },
            },
          },
        ],
      ]),
      fields: new Map([
        ['leadScore', 'integer'],
        ['tier', 'string'],
      ]),
      webhooks: [
        {
          name: 'Score lead',
          location: at(15, 5),
          url: 'https://staging.example.com/score?email={{lead.Email Address}}',
          method: 'POST',
          template: '{"email": {{lead.Email Address}}, "name": {{lead.First Name:default=friend}}}',
          encoding: 'json',
          responseType: 'json',
          campaign: 'trigger',
          headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'sk-test-123' },
          mappings: [
            { attribute: 'data.score', field: 'leadScore', fieldType: 'integer', location: at(22, 17) },
            { attribute: 'data.tier', field: 'tier', fieldType: 'string', location: at(22, 40) },
          ],
          expect: { status: ['2xx'], schema: { type: 'object', required: ['data'] }, maxLatencyMs: 2_000 },
          samples: ['alice'],
          timeoutMs: 30_000,
          carriesSecret: true,
        },
      ],
      secrets: ['sk-test-123', 'https://staging.example.com'],
    });
  });

  it('reports both unset variables of the example where they are written', () => {
    expect(problemsOf(SPEC_EXAMPLE_YAML, {})).toEqual([
      expect.stringMatching(
        /^c\.yml:13:58: defaults\.headers\["X-Api-Key"\]: environment variable SCORING_KEY is not set: set it in the workflow `env:` from a secret/,
      ),
      expect.stringMatching(/^c\.yml:16:11: webhooks\[0\]\.url: environment variable STAGING_URL is not set/),
    ]);
  });
});

describe('parseContractFile: defaults', () => {
  it("uses Marketo's defaults for everything not written", () => {
    const webhook = firstWebhook(oneWebhook('url: https://s.test/a'));
    expect(webhook).toEqual({
      name: 'A',
      location: { file: 'c.yml', line: 3, column: 5 },
      url: 'https://s.test/a',
      method: 'GET',
      encoding: 'none',
      responseType: 'none',
      campaign: 'trigger',
      headers: {},
      mappings: [],
      expect: { status: ['2xx'] },
      samples: ['default'],
      timeoutMs: 30_000,
      carriesSecret: false,
    });
  });

  it('gives a file without samples one empty sample named default', () => {
    const contract = load(oneWebhook('url: https://s.test/a'));
    expect([...contract.samples.values()]).toEqual([{ name: 'default', values: {} }]);
    expect(contract.fields.size).toBe(0);
    expect(contract.secrets).toEqual([]);
  });

  it('applies every default and lets the webhook override each one', () => {
    const text = dedentYaml`
      version: 1
      defaults:
        timeout: 10s
        method: PUT
        encoding: form
        responseType: xml
        campaign: batch
        expect: { status: [200, 201], maxLatency: 1s, schema: true }
      webhooks:
        - name: Inherits
          url: https://s.test/a
        - name: Overrides
          url: https://s.test/b
          timeout: 500ms
          method: DELETE
          encoding: json
          responseType: json
          campaign: trigger
          expect: { status: 4xx }
    `;
    const [inherits, overrides] = load(text).webhooks;
    expect(inherits).toMatchObject({
      timeoutMs: 10_000,
      method: 'PUT',
      encoding: 'form',
      responseType: 'xml',
      campaign: 'batch',
      expect: { status: [200, 201], maxLatencyMs: 1_000, schema: true },
    });
    expect(overrides).toMatchObject({
      timeoutMs: 500,
      method: 'DELETE',
      encoding: 'json',
      responseType: 'json',
      campaign: 'trigger',
      // expect merges key by key: the webhook's status, the defaults' latency budget and schema.
      expect: { status: ['4xx'], maxLatencyMs: 1_000, schema: true },
    });
  });

  it('merges headers, the webhook winning whatever the letter case, in declaration order', () => {
    const text = dedentYaml`
      version: 1
      defaults:
        headers: { Content-Type: application/json, X-Trace: "1", Accept: "*/*" }
      webhooks:
        - name: A
          url: https://s.test/a
          headers: { content-type: text/plain, X-Extra: 5, X-Flag: true }
        - name: B
          url: https://s.test/b
    `;
    const [a, b] = load(text).webhooks;
    expect(a?.headers).toEqual({
      'content-type': 'text/plain',
      'X-Trace': '1',
      Accept: '*/*',
      'X-Extra': '5',
      'X-Flag': 'true',
    });
    expect(Object.keys(a?.headers ?? {})).toEqual(['content-type', 'X-Trace', 'Accept', 'X-Extra', 'X-Flag']);
    expect(b?.headers).toEqual({ 'Content-Type': 'application/json', 'X-Trace': '1', Accept: '*/*' });
  });

  it('reads a timeout given as a number of milliseconds, up to exactly 30s', () => {
    expect(firstWebhook(oneWebhook('url: https://s.test/a\ntimeout: 30000')).timeoutMs).toBe(30_000);
    expect(firstWebhook(oneWebhook('url: https://s.test/a\ntimeout: 1.5s')).timeoutMs).toBe(1_500);
  });
});

describe('parseContractFile: samples and fields', () => {
  it('normalises token prefixes and field types to lower case', () => {
    const text = dedentYaml`
      version: 1
      samples:
        bob:
          Lead: { Email Address: bob@example.com, Score: 5, Opted In: true, Phone: null }
          MY: { Region: "APAC" }
      fields: { score: Integer, when: DateTime }
      webhooks:
        - { name: A, url: "https://s.test/a", responseType: json, mappings: { s: score, w: when } }
    `;
    const contract = load(text);
    expect(contract.samples.get('bob')).toEqual({
      name: 'bob',
      values: {
        lead: { 'Email Address': 'bob@example.com', Score: 5, 'Opted In': true, Phone: null },
        my: { Region: 'APAC' },
      },
    });
    expect(contract.fields).toEqual(
      new Map([
        ['score', 'integer'],
        ['when', 'datetime'],
      ]),
    );
    expect(contract.webhooks[0]?.mappings.map((m) => [m.attribute, m.field, m.fieldType])).toEqual([
      ['s', 'score', 'integer'],
      ['w', 'when', 'datetime'],
    ]);
  });

  it('fires a webhook for every sample in file order unless it names some', () => {
    const text = dedentYaml`
      version: 1
      samples: { zed: {}, alice: {}, bob: {} }
      webhooks:
        - { name: All, url: "https://s.test/a" }
        - { name: Some, url: "https://s.test/b", samples: [bob, zed] }
    `;
    expect(load(text).webhooks.map((webhook) => webhook.samples)).toEqual([
      ['zed', 'alice', 'bob'],
      ['bob', 'zed'],
    ]);
  });

  it('reports an unknown sample with a suggestion, at the list item', () => {
    const text = dedentYaml`
      version: 1
      samples: { alice: {} }
      webhooks:
        - name: A
          url: https://s.test/a
          samples: [alice, alcie]
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:6:22: unknown sample "alcie" in webhooks[0].samples: declare it under samples (did you mean "alice"?)',
    ]);
  });

  it('reports a sample listed twice', () => {
    expect(problemsOf(oneWebhook('url: https://s.test/a\nsamples: [default, default]'))).toEqual([
      'c.yml:5:24: webhooks[0].samples lists "default" more than once',
    ]);
  });

  it('reports an unknown token prefix and a prefix written twice in different cases', () => {
    const text = dedentYaml`
      version: 1
      samples:
        alice:
          leed: { Email: a@example.com }
          lead: { Email: a@example.com }
          LEAD: { Name: A }
      webhooks: [{ name: A, url: "https://s.test/a" }]
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:4:5: unknown token prefix "leed" in samples.alice: use one of lead, company, campaign, system, trigger, program, my, member (did you mean "lead"?)',
      'c.yml:6:5: token prefix "LEAD" appears twice in samples.alice (also as "lead"): prefixes ignore letter case, so merge them',
    ]);
  });

  it('reports an unknown field type with a suggestion, at the type', () => {
    const text = dedentYaml`
      version: 1
      fields:
        score: integr
        other: decimal
      webhooks: [{ name: A, url: "https://s.test/a" }]
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:3:10: unknown field type "integr" for field "score": use one of string, text, integer, score, percent, float, currency, boolean, date, datetime, email, url, phone (did you mean "integer"?)',
      'c.yml:4:10: unknown field type "decimal" for field "other": use one of string, text, integer, score, percent, float, currency, boolean, date, datetime, email, url, phone',
    ]);
  });

  it('rejects a token value that is not a scalar', () => {
    const text = dedentYaml`
      version: 1
      samples: { alice: { lead: { Tags: [a, b] } } }
      webhooks: [{ name: A, url: "https://s.test/a" }]
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:2:35: samples.alice.lead.Tags must be a string or a number or true or false or empty, not a list',
    ]);
  });
});

describe('parseContractFile: mappings', () => {
  it('records each mapping with its location', () => {
    const text = oneWebhook(
      'url: https://s.test/a\nresponseType: json\nmappings:\n  "orders[0].id": last\n  data.score: score',
      'fields: { last: string, score: score }\n',
    );
    expect(firstWebhook(text).mappings).toEqual([
      {
        attribute: 'orders[0].id',
        field: 'last',
        fieldType: 'string',
        location: { file: 'c.yml', line: 8, column: 7 },
      },
      {
        attribute: 'data.score',
        field: 'score',
        fieldType: 'score',
        location: { file: 'c.yml', line: 9, column: 7 },
      },
    ]);
  });

  it('reports a field that is not declared, suggesting a declared one', () => {
    const text = oneWebhook(
      'url: https://s.test/a\nresponseType: json\nmappings: { a: leadScor, b: nothingLikeIt }',
      'fields: { leadScore: integer }\n',
    );
    expect(problemsOf(text)).toEqual([
      'c.yml:7:20: unknown field "leadScor": declare its type under fields (did you mean "leadScore"?)',
      'c.yml:7:33: unknown field "nothingLikeIt": declare its type under fields',
    ]);
  });

  it('does not repeat a bad field type as an unknown field', () => {
    const text = oneWebhook(
      'url: https://s.test/a\nresponseType: json\nmappings: { a: s }',
      'fields: { s: strin }\n',
    );
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^c\.yml:2:14: unknown field type "strin"/)]);
  });

  it.each([
    ['a..b', /empty key/],
    ['a[x]', /not a non-negative integer index/],
    ['a]', /"]" without "\["/],
  ])('reports the malformed response attribute %j at its key', (attribute, reason) => {
    const text = oneWebhook(
      `url: https://s.test/a\nresponseType: json\nmappings:\n  "${attribute}": f`,
      'fields: { f: string }\n',
    );
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^c\.yml:8:7: bad response attribute in webhooks\[0\]\.mappings: /);
    expect(problems[0]).toMatch(reason);
  });

  it('requires responseType json or xml, also through defaults', () => {
    const text = oneWebhook('url: https://s.test/a\nmappings: { a: f }', 'fields: { f: string }\n');
    expect(problemsOf(text)).toEqual([
      'c.yml:6:5: webhooks[0].mappings need responseType json or xml: Marketo maps nothing from a response it does not parse',
    ]);
    const viaDefaults = oneWebhook(
      'url: https://s.test/a\nmappings: { a: f }',
      'fields: { f: string }\ndefaults: { responseType: xml }\n',
    );
    expect(firstWebhook(viaDefaults).mappings).toHaveLength(1);
  });
});

describe('parseContractFile: secrets', () => {
  const env = {
    BASE: 'https://staging.test',
    KEY: 'k-1-secret',
    BODY_TOKEN: 't-2-secret',
    EMAIL: 'qa@example.com',
  };

  it('substitutes ${NAME} in url, template, headers and sample values, collecting each value once', () => {
    const text = dedentYaml`
      version: 1
      samples: { alice: { lead: { Email: "\${EMAIL}", Age: 30 } } }
      defaults: { headers: { X-Key: "\${KEY}" } }
      webhooks:
        - name: A
          url: \${BASE}/a
          method: POST
          template: '{"t": "\${BODY_TOKEN}", "k": "\${KEY}"}'
          headers: { Authorization: "Bearer \${KEY}" }
    `;
    const contract = load(text, env);
    expect(contract.samples.get('alice')?.values.lead).toEqual({ Email: 'qa@example.com', Age: 30 });
    expect(contract.webhooks[0]).toMatchObject({
      url: 'https://staging.test/a',
      template: '{"t": "t-2-secret", "k": "k-1-secret"}',
      headers: { 'X-Key': 'k-1-secret', Authorization: 'Bearer k-1-secret' },
      carriesSecret: true,
    });
    expect(contract.secrets).toEqual(['qa@example.com', 'k-1-secret', 'https://staging.test', 't-2-secret']);
  });

  it.each([
    ['the url', 'url: ${BASE}/a', true],
    ['the template', 'url: https://s.test/a\nmethod: POST\ntemplate: "${KEY}"', true],
    ['a header', 'url: https://s.test/a\nheaders: { X-Key: "${KEY}" }', true],
    ['nothing', 'url: https://s.test/a\nheaders: { X-Key: plain }', false],
  ])('sets carriesSecret when %s reads the environment', (_what, lines, carries) => {
    expect(firstWebhook(oneWebhook(lines), env).carriesSecret).toBe(carries);
  });

  it('sets carriesSecret from a defaults header unless the webhook replaces it', () => {
    const text = dedentYaml`
      version: 1
      defaults: { headers: { X-Key: "\${KEY}" } }
      webhooks:
        - { name: Inherits, url: "https://s.test/a" }
        - { name: Replaces, url: "https://s.test/b", headers: { x-key: public } }
    `;
    const contract = load(text, env);
    expect(contract.webhooks.map((webhook) => webhook.carriesSecret)).toEqual([true, false]);
    expect(contract.secrets).toEqual(['k-1-secret']);
  });

  it('does not count a sample value read from the environment as a secret the request carries', () => {
    const text = dedentYaml`
      version: 1
      samples: { alice: { lead: { Email: "\${EMAIL}" } } }
      webhooks: [{ name: A, url: "https://s.test/a?e={{lead.Email}}" }]
    `;
    const contract = load(text, env);
    expect(contract.webhooks[0]?.carriesSecret).toBe(false);
    expect(contract.secrets).toEqual(['qa@example.com']);
  });

  it('reports unset and empty variables at their exact column, naming them and the fix', () => {
    const text = dedentYaml`
      version: 1
      samples: { alice: { lead: { Email: "\${EMAIL}" } } }
      webhooks:
        - name: A
          url: "\${BASE}/a?k=\${KEY}"
          headers: { X-Key: '\${KEY}' }
    `;
    expect(problemsOf(text, { KEY: '' })).toEqual([
      expect.stringMatching(
        /^c\.yml:2:37: samples\.alice\.lead\.Email: environment variable EMAIL is not set: set it in the workflow `env:` from a secret/,
      ),
      expect.stringMatching(/^c\.yml:5:11: webhooks\[0\]\.url: environment variable BASE is not set/),
      expect.stringMatching(/^c\.yml:5:23: webhooks\[0\]\.url: environment variable KEY is empty: .*fork/),
      expect.stringMatching(
        /^c\.yml:6:24: webhooks\[0\]\.headers\["X-Key"\]: environment variable KEY is empty/,
      ),
    ]);
  });

  it('explains a GitHub Actions expression written in a contract', () => {
    expect(problemsOf(oneWebhook('url: https://s.test/a\nheaders: { X-Key: "${{ secrets.KEY }}" }'))).toEqual(
      [
        expect.stringMatching(
          /^c\.yml:5:24: webhooks\[0\]\.headers\["X-Key"\]: `\$\{\{ \.\.\. \}\}` is GitHub Actions syntax/,
        ),
      ],
    );
  });
});

describe('parseContractFile: urls and templates', () => {
  it.each([
    ['/score', 'url: /score'],
    ['ftp://s.test/a', 'url: ftp://s.test/a'],
    ['no scheme', 'url: staging.test/a'],
    ['a token for a scheme', 'url: "{{my.Scheme}}://s.test"'],
  ])('reports a url that is not absolute http(s): %s', (_what, line) => {
    expect(problemsOf(oneWebhook(line))).toEqual([
      'c.yml:4:10: webhooks[0].url must be an absolute http(s) URL such as https://staging.example.com/hook',
    ]);
  });

  it('says the url was checked after substitution, without echoing the value', () => {
    const problems = problemsOf(oneWebhook('url: ${BASE}/a'), { BASE: 'staging-secret-host' });
    expect(problems).toEqual([
      'c.yml:4:10: webhooks[0].url must be an absolute http(s) URL such as https://staging.example.com/hook (after substituting `${...}` from the environment)',
    ]);
    expect(problems.join('\n')).not.toContain('staging-secret-host');
  });

  it('accepts tokens anywhere in an http(s) url', () => {
    const url = 'https://{{my.Tenant}}.s.test:8443/a/{{lead.Id}}?q={{lead.Email Address:default=x}}';
    expect(firstWebhook(oneWebhook(`url: "${url}"`)).url).toBe(url);
  });

  it('reports template problems at their column in plain, single- and double-quoted scalars', () => {
    const text = dedentYaml`
      version: 1
      webhooks:
        - name: Plain
          url: https://s.test/{{leed.Id}}
        - name: Single
          url: https://s.test/a
          method: POST
          template: '{"a": {{lead.Id}}, "b": {{nope.X}}}'
        - name: Double
          url: https://s.test/b
          method: POST
          template: "{{lead.Id"
    `;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(
        /^c\.yml:4:25: webhooks\[0\]\.url: \{\{leed\.Id\}\} has an unknown prefix "leed"/,
      ),
      expect.stringMatching(
        /^c\.yml:8:40: webhooks\[1\]\.template: \{\{nope\.X\}\} has an unknown prefix "nope"/,
      ),
      expect.stringMatching(/^c\.yml:12:16: webhooks\[2\]\.template: Unclosed "\{\{"/),
    ]);
  });

  it('points at the start of a block scalar or a scalar with escapes', () => {
    const text = dedentYaml`
      version: 1
      webhooks:
        - name: Block
          url: https://s.test/a
          method: POST
          template: |
            {"a": 1,
             "b": {{nope.X}}}
        - name: Escaped
          url: https://s.test/b
          method: POST
          template: "\\"{{lead.Id}}\\" \\\\q"
    `;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^c\.yml:6:15: webhooks\[0\]\.template: \{\{nope\.X\}\} has an unknown prefix/),
      expect.stringMatching(/^c\.yml:12:15: webhooks\[1\]\.template: Invalid escape "\\q"/),
    ]);
  });

  it('refuses a template on GET, whether GET is written or the default', () => {
    const text = dedentYaml`
      version: 1
      webhooks:
        - { name: Default, url: "https://s.test/a", template: x }
        - name: Written
          url: https://s.test/b
          method: GET
          template: x
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:3:47: webhooks[0].template is not allowed on GET (Marketo sends no body with GET): set method to POST, PUT, PATCH or DELETE, or remove the template',
      'c.yml:7:5: webhooks[1].template is not allowed on GET (Marketo sends no body with GET): set method to POST, PUT, PATCH or DELETE, or remove the template',
    ]);
  });

  it('allows a template on GET made POST by defaults', () => {
    const text = oneWebhook('url: https://s.test/a\ntemplate: "{}"', 'defaults: { method: POST }\n');
    expect(firstWebhook(text).template).toBe('{}');
  });
});

describe('parseContractFile: headers', () => {
  it('reports an invalid header name, a header written twice, and a line break in a value', () => {
    const text = dedentYaml`
      version: 1
      webhooks:
        - name: A
          url: https://s.test/a
          headers:
            Bad Name: x
            X-Key: a
            x-key: b
            X-Multi: "a\\nb"
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:6:7: "Bad Name" in webhooks[0].headers is not a valid HTTP header name',
      'c.yml:8:7: header "x-key" appears twice in webhooks[0].headers (also as "X-Key"): header names ignore letter case',
      'c.yml:9:16: webhooks[0].headers["X-Multi"]: a line break (U+000A) cannot be sent: an HTTP header value can hold only tab, printable ASCII and Latin-1 characters',
    ]);
  });

  it.each([
    ['a character outside Latin-1', 'Ωé-s3cr3t', 'a character outside Latin-1'],
    ['a line feed', 's3cr3t\nX-Injected: 1', 'a line break'],
    ['a carriage return', 's3cr3t-key\r', 'a line break'],
    ['a NUL', 's3\u0000cr3t-key', 'a NUL character'],
    ['an escape character', 's3cr3t\u001b[31m', 'a control character'],
  ])(
    'reports a ${NAME} value holding %s at the variable, naming header and variable, never the value',
    (_label, secret, kind) => {
      const problems = problemsOf(oneWebhook('url: https://s.test/a\nheaders: { X-Key: "Bearer ${K}" }'), {
        K: secret,
      });
      expect(problems).toEqual([
        `c.yml:5:31: webhooks[0].headers["X-Key"]: the value of environment variable K holds ${kind}, which cannot be sent: an HTTP header value can hold only tab, printable ASCII and Latin-1 characters (the value is a secret, so it is not shown)`,
      ]);
      for (const problem of problems) {
        expect(problem).not.toContain('s3');
        expect(problem).not.toContain('Ω');
      }
    },
  );

  it('reports a bad ${NAME} in defaults once, at defaults, and names each bad variable of a value', () => {
    const text = dedentYaml`
      version: 1
      defaults:
        headers: { X-Pair: "\${A}:\${B}:\${C}" }
      webhooks:
        - { name: A, url: "https://s.test/a" }
        - { name: B, url: "https://s.test/b" }
    `;
    const problems = problemsOf(text, { A: 'bad-value\u2028', B: 'fine-value', C: 'x\ty\u00ff\u0100-value' });
    expect(problems.map((problem) => problem.replace(/, which.*$/, ''))).toEqual([
      'c.yml:3:23: defaults.headers["X-Pair"]: the value of environment variable A holds a character outside Latin-1',
      'c.yml:3:33: defaults.headers["X-Pair"]: the value of environment variable C holds a character outside Latin-1',
    ]);
  });

  it('accepts tab, printable ASCII and Latin-1 from a variable and sends the value as given', () => {
    const value = 'k\t~ é\u00ff\u0080-secret';
    const webhook = firstWebhook(oneWebhook('url: https://s.test/a\nheaders: { X-Key: "${K}" }'), {
      K: value,
    });
    expect(webhook.headers['X-Key']).toBe(value);
  });

  it('reports a character outside Latin-1 written in the file, naming it (the file is not secret)', () => {
    expect(
      problemsOf(oneWebhook('url: https://s.test/a\nheaders: { X-Name: "Ωmega ${K}" }'), { K: 'k-secret' }),
    ).toEqual([
      'c.yml:5:25: webhooks[0].headers["X-Name"]: a character outside Latin-1 (U+03A9) cannot be sent: an HTTP header value can hold only tab, printable ASCII and Latin-1 characters',
    ]);
  });
});

describe('parseContractFile: durations and expectations', () => {
  it.each([
    ['timeout: 31s', 'c.yml:5:14: webhooks[0].timeout 31s is over 30s: Marketo gives up after 30s'],
    ['timeout: 30001', 'c.yml:5:14: webhooks[0].timeout 30001ms is over 30s: Marketo gives up after 30s'],
    ['timeout: 1m', 'c.yml:5:14: webhooks[0].timeout 1m is over 30s: Marketo gives up after 30s'],
    [
      'timeout: soon',
      'c.yml:5:14: webhooks[0].timeout "soon" is not a duration: write e.g. 10s, 1.5s or 500ms (a number is milliseconds)',
    ],
    ['timeout: 0s', 'c.yml:5:14: webhooks[0].timeout must be more than 0'],
    [
      'expect: { maxLatency: "2 sec" }',
      'c.yml:5:27: webhooks[0].expect.maxLatency "2 sec" is not a duration: write e.g. 10s, 1.5s or 500ms (a number is milliseconds)',
    ],
    ['timeout: [1]', 'c.yml:5:14: webhooks[0].timeout must be a string or a number, not a list'],
  ])('reports %s', (line, problem) => {
    expect(problemsOf(oneWebhook(`url: https://s.test/a\n${line}`))).toEqual([problem]);
  });

  it('reports a defaults timeout over 30s once, at defaults', () => {
    const text = dedentYaml`
      version: 1
      defaults: { timeout: 45s }
      webhooks:
        - { name: A, url: "https://s.test/a" }
        - { name: B, url: "https://s.test/b" }
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:2:22: defaults.timeout 45s is over 30s: Marketo gives up after 30s',
    ]);
  });

  it('allows a long latency budget: only the timeout is capped', () => {
    expect(
      firstWebhook(oneWebhook('url: https://s.test/a\nexpect: { maxLatency: 45s }')).expect.maxLatencyMs,
    ).toBe(45_000);
  });

  it.each([
    ['2xx', ['2xx']],
    ['5xx', ['5xx']],
    ['204', [204]],
    ['[200, 3xx, 404]', [200, '3xx', 404]],
  ])('reads expect.status %s', (status, patterns) => {
    expect(
      firstWebhook(oneWebhook(`url: https://s.test/a\nexpect: { status: ${status} }`)).expect.status,
    ).toEqual(patterns);
  });

  it.each(['ok', '700', '99', '[200, 700]', '[]', '200.5', '2XX'])('reports expect.status %s', (status) => {
    expect(problemsOf(oneWebhook(`url: https://s.test/a\nexpect: { status: ${status} }`))).toEqual([
      'c.yml:5:23: webhooks[0].expect.status must be 2xx, 3xx, 4xx, 5xx (or 1xx), an HTTP status from 100 to 599, or a list of them',
    ]);
  });

  it('keeps a valid expect.schema, including a 2020-12 one with formats', () => {
    const text = oneWebhook(
      'url: https://s.test/a\nexpect:\n  schema:\n    $schema: https://json-schema.org/draft/2020-12/schema\n    type: array\n    prefixItems: [{ type: string, format: email }]',
    );
    expect(firstWebhook(text).expect.schema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string', format: 'email' }],
    });
  });

  it('reports a schema that breaks the meta-schema at the offending node', () => {
    const text = dedentYaml`
      version: 1
      webhooks:
        - name: A
          url: https://s.test/a
          expect:
            schema:
              type: object
              properties:
                score: { type: integr }
              required: score
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:9:26: webhooks[0].expect.schema.properties.score.type must be one of array, boolean, integer, null, number, object, string (in a JSON Schema)',
      'c.yml:10:19: webhooks[0].expect.schema.required must be a list (in a JSON Schema)',
    ]);
  });

  it('reports a schema that does not compile at the schema', () => {
    const problems = problemsOf(
      oneWebhook('url: https://s.test/a\nexpect: { schema: { $ref: "#/definitions/missing" } }'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^c\.yml:5:23: webhooks\[0\]\.expect\.schema is not a usable JSON Schema: .*missing/,
    );
  });

  it('reports an expect.schema that is neither a mapping nor true/false', () => {
    expect(problemsOf(oneWebhook('url: https://s.test/a\nexpect: { schema: "object" }'))).toEqual([
      'c.yml:5:23: webhooks[0].expect.schema must be a mapping (key: value) or true or false, not a string',
    ]);
  });
});

describe('parseContractFile: schema problems', () => {
  it('reports an unknown key at the key, suggesting the closest known one', () => {
    expect(problemsOf(oneWebhook('url: https://s.test/a\nmetod: POST\nresponsetype: json\nzzz: 1'))).toEqual([
      'c.yml:5:5: unknown key "metod" in webhooks[0] (did you mean "method"?)',
      'c.yml:6:5: unknown key "responsetype" in webhooks[0] (did you mean "responseType"?)',
      'c.yml:7:5: unknown key "zzz" in webhooks[0]',
    ]);
  });

  it('reports unknown keys at the top level, in defaults and in expect', () => {
    const text = dedentYaml`
      version: 1
      webhook: []
      defaults: { name: x }
      webhooks:
        - name: A
          url: https://s.test/a
          expect: { stauts: 200 }
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:2:1: unknown key "webhook" at the top level (did you mean "webhooks"?)',
      'c.yml:3:13: unknown key "name" in defaults',
      'c.yml:7:15: unknown key "stauts" in webhooks[0].expect (did you mean "status"?)',
    ]);
  });

  it('reports missing required keys at their parent', () => {
    expect(problemsOf('samples: {}\n')).toEqual([
      'c.yml:1:1: missing the required top-level key "version"',
      'c.yml:1:1: missing the required top-level key "webhooks"',
    ]);
    expect(problemsOf('version: 1\nwebhooks:\n  - method: POST\n')).toEqual([
      'c.yml:3:5: webhooks[0] is missing the required key "name"',
      'c.yml:3:5: webhooks[0] is missing the required key "url"',
    ]);
  });

  it('reports enum, const and type violations in plain words', () => {
    const text = dedentYaml`
      version: 2
      webhooks:
        - name: A
          url: 5
          method: post
          encoding: xml
          campaign: nightly
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:1:10: version must be 1',
      'c.yml:4:10: webhooks[0].url must be a string, not a whole number',
      'c.yml:5:13: webhooks[0].method must be one of GET, POST, PUT, PATCH, DELETE (did you mean "POST"?)',
      'c.yml:6:15: webhooks[0].encoding must be one of none, json, form',
      'c.yml:7:15: webhooks[0].campaign must be one of trigger, batch',
    ]);
  });

  it('gives the exact message for a bad method', () => {
    expect(problemsOf(oneWebhook('url: https://s.test/a\nmethod: FETCH'))).toEqual([
      'c.yml:5:13: webhooks[0].method must be one of GET, POST, PUT, PATCH, DELETE',
    ]);
  });

  it('reports an empty webhooks list, an empty name and a top level that is not a mapping', () => {
    expect(problemsOf('version: 1\nwebhooks: []\n')).toEqual(['c.yml:2:11: webhooks must not be empty']);
    expect(problemsOf(oneWebhook('url: https://s.test/a').replace('name: A', 'name: ""'))).toEqual([
      'c.yml:3:11: webhooks[0].name must not be empty',
    ]);
    expect(problemsOf('- a\n- b\n')).toEqual([
      'c.yml:1:1: the contract file must be a mapping (key: value), not a list',
    ]);
  });

  it('points at the key of an empty value', () => {
    expect(problemsOf(oneWebhook('url:'))).toEqual([
      'c.yml:4:5: webhooks[0].url must be a string, not empty',
    ]);
  });
});

describe('parseContractFile: YAML problems', () => {
  it('reports an empty or comment-only file', () => {
    expect(problemsOf('')).toEqual([
      'c.yml:1:1: the file is empty: a contract file needs at least `version: 1` and `webhooks:`',
    ]);
    expect(problemsOf('# nothing yet\n\n')).toEqual([
      'c.yml:1:1: the file is empty: a contract file needs at least `version: 1` and `webhooks:`',
    ]);
  });

  it('reports a syntax error with its position and stops there', () => {
    expect(problemsOf('version: 1\nwebhooks:\n  - name: A\n   url: x\n')).toEqual([
      'c.yml:4:4: invalid YAML: bad indentation of a sequence entry',
    ]);
    expect(problemsOf('version: 1\nwebhooks:\n  - name: A\n\turl: x\n')).toEqual([
      'c.yml:4:1: invalid YAML: tab characters must not be used in indentation',
    ]);
    // Schema problems (version 2, unknown key) are not checked on a document that does not parse; js-yaml
    // stops at the first syntax error (the rest of the text cannot be read reliably after it).
    expect(problemsOf('version: 2\nwebhook: []\n}\nfoo: [\n')).toEqual([
      'c.yml:3:1: invalid YAML: end of the stream or a document separator is expected',
    ]);
  });

  it('reports a quoted value left open at its opening quote, not where the parser gave up', () => {
    const text = 'version: 1\nwebhooks:\n  - name: A\n    url: "http://x/\n    method: POST\n\n\n';
    expect(problemsOf(text)).toEqual([
      'c.yml:4:10: invalid YAML: this quoted value is never closed (the parser stopped at line 5, column 5: deficient indentation)',
    ]);
    const single = "version: 1\n# it's a comment\nwebhooks:\n  - name: 'A\n    url: x\n";
    expect(problemsOf(single)[0]).toMatch(/^c\.yml:4:11: invalid YAML: this quoted value is never closed/);
  });

  it('refuses values nested deeper than 100 levels, at once', () => {
    expect(problemsOf(`version: 1\nwebhooks: ${'['.repeat(200_000)}\n`)).toEqual([
      'c.yml:2:110: invalid YAML: values nest too deeply here (nesting exceeded maxDepth (100)); a contract needs only a few levels',
    ]);
  });

  it('reports every repeated key, also keys that differ only in YAML type', () => {
    const text = dedentYaml`
      version: 1
      samples:
        1: { lead: { a: x } }
        "1": { lead: { a: y } }
      fields: { "true": string, true: integer }
      webhooks: []
      version: 1
    `;
    expect(problemsOf(text)).toEqual([
      'c.yml:4:3: invalid YAML: Map keys must be unique',
      'c.yml:5:27: invalid YAML: Map keys must be unique',
      'c.yml:7:1: invalid YAML: Map keys must be unique',
    ]);
  });

  it('reports a duplicate key where it repeats', () => {
    expect(problemsOf('version: 1\nwebhooks: []\nversion: 1\n')).toEqual([
      'c.yml:3:1: invalid YAML: Map keys must be unique',
    ]);
  });

  it('refuses an unknown tag, at the tag', () => {
    const problems = problemsOf(oneWebhook('url: !secret https://s.test/a'));
    expect(problems).toEqual([expect.stringMatching(/^c\.yml:4:10: invalid YAML: .*!secret/)]);
  });

  it('refuses tags that would run code or build objects', () => {
    for (const tag of ['!!js/function "function () {}"', '!!js/regexp /x/', '!!binary aGk=', '!!set {a}']) {
      expect(problemsOf(oneWebhook(`url: ${tag}`))).toEqual([
        expect.stringMatching(/^c\.yml:4:10: invalid YAML: unknown (?:scalar|mapping) tag/),
      ]);
    }
  });

  it('reports several documents in one file', () => {
    expect(problemsOf('version: 1\n---\nversion: 1\n')).toEqual([
      expect.stringMatching(/^c\.yml:\d+:\d+: invalid YAML: .*multiple documents/),
    ]);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    lines.push('webhooks: *j');
    expect(problemsOf(lines.join('\n'))).toEqual([
      'c.yml:3:8: YAML aliases expand too much (over 1000 copies from one anchor), as in an alias bomb: write the values out or use fewer aliases',
    ]);
  });

  it('allows an anchor reused by hundreds of webhooks', () => {
    const hooks = Array.from(
      { length: 300 },
      (_, i) => `  - { name: W${i}, url: "https://s.test/${i}", headers: *h }`,
    );
    const text = ['version: 1', 'defaults: { headers: &h { X-A: "1" } }', 'webhooks:', ...hooks].join('\n');
    expect(load(text).webhooks).toHaveLength(300);
  });

  it('keeps a token named __proto__ as a token', () => {
    const text =
      'version: 1\nsamples: { a: { lead: { __proto__: x } } }\nwebhooks: [{ name: A, url: "https://s.test" }]\n';
    expect(Object.keys(load(text).samples.get('a')?.values.lead ?? {})).toEqual(['__proto__']);
  });

  it('follows anchors, aliases and merge keys, locating problems where the value is written', () => {
    const text = dedentYaml`
      version: 1
      defaults: { headers: &auth { X-Key: "\${KEY}" } }
      base: &base { url: "https://s.test/a", method: POST }
      webhooks:
        - { <<: *base, name: A, headers: *auth }
        - { <<: *base, name: B, metod: PUT }
    `;
    expect(problemsOf(text, { KEY: 'k-secret' })).toEqual([
      'c.yml:3:1: unknown key "base" at the top level',
      'c.yml:6:27: unknown key "metod" in webhooks[1] (did you mean "method"?)',
    ]);
    const valid = text
      .replace('base: &base', 'defaults2: &base')
      .replace('defaults2', 'x-base')
      .replace(', metod: PUT', '');
    expect(problemsOf(valid, { KEY: 'k-secret' })).toEqual([
      'c.yml:3:1: unknown key "x-base" at the top level',
    ]);
  });

  it('loads merge keys into the model', () => {
    const text = dedentYaml`
      version: 1
      samples:
        base: &base { lead: { Country: FR } }
        alice: { <<: *base, my: { Region: EMEA } }
      webhooks: [{ name: A, url: "https://s.test/a" }]
    `;
    expect(load(text).samples.get('alice')?.values).toEqual({
      lead: { Country: 'FR' },
      my: { Region: 'EMEA' },
    });
  });
});

describe('parseContractFile: many problems at once', () => {
  it('reports every problem of a file, in line order', () => {
    const text = dedentYaml`
      version: 1
      fields: { score: number }
      defaults: { timeout: 40s }
      webhooks:
        - name: A
          url: /relative
          method: GET
          template: "{{lead.Email"
          mappings: { data.score: score, x: missing }
        - name: A
          url: https://s.test/b
          metod: POST
    `;
    const problems = problemsOf(text);
    expect(problems.map((problem) => problem.split(': ')[0])).toEqual([
      'c.yml:2:18',
      'c.yml:3:22',
      'c.yml:6:10',
      'c.yml:8:5',
      'c.yml:8:16',
      'c.yml:9:5',
      'c.yml:9:39',
      'c.yml:10:11',
      'c.yml:12:5',
    ]);
    expect(problems[7]).toBe(
      'c.yml:10:11: duplicate webhook name "A": the first is at c.yml:5:5; names must be unique across all contract files',
    );
  });

  it('throws one ContractFileError whose message lists every problem', () => {
    let caught: unknown;
    try {
      parseContractFile('c.yml', 'version: 3\nwebhooks: []\n', {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractFileError);
    expect((caught as ContractFileError).code).toBe('WC_CONTRACT_INVALID');
    expect((caught as ContractFileError).message).toBe(
      '2 problems in the contracts:\nc.yml:1:10: version must be 1\nc.yml:2:11: webhooks must not be empty',
    );
  });
});

describe('parseContractFiles', () => {
  const webhookFile = (name: string) =>
    oneWebhook('url: https://s.test/a').replace('name: A', `name: ${name}`);

  it('loads several files in order', () => {
    const contracts = parseContractFiles(
      [
        { file: 'a.yml', text: webhookFile('One') },
        { file: 'b.yml', text: webhookFile('Two') },
      ],
      {},
    );
    expect(contracts.map((contract) => [contract.file, contract.webhooks[0]?.name])).toEqual([
      ['a.yml', 'One'],
      ['b.yml', 'Two'],
    ]);
  });

  it('reports a webhook name used in an earlier file, at the later one', () => {
    let caught: unknown;
    try {
      parseContractFiles(
        [
          { file: 'a.yml', text: webhookFile('Same') },
          { file: 'b.yml', text: webhookFile('Other') },
          { file: 'c.yml', text: webhookFile('Same') },
        ],
        {},
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractFileError);
    expect((caught as ContractFileError).problems.map(formatProblem)).toEqual([
      'c.yml:3:11: duplicate webhook name "Same": the first is at a.yml:3:5; names must be unique across all contract files',
    ]);
  });

  it('collects the problems of every file before throwing', () => {
    let caught: unknown;
    try {
      parseContractFiles(
        [
          { file: 'a.yml', text: 'version: 1\nwebhooks: [\n' },
          { file: 'b.yml', text: webhookFile('Fine') },
          { file: 'c.yml', text: '' },
        ],
        {},
      );
    } catch (error) {
      caught = error;
    }
    const files = (caught as ContractFileError).problems.map((problem) => problem.file);
    expect(files[0]).toBe('a.yml');
    expect(files.at(-1)).toBe('c.yml');
    expect(files).not.toContain('b.yml');
  });

  it('returns no contracts for no files', () => {
    expect(parseContractFiles([], {})).toEqual([]);
  });
});
