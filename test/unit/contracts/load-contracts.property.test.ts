/**
 * Hostile input for the loader and the renderer: whatever text a contract file holds, `parseContractFiles` either
 * returns the model or throws one `ContractFileError` whose every problem is located (line and column from 1) and
 * says something; rendering a loaded contract either returns a request or throws a located `ContractFileError`.
 * Nothing else may escape: a TypeError or a RangeError would reach the user as "internal error".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from '../../support/yaml-text.js';
import type { ContractFile } from '../../../src/contracts/contract.js';
import { ContractFileError } from '../../../src/contracts/errors.js';
import { parseContractFiles } from '../../support/load-contracts.js';
import { createRequestRenderer } from '../../../src/requests/render-request.js';
import { SPEC_EXAMPLE_ENV, SPEC_EXAMPLE_YAML } from '../../support/contract-yaml.js';
import { hostileText } from '../../support/hostile-text.js';

type Env = Readonly<Record<string, string | undefined>>;

const FILE = 'hostile.yml';

/** What a load came to: the model, or the problems it reported. Anything else thrown fails the property. */
type Outcome = { readonly ok: true; readonly files: readonly ContractFile[] } | { readonly ok: false };

/** Loads `text` and checks the only two allowed outcomes. */
function loadChecked(text: string, env: Env = SPEC_EXAMPLE_ENV): Outcome {
  let files: readonly ContractFile[];
  try {
    files = parseContractFiles([{ file: FILE, text }], env);
  } catch (error) {
    assertLocatedError(error, text);
    return { ok: false };
  }
  expect(files).toHaveLength(1);
  return { ok: true, files };
}

/** The error is a ContractFileError with at least one problem, each in this file, located inside it, with words. */
function assertLocatedError(error: unknown, text: string): void {
  if (!(error instanceof ContractFileError)) throw error;
  expect(error.problems.length).toBeGreaterThan(0);
  // A text of n lines has n + 1 positions a line counter can name (the end of the last line included).
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const problem of error.problems) {
    expect(problem.file).toBe(FILE);
    expect(Number.isInteger(problem.line)).toBe(true);
    expect(Number.isInteger(problem.column)).toBe(true);
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lineCount + 1);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.message.trim()).not.toBe('');
  }
}

/** Renders every check of every loaded file: a request, or a located ContractFileError. */
function renderChecked(files: readonly ContractFile[], text: string): number {
  let rendered = 0;
  for (const file of files) {
    for (const webhook of file.webhooks) {
      let render: ReturnType<typeof createRequestRenderer>;
      try {
        render = createRequestRenderer(webhook);
      } catch (error) {
        assertLocatedError(error, text);
        continue;
      }
      for (const name of webhook.samples) {
        const sample = file.samples.get(name);
        expect(sample, `sample ${name} of ${webhook.name} is loaded`).toBeDefined();
        if (sample === undefined) continue;
        try {
          const request = render(sample);
          expect(typeof request.url).toBe('string');
          expect(request.method).toBe(webhook.method);
          rendered += 1;
        } catch (error) {
          assertLocatedError(error, text);
        }
      }
    }
  }
  return rendered;
}

// --- arbitraries -------------------------------------------------------------------------------------------------

const SPEC_LINES = SPEC_EXAMPLE_YAML.split('\n');

/** Keys and values the contract format knows, so random structures reach past the schema's first complaint. */
const contractWords = fc.constantFrom(
  'version',
  'samples',
  'fields',
  'defaults',
  'webhooks',
  'name',
  'url',
  'method',
  'template',
  'encoding',
  'responseType',
  'campaign',
  'mappings',
  'expect',
  'status',
  'schema',
  'maxLatency',
  'timeout',
  'headers',
  'lead',
  'my',
  'POST',
  'GET',
  'json',
  'xml',
  'form',
  'batch',
  '2xx',
  '30s',
  '0s',
  '99999s',
  '${SCORING_KEY}',
  '${UNSET}',
  '${{ secrets.X }}',
  '{{lead.Email Address}}',
  '{{lead.Email',
  '\\q',
  'https://staging.example.com/x',
  'ftp://x',
  '__proto__',
  'constructor',
  '$ref',
  'integer',
);

