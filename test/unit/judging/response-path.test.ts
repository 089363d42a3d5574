import { describe, expect, it } from 'vitest';
import { parseResponsePath, resolveJsonPath, resolveXmlPath } from '../../../src/judging/response-path.js';
import type { ResponsePath } from '../../../src/judging/response-path.js';
import type { XmlElement } from '../../../src/judging/xml-element.js';

function path(text: string): ResponsePath {
  const parsed = parseResponsePath(text);
  if (!parsed.ok) throw new Error(`test path "${text}" does not parse: ${parsed.error}`);
  return parsed.path;
}

function el(name: string, textOrChildren: string | XmlElement[] = ''): XmlElement {
  return typeof textOrChildren === 'string'
    ? { name, text: textOrChildren, children: [] }
    : { name, text: '', children: textOrChildren };
}

describe('parseResponsePath', () => {
  it.each([
    ['score', [{ key: 'score' }]],
    ['data.score', [{ key: 'data' }, { key: 'score' }]],
    ['orders[0].orderDate', [{ key: 'orders' }, { index: 0 }, { key: 'orderDate' }]],
    ['a[0][1]', [{ key: 'a' }, { index: 0 }, { index: 1 }]],
    ['a[10].b[007]', [{ key: 'a' }, { index: 10 }, { key: 'b' }, { index: 7 }]],
    ['Lead Score.my-field:x_1', [{ key: 'Lead Score' }, { key: 'my-field:x_1' }]],
    ['[0].id', [{ index: 0 }, { key: 'id' }]],
    ['soap:Envelope.soap:Body', [{ key: 'soap:Envelope' }, { key: 'soap:Body' }]],
  ])('parses %s', (text, steps) => {
    const parsed = parseResponsePath(text);
    expect(parsed).toEqual({ ok: true, path: { text, steps, unusualKeys: false } });
  });

  it.each(['données.prénom', 'a$b', 'a/b', 'a@b', 'ключ', 'a"b'])('flags unusual keys in %s', (text) => {
    const parsed = parseResponsePath(text);
    expect(parsed.ok && parsed.path.unusualKeys).toBe(true);
  });

  it.each([
    ['', /empty/],
    ['a..b', /empty key in segment 2/],
    ['.a', /empty key in segment 1/],
    ['a.', /empty key in segment 2/],
    ['a.[0]', /empty key in segment 2/],
    ['a[', /"\[" without "]" at character 2/],
    ['a[0', /"\[" without "]" at character 2/],
    ['a[0]b', /"b" after "]" at character 5 of "a\[0\]b"; expected "." or "\["/],
    ['a]', /"]" without "\[" at character 2/],
    ['a[0]]', /"]" without "\[" at character 5/],
    ['a[.]', /"\[.]" is not a non-negative integer/],
    ['a[-1]', /not a non-negative integer/],
    ['a[x]', /not a non-negative integer/],
    ['a[]', /not a non-negative integer/],
    ['a[1.5]', /"\[1.5\]" is not a non-negative integer/],
    ['a[ 1]', /not a non-negative integer/],
    ['a[99999999999999999999]', /too large/],
  ])('rejects %j', (text, error) => {
    const parsed = parseResponsePath(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('resolveJsonPath', () => {
  const body = {
    data: {
      score: 87,
      tier: 'gold',
      orders: [{ id: 'o1' }, { id: 'o2', lines: [[1, 2], [3]] }],
      nothing: null,
    },
    'Lead Score': 12,
    'ns:key': 'colon',
    'dash-key': 'dash',
    flag: false,
    zero: -0,
  };

  it.each([
    ['data.score', 87],
    ['data.tier', 'gold'],
    ['data.orders[1].id', 'o2'],
    ['data.orders[1].lines[0][1]', 2],
    ['data.orders[1].lines[1][0]', 3],
    ['data.nothing', null],
    ['Lead Score', 12],
    ['ns:key', 'colon'],
    ['dash-key', 'dash'],
    ['flag', false],
  ])('finds %s', (text, value) => {
    expect(resolveJsonPath(body, path(text))).toEqual({ found: true, value });
  });

  it('keeps -0 as found (the field fit normalises it)', () => {
    const resolved = resolveJsonPath(body, path('zero'));
    expect(resolved.found && Object.is(resolved.value, -0)).toBe(true);
  });

  it.each([
    ['data.missing', 'data.missing: key "missing" not found'],
    ['data.orders[3]', 'data.orders[3]: index 3 out of range (2 items)'],
    ['data.orders[1].lines[1][1]', 'data.orders[1].lines[1][1]: index 1 out of range (1 item)'],
    ['data.score.value', 'data.score.value: data.score is a number, not an object'],
    ['data.tier[0]', 'data.tier[0]: data.tier is a string, not an array'],
    ['data.nothing.x', 'data.nothing.x: data.nothing is null, not an object'],
    ['data[0]', 'data[0]: data is an object, not an array'],
    ['data.orders.id', 'data.orders.id: data.orders is an array (2 items), not an object'],
    ['data', 'data: an object, not a single value'],
    ['data.orders', 'data.orders: an array (2 items), not a single value'],
    ['data.orders[1].lines[0]', 'data.orders[1].lines[0]: an array (2 items), not a single value'],
    ['[0].id', '[0]: the response root is an object, not an array'],
  ])('fails %s naming the step', (text, reason) => {
    expect(resolveJsonPath(body, path(text))).toEqual({ found: false, reason });
  });

  it('does not read inherited properties', () => {
    expect(resolveJsonPath({}, path('constructor'))).toEqual({
      found: false,
      reason: 'constructor: key "constructor" not found',
    });
    expect(resolveJsonPath({ a: {} }, path('a.toString')).found).toBe(false);
  });

  it('reads an own "__proto__" key from a parsed body', () => {
    expect(resolveJsonPath(JSON.parse('{"__proto__": {"x": 1}}'), path('__proto__.x'))).toEqual({
      found: true,
      value: 1,
    });
  });

  it('resolves an index-first path against a root array, with a warning', () => {
    const resolved = resolveJsonPath([{ id: 'a' }, { id: 'b' }], path('[1].id'));
    expect(resolved).toMatchObject({ found: true, value: 'b' });
    expect(resolved.found && resolved.warning).toMatch(/root is an array.*undocumented/);
  });

  it('fails a key-first path against a root array, suggesting an index', () => {
    expect(resolveJsonPath([{ id: 'a' }], path('id'))).toEqual({
      found: false,
      reason: 'id: the response root is an array (1 item), not an object; start the attribute with [index]',
    });
  });

  it.each([
    [42, 'a number'],
    ['text', 'a string'],
    [null, 'null'],
    [true, 'a boolean'],
  ])('fails against a scalar root %j', (root, kind) => {
    expect(resolveJsonPath(root, path('a'))).toEqual({
      found: false,
      reason: `a: the response root is ${kind}, not an object`,
    });
  });

  it('resolves unicode keys and values', () => {
    expect(resolveJsonPath({ prénom: { 名前: 'José 😀' } }, path('prénom.名前'))).toEqual({
      found: true,
      value: 'José 😀',
    });
  });
});

describe('resolveXmlPath', () => {
  const root = el('elementList', [
    el('element', [el('foo', 'first'), el('bar', '1')]),
    el('element', [el('foo', 'second'), el('foo', 'second-b')]),
    el('other', 'x'),
    el('empty'),
    el('ns:tag', 'namespaced'),
  ]);

  it.each([
    ['elementList.other', 'x'],
    ['elementList.element.foo', 'first'],
    ['elementList.element[0].foo', 'first'],
    ['elementList.element[1].foo', 'second'],
    ['elementList.element[1].foo[1]', 'second-b'],
    ['elementList.element[0].bar', '1'],
    ['elementList[0].other', 'x'],
    ['elementList.empty', ''],
    ['elementList.ns:tag', 'namespaced'],
  ])('finds %s', (text, value) => {
    expect(resolveXmlPath(root, path(text))).toEqual({ found: true, value });
  });

  it.each([
    ['other', 'other: the root element is <elementList>, not <other>'],
    ['[0].other', "[0].other: an XML attribute starts with the root element's name (<elementList>)"],
    ['elementList.element[2].foo', 'elementList.element[2]: index 2 out of range (2 <element> elements)'],
    ['elementList.other[1]', 'elementList.other[1]: index 1 out of range (1 <other> element)'],
    ['elementList[1].other', 'elementList[1]: index 1 out of range (1 <elementList> element)'],
    ['elementList.element.baz', 'elementList.element.baz: <element> has no child <baz>'],
    ['elementList.missing', 'elementList.missing: <elementList> has no child <missing>'],
    ['elementList.element[0][0]', 'elementList.element[0][0]: an XML element cannot be indexed twice'],
    ['elementList.element', 'elementList.element: <element> has child elements, not a single value'],
    ['elementList', 'elementList: <elementList> has child elements, not a single value'],
  ])('fails %s', (text, reason) => {
    expect(resolveXmlPath(root, path(text))).toEqual({ found: false, reason });
  });

  it('matches element names case-sensitively', () => {
    expect(resolveXmlPath(root, path('elementList.Other')).found).toBe(false);
  });

  it('reads the text of a leaf root', () => {
    expect(resolveXmlPath(el('score', '87'), path('score'))).toEqual({ found: true, value: '87' });
  });
});
