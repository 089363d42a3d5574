import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseResponseBody } from '../../../src/judging/parse-response-body.js';
import type { ParseResult } from '../../../src/judging/parse-response-body.js';
import type { XmlElement } from '../../../src/judging/xml-element.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function xmlRoot(result: ParseResult): XmlElement {
  if (!result.ok || result.value.type !== 'xml')
    throw new Error(`expected parsed XML, got ${JSON.stringify(result)}`);
  return result.value.value;
}

function errorOf(result: ParseResult): string {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

describe('parseResponseBody: none', () => {
  it('parses nothing, even garbage', () => {
    expect(parseResponseBody(utf8('<<<not anything'), 'none')).toEqual({
      ok: true,
      value: { type: 'none' },
      warnings: [],
    });
  });
});

describe('parseResponseBody: json', () => {
  it('parses an object', () => {
    expect(parseResponseBody(utf8('{"data":{"score":87}}'), 'json')).toEqual({
      ok: true,
      value: { type: 'json', value: { data: { score: 87 } } },
      warnings: [],
    });
  });
  it.each([
    ['[1,2]', [1, 2]],
    ['42', 42],
    ['"text"', 'text'],
    ['null', null],
    ['  {"a":true}\n', { a: true }],
  ])('parses %j', (text, value) => {
    expect(parseResponseBody(utf8(text), 'json')).toMatchObject({ ok: true, value: { type: 'json', value } });
  });
  it('keeps unicode and -0', () => {
    const result = parseResponseBody(utf8('{"name":"José 😀 名前","z":-0}'), 'json');
    expect(result).toMatchObject({ ok: true, value: { value: { name: 'José 😀 名前' } } });
    expect(
      result.ok && result.value.type === 'json' && Object.is((result.value.value as { z: number }).z, -0),
    ).toBe(true);
  });
  it('skips a byte order mark', () => {
    expect(parseResponseBody(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]), 'json')).toMatchObject({
      ok: true,
      value: { value: { a: 1 } },
    });
  });
  it('reads invalid UTF-8 as U+FFFD and warns', () => {
    const bytes = new Uint8Array([...utf8('{"name":"'), 0xff, 0xfe, ...utf8('"}')]);
    expect(parseResponseBody(bytes, 'json')).toEqual({
      ok: true,
      value: { type: 'json', value: { name: '\uFFFD\uFFFD' } },
      warnings: ['the response body is not valid UTF-8: invalid bytes were read as U+FFFD'],
    });
  });
  it.each(['<html>oops</html>', '{"a":', "{'a':1}", '{"a":1,}', 'NaN', 'undefined', '', '{"a":1} trailing'])(
    'rejects %j',
    (text) => {
      expect(errorOf(parseResponseBody(utf8(text), 'json'))).toMatch(/^not valid JSON: /);
    },
  );
  it('parses by the declared type, whatever the body looks like', () => {
    expect(parseResponseBody(utf8('<a>1</a>'), 'json').ok).toBe(false);
    expect(parseResponseBody(utf8('{"a":1}'), 'xml').ok).toBe(false);
  });
});

describe('parseResponseBody: xml', () => {
  it('builds the element tree, dropping attributes, comments, the declaration and processing instructions', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<!-- generated -->
<?style x?>
<elementList version="2">
  <element id="1"><foo>first</foo></element>
  <element id="2"><foo> second </foo><foo>second-b</foo></element>
  <empty/>
</elementList>`;
    expect(xmlRoot(parseResponseBody(utf8(text), 'xml'))).toEqual({
      name: 'elementList',
      text: '',
      children: [
        { name: 'element', text: '', children: [{ name: 'foo', text: 'first', children: [] }] },
        {
          name: 'element',
          text: '',
          children: [
            { name: 'foo', text: 'second', children: [] },
            { name: 'foo', text: 'second-b', children: [] },
          ],
        },
        { name: 'empty', text: '', children: [] },
      ],
    });
  });
  it('keeps values as text: numbers, booleans and leading zeros are not converted', () => {
    const root = xmlRoot(parseResponseBody(utf8('<r><n>007</n><b>true</b><f>1e3</f></r>'), 'xml'));
    expect(root.children.map((child) => child.text)).toEqual(['007', 'true', '1e3']);
  });
  it('decodes predefined entities and character references, and keeps CDATA raw', () => {
    const root = xmlRoot(
      parseResponseBody(
        utf8(
          '<r><a>1 &amp; 2 &lt;3&gt; &quot;q&apos; &#65;&#x42;&#x1F600;</a><b><![CDATA[<x> &amp;]]></b></r>',
        ),
        'xml',
      ),
    );
    expect(root.children.map((child) => child.text)).toEqual(['1 & 2 <3> "q\' AB😀', '<x> &amp;']);
  });
  it('leaves unknown entity references as written', () => {
    const root = xmlRoot(parseResponseBody(utf8('<r>&copy; &#0;</r>'), 'xml'));
    expect(root.text).toBe('&copy; &#0;');
  });
  it('does not expand DOCTYPE entities (no entity bombs)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    const result = parseResponseBody(utf8(bomb), 'xml');
    expect(result.ok ? xmlRoot(result).text : result.error).not.toContain('lollol');
  });
  it('concatenates text around child elements, trimmed', () => {
    const root = xmlRoot(parseResponseBody(utf8('<r>  head <c>x</c> tail  </r>'), 'xml'));
    expect(root.text).toBe('head  tail');
    expect(root.children).toEqual([{ name: 'c', text: 'x', children: [] }]);
  });
  it('keeps namespace prefixes in names', () => {
    const root = xmlRoot(
      parseResponseBody(utf8('<s:Envelope xmlns:s="urn:x"><s:Body>1</s:Body></s:Envelope>'), 'xml'),
    );
    expect(root.name).toBe('s:Envelope');
    expect(root.children[0]?.name).toBe('s:Body');
  });
  it('handles unicode names and text', () => {
    const root = xmlRoot(parseResponseBody(utf8('<données><prénom>José 😀</prénom></données>'), 'xml'));
    expect(root).toEqual({
      name: 'données',
      text: '',
      children: [{ name: 'prénom', text: 'José 😀', children: [] }],
    });
  });
  it.each([
    ['<a><b></a>', /^not valid XML: Expected closing tag 'b'.*\(line 1, column \d+\)$/],
    ['hello', /^not valid XML: char 'h' is not expected/],
    ['', /^not valid XML/],
    ['   ', /^not valid XML/],
    ['<a/><b/>', /^not valid XML: 2 root elements, expected one$/],
    ['{"a":1}', /^not valid XML/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(parseResponseBody(utf8(text), 'xml'))).toMatch(error);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 silently', () => {
    expect(decodeUtf8(utf8('é😀'))).toEqual({ text: 'é😀', warnings: [] });
  });
  it('replaces a truncated multi-byte sequence', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toMatchObject({
      text: 'a\uFFFD',
      warnings: [expect.any(String)],
    });
  });
});
