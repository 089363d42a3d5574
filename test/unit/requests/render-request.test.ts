import { describe, expect, it } from 'vitest';
import { TOKEN_PREFIXES } from '../../../src/contracts/contract.js';
import type { TokenEncoding, TokenValue } from '../../../src/contracts/contract.js';
import { ContractFileError } from '../../../src/contracts/errors.js';
import {
  createRequestRenderer,
  createUrlCheck,
  renderRequest,
} from '../../../src/requests/render-request.js';
import { makeSample, makeWebhook } from '../../support/make-webhook.js';

/** The body rendered from `template` under `encoding` for a sample holding `lead` values. */
function renderBody(template: string, encoding: TokenEncoding, lead: Record<string, TokenValue> = {}) {
  const request = renderRequest(makeWebhook({ template, encoding }), makeSample({ values: { lead } }));
  return { body: request.body, warnings: request.warnings };
}

describe('renderRequest: the whole request', () => {
  it('renders the SPEC example exactly', () => {
    const webhook = makeWebhook({
      url: 'https://staging.example.com/score?email={{lead.Email Address}}',
      template: '{"email": {{lead.Email Address}}, "name": {{lead.First Name:default=friend}}}',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'k' },
    });
    expect(renderRequest(webhook, makeSample())).toEqual({
      method: 'POST',
      url: 'https://staging.example.com/score?email=alice%40example.com',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'k' },
      body: '{"email": "alice@example.com", "name": "Alice"}',
      warnings: [],
    });
  });

  it('sends headers exactly as declared: order, case, and token-like text untouched', () => {
    const headers = { 'x-b': '{{lead.Email Address}}', 'X-A': 'Bearer abc', 'content-TYPE': 'text/plain' };
    const request = renderRequest(makeWebhook({ headers }), makeSample());
    expect(request.headers).toEqual(headers);
    expect(Object.keys(request.headers)).toEqual(['x-b', 'X-A', 'content-TYPE']);
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'POST'] as const)('sends the template as the body on %s', (method) => {
    const request = renderRequest(makeWebhook({ method }), makeSample());
    expect(request.method).toBe(method);
    expect(request.body).toBe('{"email": "alice@example.com"}');
  });

  it('sends no body on GET, and warns when a template was declared', () => {
    const request = renderRequest(makeWebhook({ method: 'GET', template: '{{lead.Missing}}' }), makeSample());
    expect(request).not.toHaveProperty('body');
    expect(request.warnings).toEqual(['Marketo sends no body on GET: the template is ignored']);
  });

  it('sends no body and no warning on GET without a template', () => {
    const { template, ...rest } = makeWebhook({ method: 'GET' });
    expect(template).toBeDefined(); // the factory's webhook has one: this case really drops it
    const request = renderRequest(rest, makeSample());
    expect(request).not.toHaveProperty('body');
    expect(request.warnings).toEqual([]);
  });

  it('sends no body on POST without a template', () => {
    const { template, ...rest } = makeWebhook();
    expect(template).toBeDefined();
    expect(renderRequest(rest, makeSample())).not.toHaveProperty('body');
  });

  it('sends an empty template as an empty body', () => {
    expect(renderRequest(makeWebhook({ template: '' }), makeSample()).body).toBe('');
  });
});

