/**
 * The fast YAML path must agree with the `yaml` package on every document it accepts: the same value (key order,
 * -0 and all), no yaml error or warning, and the same answer from the locator for every path. Documents it does
 * not accept are yaml's, as before; these tests also make sure the usual contract files are accepted.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { findDuplicateKeys } from '../../src/core/find-duplicate-keys.js';
import { parseSimpleYaml } from '../../src/core/parse-simple-yaml.js';
import { createSimpleYamlLocator } from '../../src/core/simple-yaml-locator.js';
import type { ValuePath } from '../../src/core/value-path.js';
import { createYamlLocator } from '../../src/core/yaml-locator.js';
import { SPEC_EXAMPLE_YAML, dedentYaml } from '../support/contract-yaml.js';

const EXAMPLE = readFileSync(new URL('../../examples/webhook-contracts.yml', import.meta.url), 'utf8');

/** Every path in `value`, plus a missing key or index under each collection. */
function listPaths(value: unknown, path: ValuePath = []): ValuePath[] {
  const paths: ValuePath[] = [path];
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => paths.push(...listPaths(item, [...path, index])));
    paths.push([...path, value.length], [...path, 'x']);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...listPaths(item, [...path, key]));
    paths.push([...path, 'no such key'], [...path, 0]);
  }
  return paths;
}

/** Key order matters (reports list samples in file order): compare it too. */
function describeShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(describeShape);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, item]) => [key, describeShape(item)]);
  }
  return Object.is(value, -0) ? '-0' : value;
}

/**
 * Checks the fast path against yaml on `text`; returns whether the fast path accepted it. The locators are compared
 * on the first `maxPaths` paths (yaml's locator is linear in a map's size, so all paths of a big map take long).
 */
function expectAgreement(text: string, maxPaths = Infinity): boolean {
  const simple = parseSimpleYaml(text);
  if (simple === undefined) return false;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, logLevel: 'silent' });
  expect(document.errors.map((error) => error.message)).toEqual([]);
  expect(document.warnings.map((warning) => warning.message)).toEqual([]);
  expect(findDuplicateKeys(document)).toEqual([]);
  const value: unknown = document.toJS();
  expect(describeShape(simple.value)).toEqual(describeShape(value));

  const theirs = createYamlLocator('f.yml', text, document, lineCounter);
  const ours = createSimpleYamlLocator('f.yml', text, simple);
  for (const path of listPaths(value).slice(0, maxPaths)) {
    const where = JSON.stringify(path);
    expect(ours.locate(path), `value ${where}`).toEqual(theirs.locate(path));
    expect(ours.locate(path, 'key'), `key ${where}`).toEqual(theirs.locate(path, 'key'));
    for (const offset of [-1, 0, 1, 3, 9, 1_000]) {
      expect(ours.locateOffset(path, offset), `offset ${offset} of ${where}`).toEqual(
        theirs.locateOffset(path, offset),
      );
    }
  }
  return true;
}

const ACCEPTED: readonly (readonly [string, string])[] = [
  ['the SPEC example', SPEC_EXAMPLE_YAML],
  ['the shipped example', EXAMPLE],
  [
    'the bench workload',
    [
      'version: 1',
      'samples:',
      '  s0: { lead: { Email Address: lead0@example.com } }',
      '  s1: { lead: { Email Address: lead1@example.com } }',
      'webhooks:',
      '  - name: Score lead',
      '    url: "http://127.0.0.1:8080/d0"',
      '    headers: { Content-Type: application/json }',
      `    template: '{"email": {{lead.Email Address}}}'`,
      '    mappings: { data.score: leadScore, data.tier: tier }',
      '',
    ].join('\n'),
  ],
  [
    'scalars of every core type',
    dedentYaml`
      a: 1
      b: -2
      c: +3
      d: 1.5
      e: .5
      f: 1e3
      g: -0
      h: 007
      i: true
      j: False
      k: ~
      l: null
      m: NULL
      n: yes
      o: 1.0.0
      p: 12345678901234567890
      q: 0.0
      r: -1.5e-3
      s: nullish
      t: 'it''s'
      u: "double"
      v: http://x.test:80/a?b=c#frag
      w: a - b
      x: '#not a comment'
      y: value # a comment
      z:
    `,
  ],
  [
    'nesting and layouts',
    dedentYaml`
      # leading comment
      top:
        list:
        - one
        - { a: 1, b: [x, 'y', "z"] }
        -   spaced: item
            next: 2
        - key: value

          other: [ ]
        empty: {}
      "quoted key": 1
      'single key': 2
      seq:
        - - 1
      after: end
    `,
  ],
];

