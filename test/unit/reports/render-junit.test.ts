import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit } from '../../../src/reports/render-junit.js';
import { HOSTILE_TEXTS, hostileText } from '../../support/hostile-text.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

interface ParsedFailure {
  '@_type': string;
  '@_message': string;
  '#text'?: string;
}
interface ParsedCase {
  '@_classname': string;
  '@_name': string;
  '@_time': string;
  '@_line': string;
  failure?: ParsedFailure[];
  'system-out'?: string[];
}
interface Parsed {
  testsuites: {
    testsuite: {
      '@_name': string;
      '@_tests': string;
      '@_failures': string;
      '@_time': string;
      testcase?: ParsedCase[];
    }[];
  };
}

function parse(xml: string): Parsed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'system-out'].includes(name),
  });
  return parser.parse(xml) as Parsed;
}

/** What XMLValidator lets through but XML 1.0 forbids: control characters, lone surrogates, `<` in attributes. */
function expectStrictXml(xml: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are what is checked
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  for (const [, value] of xml.matchAll(/="([^"]*)"/g)) {
    expect(value).not.toMatch(/<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
  }
  for (const [, text] of xml.matchAll(/>([^<]*)</g))
    expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)|>/);
}

function suiteOf(xml: string): Parsed['testsuites']['testsuite'][number] {
  const suite = parse(xml).testsuites.testsuite[0];
  if (suite === undefined) throw new Error('no testsuite');
  return suite;
}

describe('renderJunit', () => {
  it('writes one testcase per check with classname = file, name = "webhook [sample]" and time in seconds', () => {
    const report = makeReport([
      makeCheckResult({ file: 'contracts/a.yml', line: 4, latencyMs: 1234 }),
      makeFailedCheckResult({ sample: 'bob', latencyMs: 5 }),
    ]);
    const suite = suiteOf(renderJunit(report));
    expect(suite['@_name']).toBe('webhook-contracts');
    expect(suite['@_tests']).toBe('2');
    expect(suite['@_failures']).toBe('1');
    expect(suite['@_time']).toBe('1.239');
    const [first, second] = suite.testcase ?? [];
    expect(first?.['@_classname']).toBe('contracts/a.yml');
    expect(first?.['@_name']).toBe('Score lead [alice]');
    expect(first?.['@_time']).toBe('1.234');
    expect(first?.['@_line']).toBe('4');
    expect(first?.failure).toBeUndefined();
    expect(second?.['@_name']).toBe('Score lead [bob]');
    expect(second?.['@_time']).toBe('0.005');
  });

  it('writes one failure per failure, typed by kind, with details in the body', () => {
    const check = makeFailedCheckResult({
      failures: [
        { kind: 'status', message: 'status 500 is not 2xx', expected: '2xx', actual: '500' },
        { kind: 'latency', message: 'took 3 s' },
      ],
    });
    const [testcase] = suiteOf(renderJunit(makeReport([check]))).testcase ?? [];
    expect(testcase?.failure).toHaveLength(2);
    const [status, latency] = testcase?.failure ?? [];
    expect(status?.['@_type']).toBe('status');
    expect(status?.['@_message']).toBe('status 500 is not 2xx');
    expect(status?.['#text']).toBe(
      'status 500 is not 2xx\nexpected: 2xx\nactual: 500\ncode: 500 (Internal Server Error)\nresponse: {"error":"boom"}',
    );
    expect(latency?.['@_type']).toBe('latency');
  });

  it('puts warnings in system-out and uses the suite name given', () => {
    const xml = renderJunit(makeReport([makeCheckResult({ warnings: ['w1', 'w2'] })]), {
      suiteName: 'shard 1',
    });
    const suite = suiteOf(xml);
    expect(suite['@_name']).toBe('shard 1');
    expect(suite.testcase?.[0]?.['system-out']).toEqual(['warning: w1\nwarning: w2']);
  });

  it('writes zero latency for a check with none, and an empty suite for no checks', () => {
    const none = suiteOf(renderJunit(makeReport([makeCheckResult({ latencyMs: null })])));
    expect(none.testcase?.[0]?.['@_time']).toBe('0.000');
    const empty = suiteOf(renderJunit(makeReport([])));
    expect(empty['@_tests']).toBe('0');
    expect(empty.testcase).toBeUndefined();
  });

  it.each(HOSTILE_TEXTS)('stays well-formed and keeps %j readable', (text) => {
    const check = makeFailedCheckResult({
      webhook: text,
      sample: text,
      file: text,
      errorType: text,
      failures: [{ kind: 'schema', message: text, expected: text, actual: text }],
      warnings: [text],
      responseSnippet: text,
    });
    const xml = renderJunit(makeReport([check]), { suiteName: text });
    expectStrictXml(xml);
    const [testcase] = suiteOf(xml).testcase ?? [];
    // Characters XML cannot carry become U+FFFD; everything else comes back exactly.
    const expected = text
      // eslint-disable-next-line no-control-regex -- control characters are what is checked
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
    expect(testcase?.['@_classname']).toBe(expected);
    expect(testcase?.['@_name']).toBe(`${expected} [${expected}]`);
    expect(testcase?.failure?.[0]?.['@_message']).toBe(expected);
  });

  it('stays well-formed for any text (property)', () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), (name, message) => {
        const check = makeFailedCheckResult({
          webhook: name,
          failures: [{ kind: 'status', message }],
          responseSnippet: message,
        });
        const xml = renderJunit(makeReport([check]), { suiteName: name });
        expect(XMLValidator.validate(xml)).toBe(true);
        expectStrictXml(xml);
      }),
    );
  });
});