describe('renderRequest: value lookup', () => {
  it.each(TOKEN_PREFIXES)('reads {{%s.Name}} from the sample values of that prefix', (prefix) => {
    const sample = makeSample({ values: { [prefix]: { 'Some Field': `value of ${prefix}` } } });
    const request = renderRequest(
      makeWebhook({ template: `<{{${prefix}.Some Field}}>`, encoding: 'none' }),
      sample,
    );
    expect(request.body).toBe(`<value of ${prefix}>`);
  });

  it('reads the prefix case-insensitively', () => {
    expect(renderBody('{{LEAD.A}} {{Lead.A}}', 'none', { A: 'x' }).body).toBe('x x');
  });

  it('prefers the exact name, then matches the name ignoring case', () => {
    expect(renderBody('{{lead.email}}', 'none', { Email: 'upper', email: 'lower' }).body).toBe('lower');
    expect(renderBody('{{lead.Email}}', 'none', { email: 'lower', Email: 'upper' }).body).toBe('upper');
    expect(renderBody('{{lead.EMAIL ADDRESS}}', 'none', { 'Email Address': 'a@b.c' }).body).toBe('a@b.c');
  });

  it('reads names with spaces, dots and unicode', () => {
    expect(renderBody('{{lead.Prénom.Du Client}}', 'none', { 'Prénom.Du Client': 'Zoë' }).body).toBe('Zoë');
  });

  it('reads a token written with spaces inside the braces', () => {
    expect(renderBody('{{ lead.A }}', 'none', { A: 'x' }).body).toBe('x');
  });

  it('never reads Object.prototype members as values', () => {
    const { body, warnings } = renderBody(
      '[{{lead.constructor}}|{{lead.__proto__}}|{{lead.toString}}]',
      'none',
    );
    expect(body).toBe('[||]');
    expect(warnings).toHaveLength(3);
  });

  it('reads a sample key literally named like a prototype member', () => {
    const lead = JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, TokenValue>;
    expect(renderBody('{{lead.__proto__}}{{lead.constructor}}', 'none', lead).body).toBe('pc');
  });

  it('treats a sample without the prefix as missing every value', () => {
    const request = renderRequest(
      makeWebhook({ template: '{{program.Name:default=none}}', encoding: 'none' }),
      makeSample({ values: {} }),
    );
    expect(request.body).toBe('none');
  });
});

describe('renderRequest: defaults and missing values', () => {
  it.each([
    ['missing', {}],
    ['null', { A: null }],
    ['empty', { A: '' }],
  ])('uses the default when the value is %s', (_label, lead: Record<string, TokenValue>) => {
    expect(renderBody('{{lead.A:default=fallback text}}', 'none', lead)).toEqual({
      body: 'fallback text',
      warnings: [],
    });
  });

  it.each([
    [0, '0'],
    [false, 'false'],
    [' ', ' '],
  ])('keeps the value %j rather than the default', (value, rendered) => {
    expect(renderBody('{{lead.A:default=fallback}}', 'none', { A: value }).body).toBe(rendered);
  });

  it.each([
    ['{{lead.A:default=12:30}}', '12:30'],
    ['{{lead.A:default=a=b}}', 'a=b'],
    ['{{lead.A:default=}}', ''],
    ['{{lead.A:default=two words}}', 'two words'],
  ])('renders the default of %s as written', (template, rendered) => {
    expect(renderBody(template, 'none')).toEqual({ body: rendered, warnings: [] });
  });

  it('encodes the default as a string under json', () => {
    expect(renderBody('{{lead.A:default=42}}', 'json').body).toBe('"42"');
    expect(renderBody('{{lead.A:default=}}', 'json').body).toBe('""');
    expect(renderBody('{{lead.A:default=say "hi"}}', 'json').body).toBe('"say \\"hi\\""');
  });

  it('encodes the default under form', () => {
    expect(renderBody('a={{lead.A:default=x y&z}}', 'form').body).toBe('a=x+y%26z');
  });

  it.each([
    ['json', '""'],
    ['form', ''],
    ['none', ''],
  ] as const)(
    'sends a missing value with no default empty under %s, with a warning',
    (encoding, rendered) => {
      const request = renderRequest(
        makeWebhook({ template: '{{lead.First Name}}', encoding }),
        makeSample({ values: { lead: {} } }),
      );
      expect(request.body).toBe(rendered);
      expect(request.warnings).toEqual([
        '{{lead.First Name}} has no value in sample "alice" and no default: Marketo sends it empty',
      ]);
    },
  );

  it('warns once per token, in template order, URL first, with the canonical spelling', () => {
    const webhook = makeWebhook({
      url: 'https://x.example/{{lead.C}}',
      template: '{{lead.B}} {{LEAD.A}} {{lead.B}} {{lead.C}} {{ lead.A }}',
      encoding: 'none',
    });
    expect(renderRequest(webhook, makeSample({ name: 'bob', values: {} })).warnings).toEqual([
      '{{lead.C}} has no value in sample "bob" and no default: Marketo sends it empty',
      '{{lead.B}} has no value in sample "bob" and no default: Marketo sends it empty',
      '{{lead.A}} has no value in sample "bob" and no default: Marketo sends it empty',
    ]);
  });

  it("keeps one sample's warnings out of the next when a renderer is reused", () => {
    const render = createRequestRenderer(makeWebhook({ template: '{{lead.A}}', encoding: 'none' }));
    expect(render(makeSample({ name: 'bob', values: {} })).warnings).toHaveLength(1);
    expect(render(makeSample({ values: { lead: { A: 'x' } } }))).toMatchObject({ body: 'x', warnings: [] });
    expect(render(makeSample({ name: 'carol', values: {} })).warnings).toEqual([
      '{{lead.A}} has no value in sample "carol" and no default: Marketo sends it empty',
    ]);
  });
});