describe('parseSimpleYaml', () => {
  it.each(ACCEPTED.filter(([name]) => name !== 'nesting and layouts'))(
    'reads %s exactly as yaml does',
    (_name, text) => {
      expect(expectAgreement(text)).toBe(true);
    },
  );

  it('agrees with yaml on layouts it may or may not take', () => {
    const [, text] = ACCEPTED.find(([name]) => name === 'nesting and layouts') ?? ['', ''];
    expectAgreement(text);
    // Without the nested sequence (`- - 1`), which is yaml's, the document is the fast path's.
    expect(expectAgreement(text.replace('seq:\n  - - 1\n', ''))).toBe(true);
  });

  it.each([
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['a duplicate key in a flow map', 'a: { b: 1, b: 2 }\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'a: { x: 1 }\nb:\n  <<: { y: 2 }\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line flow map', 'a: { b: 1,\n  c: 2 }\n'],
    ['an escape', 'a: "line\\nbreak"\n'],
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\nc: d\r\n'],
    ['a document marker', '---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a hexadecimal number', 'a: 0x1F\n'],
    ['NaN', 'a: .nan\n'],
    ['a number as a key', '1: a\n'],
    ['a null key', '~: a\n'],
    ['__proto__', '__proto__: a\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a sequence as the root', '- a\n- b\n'],
    ['a scalar as the root', 'just text\n'],
    ['nothing', ''],
    ['only comments', '# nothing here\n'],
    ['a trailing comma', 'a: [1, 2, ]\n'],
    ['an empty flow entry', 'a: [1, , 2]\n'],
    ['an unclosed quote', "a: 'open\n"],
    ['a key with a colon in a flow map', 'a: { b:c: d }\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a lone surrogate', 'a: \ud800\n'],
  ])('leaves %s to yaml', (_name, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('keeps the order of keys and the values of a large map', () => {
    const lines = Array.from(
      { length: 3_000 },
      (_, index) => `  s${index}: { lead: { Email: l${index}@x.test } }`,
    );
    const text = ['samples:', ...lines, ''].join('\n');
    expect(expectAgreement(text, 200)).toBe(true);
  });
});

/** Characters that stress plain and quoted scalars: indicators, spaces, digits, exponents, quotes, unicode. */
const SCALAR_CHARACTERS = [
  'a',
  'b',
  'Z',
  ' ',
  ':',
  '#',
  '-',
  '.',
  ',',
  '?',
  '!',
  '&',
  '*',
  '[',
  ']',
  '{',
  '}',
  "'",
  '"',
  '\\',
  '0',
  '1',
  '9',
  'e',
  'E',
  '+',
  '~',
  '@',
  '%',
  '`',
  '|',
  '>',
  '/',
  '=',
  'é',
  '字',
  '😀',
  '\t',
];
const scalarText = fc
  .array(fc.constantFrom(...SCALAR_CHARACTERS), { minLength: 0, maxLength: 8 })
  .map((characters) => characters.join(''));
const scalarWord = fc.oneof(
  scalarText,
  fc.constantFrom(
    'null',
    '~',
    'true',
    'False',
    '1',
    '-1',
    '1.5',
    '1e3',
    '.5',
    '0o7',
    '-0',
    'yes',
    'a b',
    'x:y',
  ),
);

interface Tree {
  readonly kind: 'map' | 'seq' | 'scalar';
  readonly flow: boolean;
  readonly quote: '' | "'" | '"';
  readonly text: string;
  readonly children: readonly (readonly [string, Tree])[];
}

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('scalar' as const),
      flow: fc.boolean(),
      quote: fc.constantFrom('' as const, "'" as const, '"' as const),
      text: scalarWord,
      children: fc.constant([]),
    }),
    fc.record({
      kind: fc.constantFrom('map' as const, 'seq' as const),
      flow: fc.boolean(),
      quote: fc.constantFrom('' as const, "'" as const, '"' as const),
      text: fc.constant(''),
      children: fc.array(fc.tuple(scalarWord, tie('tree')), { maxLength: 3 }),
    }),
  ),
})).tree;

function renderScalar(node: Pick<Tree, 'quote' | 'text'>): string {
  if (node.quote === "'") return `'${node.text.replaceAll("'", "''")}'`;
  if (node.quote === '"') return `"${node.text}"`;
  return node.text;
}

function renderFlow(node: Tree): string {
  if (node.kind === 'scalar') return renderScalar(node);
  if (node.kind === 'seq') return `[${node.children.map(([, child]) => renderFlow(child)).join(', ')}]`;
  return `{ ${node.children.map(([key, child]) => `${renderScalar({ quote: node.quote, text: key })}: ${renderFlow(child)}`).join(', ')} }`;
}

/** Renders `node` as the value after `key:` (or `-`) at `indent`. */
function renderBlockValue(node: Tree, indent: number): string {
  if (node.kind === 'scalar' || node.flow || node.children.length === 0) return ` ${renderFlow(node)}\n`;
  const pad = ' '.repeat(indent + 2);
  if (node.kind === 'seq') {
    return `\n${node.children.map(([, child]) => `${pad}-${renderBlockValue(child, indent + 2)}`).join('')}`;
  }
  return `\n${node.children
    .map(
      ([key, child]) =>
        `${pad}${renderScalar({ quote: node.quote, text: key })}:${renderBlockValue(child, indent + 2)}`,
    )
    .join('')}`;
}

const documentText = fc
  .array(fc.tuple(scalarWord, fc.constantFrom('' as const, "'" as const, '"' as const), tree), {
    minLength: 1,
    maxLength: 4,
  })
  .map((entries) =>
    entries
      .map(([key, quote, value]) => `${renderScalar({ quote, text: key })}:${renderBlockValue(value, 0)}`)
      .join(''),
  );

describe('parseSimpleYaml against yaml, on generated documents', () => {
  it('agrees with yaml whenever it accepts a document, and accepts many', () => {
    let accepted = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        if (expectAgreement(text)) accepted += 1;
      }),
      { numRuns: 1_500 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('agrees with yaml on mutations of the usual contract files', () => {
    const sources = [SPEC_EXAMPLE_YAML, EXAMPLE];
    const inserted = fc.constantFrom(
      ' ',
      '  ',
      '\n',
      ':',
      '#',
      '-',
      "'",
      '"',
      '{',
      '}',
      '[',
      ']',
      ',',
      'x',
      '1',
      '.',
      '- ',
      ': ',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), inserted), { minLength: 1, maxLength: 3 }),
        (source, edits) => {
          let text = source;
          for (const [at, removed, insert] of edits) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + insert + text.slice(position + removed);
          }
          expectAgreement(text);
        },
      ),
      { numRuns: 200 },
    );
  });
});
