import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_PREFIXES } from '../../../src/contracts/contract.js';
import type { TokenEncoding } from '../../../src/contracts/contract.js';
import { encodeTokenValue } from '../../../src/requests/encode-token.js';
import { createRequestRenderer } from '../../../src/requests/render-request.js';
import { checkTemplate, parseTemplate } from '../../../src/contracts/template.js';
import { makeSample, makeWebhook } from '../../support/make-webhook.js';

/** Strings made mostly of template syntax, so the parser's edge cases come up often. */
const templateText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '{{',
        '}}',
        '{',
        '}',
        '.',
        ':',
        ':default=',
        '\\',
        '\n',
        ' ',
        '"',
        ...TOKEN_PREFIXES,
        'LEAD.',
      ),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

const anyText = fc.oneof(templateText, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
/** Any UTF-16 code units, lone surrogates included: JSON must still round-trip them. */
const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
});
const encodings = fc.constantFrom<TokenEncoding>('none', 'json', 'form');
const tokenValue = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

describe('template properties', () => {
  it('checkTemplate never throws and reports offsets inside the text, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const problems = checkTemplate(text);
        const offsets = problems.map((problem) => problem.offset);
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        for (const offset of offsets) expect(offset >= 0 && offset < text.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the literal parts of a parsed template are the text with its tokens cut out', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const rebuilt = parseTemplate(text)
          .parts.map((part) => (part.kind === 'literal' ? part.text : part.source))
          .join('');
        expect(rebuilt).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('rendering any template with any sample never throws', () => {
    fc.assert(
      fc.property(
        anyText,
        encodings,
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), tokenValue),
        (template, encoding, lead) => {
          const render = createRequestRenderer(makeWebhook({ template, encoding }));
          const request = render(makeSample({ values: { lead, my: lead } }));
          expect(typeof request.body).toBe('string');
          expect(new Set(request.warnings).size).toBe(request.warnings.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a string value under json encoding parses back to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), codeUnitString), (value) => {
        const request = createRequestRenderer(makeWebhook({ template: '{{lead.A}}', encoding: 'json' }))(
          makeSample({ values: { lead: { A: value } } }),
        );
        expect(JSON.parse(request.body!)).toBe(value);
        expect(JSON.parse(encodeTokenValue(value, 'json'))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('a value under form encoding round-trips through URLSearchParams', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const encoded = encodeTokenValue(value, 'form');
        // UTF-8 cannot carry a lone surrogate: URLSearchParams writes U+FFFD for it, as a browser form would.
        const wellFormed = value.replace(
          /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
          '\uFFFD',
        );
        expect(new URLSearchParams(`v=${encoded}`).get('v')).toBe(wellFormed);
        // Nothing that would end the value or the body's structure; a `+` only ever stands for a space (a `+` in the
        // value is `%2B`), as form encoding writes it.
        expect(encoded).not.toMatch(/[&= #]/);
        expect(encoded.split('+').length - 1).toBe(value.split(' ').length - 1);
      }),
      { numRuns: 2000, examples: [[' '], [' + ']] },
    );
  });

  it('a URL token value round-trips and never changes the URL structure', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), encodings, (value, encoding) => {
        const render = createRequestRenderer(
          makeWebhook({ url: 'https://x.example/p/{{lead.A}}?q={{lead.A}}&z=1', encoding }),
        );
        const url = new URL(render(makeSample({ values: { lead: { A: value } } })).url);
        expect(url.host).toBe('x.example');
        expect(url.hash).toBe('');
        expect(url.searchParams.get('q')).toBe(value);
        expect(url.searchParams.get('z')).toBe('1');
        expect(decodeURIComponent(url.pathname.slice('/p/'.length))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});