const scalar = fc.oneof(
  contractWords,
  hostileText(20),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Nested objects and arrays with keys from the contract vocabulary (or hostile), values of any scalar. */
const structure = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(contractWords, hostileText(8)), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** A contract-shaped document: `version`, `webhooks` and friends, each holding anything. */
const contractShaped = fc.record(
  {
    version: fc.oneof(fc.constant(1), scalar),
    samples: structure,
    fields: structure,
    defaults: structure,
    webhooks: fc.oneof(
      fc.array(fc.dictionary(contractWords, fc.oneof(scalar, structure), { maxKeys: 8 }), { maxLength: 3 }),
      structure,
    ),
  },
  { requiredKeys: ['version'] },
);

function toYaml(value: unknown): string {
  // `stringify` gives undefined for `undefined` and refuses some values (symbols in odd places): not our input.
  try {
    const text: unknown = stringify(value);
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}

type Mutation =
  | { readonly kind: 'delete'; readonly line: number }
  | { readonly kind: 'swap'; readonly a: number; readonly b: number }
  | { readonly kind: 'insert'; readonly offset: number; readonly text: string }
  | { readonly kind: 'duplicate'; readonly line: number }
  | { readonly kind: 'truncate'; readonly offset: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    offset: fc.nat(),
    text: fc.oneof(
      hostileText(6),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom(
        '\t',
        ': ',
        '- ',
        '&a ',
        '*a',
        '!!binary ',
        '<<: *a',
        '"',
        "'",
        '{',
        '[',
        '#',
        '\uFEFF',
        '\r',
      ),
    ),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), offset: fc.nat() }),
);

/** Applies mutations to the SPEC example's lines; line numbers wrap around the current length. */
function mutate(mutations: readonly Mutation[]): string {
  const lines = [...SPEC_LINES];
  for (const step of mutations) {
    const at = (n: number): number => n % Math.max(lines.length, 1);
    switch (step.kind) {
      case 'delete':
        lines.splice(at(step.line), 1);
        break;
      case 'duplicate':
        lines.splice(at(step.line), 0, lines[at(step.line)] ?? '');
        break;
      case 'swap': {
        // Swap the values (after the first `: `) of two lines, keeping each line's key and indentation.
        const a = at(step.a);
        const b = at(step.b);
        const [keyA, valueA] = splitValue(lines[a] ?? '');
        const [keyB, valueB] = splitValue(lines[b] ?? '');
        lines[a] = keyA + valueB;
        lines[b] = keyB + valueA;
        break;
      }
      case 'insert': {
        const text = lines.join('\n');
        const offset = step.offset % (text.length + 1);
        lines.splice(
          0,
          lines.length,
          ...(text.slice(0, offset) + step.text + text.slice(offset)).split('\n'),
        );
        break;
      }
      case 'truncate': {
        const text = lines.join('\n');
        lines.splice(0, lines.length, ...text.slice(0, step.offset % (text.length + 1)).split('\n'));
        break;
      }
    }
  }
  return lines.join('\n');
}

function splitValue(line: string): [string, string] {
  const index = line.indexOf(': ');
  return index < 0 ? [line, ''] : [line.slice(0, index + 2), line.slice(index + 2)];
}

// --- properties --------------------------------------------------------------------------------------------------