describe('renderRequest: json encoding', () => {
  it.each([
    ['alice', '"alice"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\path', '"C:\\\\path"'],
    ['two\nlines', '"two\\nlines"'],
    ['Zoë 😀', '"Zoë 😀"'],
    [42, '42'],
    [-0.5, '-0.5'],
    [true, 'true'],
    [false, 'false'],
  ])('renders %j as %s', (value, rendered) => {
    const { body } = renderBody('{"v": {{lead.A}}}', 'json', { A: value });
    expect(body).toBe(`{"v": ${rendered}}`);
    expect((JSON.parse(body!) as { v: unknown }).v).toBe(value);
  });

  it('renders null with no default as the empty string', () => {
    expect(renderBody('{"v": {{lead.A}}}', 'json', { A: null }).body).toBe('{"v": ""}');
  });

  it('never encodes literal text, even text JSON would escape', () => {
    expect(renderBody('{"a\\tb": "é\\"", "v": {{lead.A}}} & more', 'json', { A: 'x' }).body).toBe(
      '{"a\\tb": "é\\"", "v": "x"} & more',
    );
  });

  it('warns when a string token is written inside quotes, since Marketo adds them', () => {
    const { body, warnings } = renderBody('{"email": "{{lead.A}}"}', 'json', { A: 'x' });
    expect(body).toBe('{"email": ""x""}');
    expect(warnings).toEqual([
      '{{lead.A}} is written inside quotes, but under json encoding Marketo adds the quotes itself: write {"key": {{lead.A}}}, not "{{lead.A}}"',
    ]);
  });

  it('does not warn about quotes for a number, or outside json', () => {
    expect(renderBody('{"n": "{{lead.A}}"}', 'json', { A: 5 }).warnings).toEqual([]);
    expect(renderBody('{"n": "{{lead.A}}"}', 'none', { A: 'x' }).warnings).toEqual([]);
    expect(renderBody('{"n": {{lead.A}}}', 'json', { A: 'x' }).warnings).toEqual([]);
  });
});

describe('renderRequest: form encoding', () => {
  it('escapes & = + % and spaces in values, never in literal text', () => {
    const { body } = renderBody('email={{lead.A}}&note={{lead.B}}&raw=a b+c', 'form', {
      A: 'a+b@example.com',
      B: '100% & x=y',
    });
    expect(body).toBe('email=a%2Bb%40example.com&note=100%25+%26+x%3Dy&raw=a b+c');
    const params = new URLSearchParams(body);
    expect(params.get('email')).toBe('a+b@example.com');
    expect(params.get('note')).toBe('100% & x=y');
  });

  it.each([
    [42, '42'],
    [true, 'true'],
    [false, 'false'],
    ['Zoë', 'Zo%C3%AB'],
  ])('renders %j as %s', (value, rendered) => {
    expect(renderBody('v={{lead.A}}', 'form', { A: value }).body).toBe(`v=${rendered}`);
  });

  it('renders null with no default as empty', () => {
    expect(renderBody('v={{lead.A}}', 'form', { A: null }).body).toBe('v=');
  });
});