describe('parseContractFiles on hostile input', () => {
  it('the unmutated SPEC example loads and renders (so the mutation properties start from a valid file)', () => {
    const outcome = loadChecked(SPEC_EXAMPLE_YAML);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(renderChecked(outcome.files, SPEC_EXAMPLE_YAML)).toBe(1);
  });

  it('random strings give a model or located problems, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(200), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        loadChecked(text);
      }),
      { numRuns: 400 },
    );
  });

  it('YAML stringified from arbitrary values gives a model or located problems', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), (value) => {
        loadChecked(toYaml(value));
      }),
      { numRuns: 300 },
    );
  });

  it('contract-shaped YAML with random contents gives a model or located problems, and renders', () => {
    fc.assert(
      fc.property(contractShaped, (value) => {
        const text = toYaml(value);
        const outcome = loadChecked(text);
        if (outcome.ok) renderChecked(outcome.files, text);
      }),
      { numRuns: 300 },
    );
  });

  it('mutations of a valid file (deleted lines, swapped values, inserted unicode) load or fail located', () => {
    let loaded = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutate(mutations);
        const outcome = loadChecked(text);
        if (outcome.ok) {
          loaded += 1;
          renderChecked(outcome.files, text);
        }
      }),
      { numRuns: 400 },
    );
    // Some mutations are harmless (a comment line deleted): the render half of the property must have run.
    expect(loaded).toBeGreaterThan(0);
  });

  it('the same file twice reports every duplicate webhook name, located, in the second file', () => {
    try {
      parseContractFiles(
        [
          { file: FILE, text: SPEC_EXAMPLE_YAML },
          { file: FILE, text: SPEC_EXAMPLE_YAML },
        ],
        SPEC_EXAMPLE_ENV,
      );
      expect.unreachable('duplicate names must be refused');
    } catch (error) {
      assertLocatedError(error, SPEC_EXAMPLE_YAML);
      expect((error as ContractFileError).problems.map((problem) => problem.message).join('\n')).toMatch(
        /duplicate webhook name "Score lead"/,
      );
    }
  });

  it('an environment of hostile values still loads or fails located', () => {
    fc.assert(
      fc.property(hostileText(40), hostileText(40), (key, url) => {
        loadChecked(SPEC_EXAMPLE_YAML, { SCORING_KEY: key, STAGING_URL: url });
      }),
      { numRuns: 200 },
    );
  });
});

describe('createRequestRenderer on loaded contracts with random samples', () => {
  /** Samples with random token values, a webhook whose URL and body read them, in each encoding. */
  const sampleContract = fc.record({
    values: fc.dictionary(
      fc.constantFrom('Email', 'Name', 'Host', 'Path', 'Email Address'),
      fc.oneof(hostileText(30), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
      { maxKeys: 5 },
    ),
    encoding: fc.constantFrom('none', 'json', 'form'),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    url: fc.constantFrom(
      'https://staging.example.com/score?email={{lead.Email}}&n={{lead.Name:default=x}}',
      'https://{{lead.Host}}/score',
      'https://staging.example.com/{{lead.Path}}',
      '{{lead.Host}}',
      'https://staging.example.com/{{lead.Missing}}',
    ),
    template: fc.oneof(
      fc.constantFrom(
        '{"email": {{lead.Email}}, "name": {{lead.Name:default=friend}}}',
        'email={{lead.Email}}&name={{lead.Name}}',
        '"{{lead.Email}}"',
        '{{lead.Email Address}}{{lead.Email Address}}',
      ),
      hostileText(40),
    ),
  });

  it('every loaded check renders, or fails with a located ContractFileError', () => {
    let rendered = 0;
    fc.assert(
      fc.property(sampleContract, ({ values, encoding, method, url, template }) => {
        const text = toYaml({
          version: 1,
          samples: { s: { lead: values } },
          webhooks: [
            {
              name: 'W',
              url,
              method,
              encoding,
              ...(method === 'GET' ? {} : { template }),
              headers: { 'Content-Type': 'application/json' },
            },
          ],
        });
        const outcome = loadChecked(text, {});
        if (outcome.ok) rendered += renderChecked(outcome.files, text);
      }),
      { numRuns: 400 },
    );
    expect(rendered).toBeGreaterThan(0);
  });
});