describe('renderRequest: none encoding', () => {
  it('sends values raw', () => {
    expect(
      renderBody('<{{lead.A}}|{{lead.B}}|{{lead.C}}>', 'none', { A: 'a "b" & c\\', B: 7, C: true }).body,
    ).toBe('<a "b" & c\\|7|true>');
  });
});

describe('renderRequest: URL', () => {
  it.each(['none', 'json', 'form'] as const)(
    'percent-encodes URL tokens whatever the encoding (%s)',
    (encoding) => {
      const webhook = makeWebhook({ url: 'https://x.example/p/{{lead.A}}?q={{lead.A}}', encoding });
      const request = renderRequest(webhook, makeSample({ values: { lead: { A: 'a b/c?d#e&f=g+h' } } }));
      expect(request.url).toBe(
        'https://x.example/p/a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh?q=a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh',
      );
      const url = new URL(request.url);
      expect(url.searchParams.get('q')).toBe('a b/c?d#e&f=g+h');
      expect(url.hash).toBe('');
    },
  );

  it('writes numbers, booleans and defaults into the URL', () => {
    const webhook = makeWebhook({
      url: 'https://x.example/?n={{lead.N}}&b={{lead.B}}&d={{lead.D:default=a b}}',
    });
    const request = renderRequest(webhook, makeSample({ values: { lead: { N: 3.5, B: false } } }));
    expect(request.url).toBe('https://x.example/?n=3.5&b=false&d=a%20b');
  });

  it('leaves literal URL text untouched', () => {
    const url = 'https://X.example:8443/a%20b/{{lead.A}}?x=1&y=%2F#frag';
    const request = renderRequest(makeWebhook({ url }), makeSample({ values: { lead: { A: 'v' } } }));
    expect(request.url).toBe('https://X.example:8443/a%20b/v?x=1&y=%2F#frag');
  });

  it('sends a URL without tokens as written', () => {
    expect(renderRequest(makeWebhook({ url: 'http://127.0.0.1:8080' }), makeSample()).url).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('sends an empty URL token empty, with a warning', () => {
    const request = renderRequest(makeWebhook({ url: 'https://x.example/?e={{lead.None}}' }), makeSample());
    expect(request.url).toBe('https://x.example/?e=');
    expect(request.warnings).toEqual([
      '{{lead.None}} has no value in sample "alice" and no default: Marketo sends it empty',
    ]);
  });

  it.each(['/relative/path', 'staging.example.com/score', 'ftp://x.example/', 'not a url', ''])(
    'throws ContractFileError at the webhook for %j',
    (url) => {
      const render = createRequestRenderer(makeWebhook({ url }));
      expect(() => render(makeSample())).toThrow(ContractFileError);
      try {
        render(makeSample());
      } catch (error) {
        expect((error as ContractFileError).problems).toEqual([
          {
            file: 'webhook-contracts.yml',
            line: 10,
            column: 5,
            message: `Webhook "Score lead": its URL "${url}", rendered for sample "alice", is not an absolute http(s) URL`,
          },
        ]);
      }
    },
  );

  it('throws when a token value cannot make a host', () => {
    const webhook = makeWebhook({ url: 'https://{{my.Host}}/x' });
    expect(() => renderRequest(webhook, makeSample({ values: { my: { Host: 'a/b' } } }))).toThrow(
      ContractFileError,
    );
    expect(renderRequest(webhook, makeSample({ values: { my: { Host: 'api.example.com' } } })).url).toBe(
      'https://api.example.com/x',
    );
  });

  it('does not quote a URL that may hold a secret', () => {
    const webhook = makeWebhook({ url: 'secret-token-123/x', carriesSecret: true });
    expect(() => renderRequest(webhook, makeSample())).toThrow(
      'Webhook "Score lead": its URL, rendered for sample "alice", is not an absolute http(s) URL',
    );
    expect(() => renderRequest(webhook, makeSample())).not.toThrow(/secret-token-123/);
  });

  it('quotes the URL as written, not a token value a sample may have read from the environment', () => {
    const webhook = makeWebhook({ url: '{{lead.Target}}/x' });
    const sample = makeSample({ values: { lead: { Target: 'sk-from-env-91c2' } } });
    expect(() => renderRequest(webhook, sample)).toThrow('its URL "{{lead.Target}}/x", rendered for sample');
    expect(() => renderRequest(webhook, sample)).not.toThrow(/sk-from-env-91c2/);
  });
});

describe('createUrlCheck', () => {
  // The engine checks every sample's URL before the first call and renders each request only as its check
  // starts: the check must refuse exactly what the renderer refuses, with the same problem.
  const refusal = (run: () => unknown): unknown => {
    try {
      run();
    } catch (error) {
      return error instanceof ContractFileError ? error.problems : error;
    }
    return undefined;
  };

  it.each([
    'https://x.example/a',
    '/relative/path',
    'ftp://x.example/',
    '',
    'https://{{my.Host}}/x',
    '{{lead.Target}}/x',
    'secret-token-123/x',
  ])('refuses what the renderer refuses, for %j', (url) => {
    for (const carriesSecret of [false, true]) {
      const webhook = makeWebhook({ url, carriesSecret });
      for (const values of [
        {},
        { my: { Host: 'a/b' } },
        { my: { Host: 'api.example.com' } },
        { lead: { Target: 'https://t.example' } },
      ]) {
        const sample = makeSample({ values });
        expect(refusal(() => createUrlCheck(webhook)(sample))).toEqual(
          refusal(() => createRequestRenderer(webhook)(sample)),
        );
      }
    }
  });

  it('checks each sample of a URL with tokens, and a URL without tokens once', () => {
    const check = createUrlCheck(makeWebhook({ url: 'https://{{my.Host}}/x' }));
    expect(() => check(makeSample({ values: { my: { Host: 'api.example.com' } } }))).not.toThrow();
    expect(() => check(makeSample({ name: 'bob', values: { my: { Host: 'a/b' } } }))).toThrow(
      'rendered for sample "bob", is not an absolute http(s) URL',
    );
    const fixed = createUrlCheck(makeWebhook({ url: 'not a url' }));
    expect(() => fixed(makeSample())).toThrow(ContractFileError);
    expect(() => fixed(makeSample({ name: 'bob' }))).toThrow(ContractFileError);
  });
});

describe('renderRequest: templates Marketo would refuse', () => {
  it('sends a malformed token as literal text and warns', () => {
    const request = renderRequest(makeWebhook({ template: '{"a": {{person.Email}}}' }), makeSample());
    expect(request.body).toBe('{"a": {{person.Email}}}');
    expect(request.warnings).toEqual([
      'In the template: {{person.Email}} has an unknown prefix "person": use one of lead, company, campaign, system, trigger, program, my, member',
    ]);
  });

  it('warns about a bad escape and an unclosed token, URL problems first', () => {
    const webhook = makeWebhook({ url: 'https://x.example/{{lead.', template: 'a\\qb {{lead.A:default=x}}' });
    const request = renderRequest(webhook, makeSample());
    expect(request.body).toBe('a\\qb "x"');
    expect(request.warnings).toEqual([
      'In the URL: Unclosed "{{": a token is written {{prefix.Name}} on one line',
      expect.stringMatching(/^In the template: Invalid escape "\\q"/) as string,
    ]);
  });
});
