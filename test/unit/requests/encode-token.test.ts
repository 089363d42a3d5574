import { describe, expect, it } from 'vitest';
import {
  encodeTokenValue,
  encodeUrlTokenValue,
  formatTokenValue,
} from '../../../src/requests/encode-token.js';

describe('encodeTokenValue: json', () => {
  it.each([
    ['alice@example.com', '"alice@example.com"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['line\nbreak\ttab', '"line\\nbreak\\ttab"'],
    ['Zoë 日本 😀', '"Zoë 日本 😀"'],
    ['</script>', '"</script>"'],
    ['\u0001', '"\\u0001"'],
    ['\uD800', '"\\ud800"'],
    ['42', '"42"'],
  ])('quotes the string %j', (value, encoded) => {
    expect(encodeTokenValue(value, 'json')).toBe(encoded);
    expect(JSON.parse(encoded)).toBe(value);
  });

  it.each([
    [42, '42'],
    [-1.5, '-1.5'],
    [0, '0'],
    [1e21, '1e+21'],
    [true, 'true'],
    [false, 'false'],
  ])('leaves %j bare', (value, encoded) => {
    expect(encodeTokenValue(value, 'json')).toBe(encoded);
  });

  it('keeps the payload valid JSON for a non-finite number', () => {
    expect(encodeTokenValue(Number.POSITIVE_INFINITY, 'json')).toBe('null');
    expect(encodeTokenValue(Number.NaN, 'json')).toBe('null');
  });

  it.each([null, undefined])('sends %j as the empty string, quoted', (value) => {
    expect(encodeTokenValue(value, 'json')).toBe('""');
  });
});

describe('encodeTokenValue: form', () => {
  it.each([
    ['a b', 'a+b'],
    [' a b ', '+a+b+'],
    ['a&b=c', 'a%26b%3Dc'],
    ['1+1', '1%2B1'],
    ['100%', '100%25'],
    ['x/y?z#w', 'x%2Fy%3Fz%23w'],
    ["it's (ok)!~", 'it%27s+%28ok%29%21%7E'],
    ['keep-._*', 'keep-._*'],
    ['Zoë', 'Zo%C3%AB'],
    ['😀', '%F0%9F%98%80'],
    ['a\nb', 'a%0Ab'],
    ['', ''],
  ])('escapes %j as application/x-www-form-urlencoded', (value, encoded) => {
    expect(encodeTokenValue(value, 'form')).toBe(encoded);
    expect(new URLSearchParams(`v=${encoded}`).get('v')).toBe(value);
  });

  it.each([
    [42, '42'],
    [-1.5, '-1.5'],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
  ])('writes %j as text', (value, encoded) => {
    expect(encodeTokenValue(value, 'form')).toBe(encoded);
  });
});

describe('encodeTokenValue: none', () => {
  it.each([
    ['a b&c="d"\\', 'a b&c="d"\\'],
    ['😀', '😀'],
    [42, '42'],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
  ])('sends %j raw', (value, encoded) => {
    expect(encodeTokenValue(value, 'none')).toBe(encoded);
  });
});

describe('encodeUrlTokenValue', () => {
  it.each([
    ['a b', 'a%20b'],
    ['x/y?z#w&v=1', 'x%2Fy%3Fz%23w%26v%3D1'],
    ['1+1', '1%2B1'],
    ['alice@example.com', 'alice%40example.com'],
    ['Zoë', 'Zo%C3%AB'],
    [42, '42'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
  ])('percent-encodes %j', (value, encoded) => {
    expect(encodeUrlTokenValue(value)).toBe(encoded);
  });

  it('sends a lone surrogate as U+FFFD instead of throwing', () => {
    expect(encodeUrlTokenValue('a\uD800b\uDC00')).toBe('a%EF%BF%BDb%EF%BF%BD');
    expect(encodeUrlTokenValue('😀')).toBe('%F0%9F%98%80');
  });
});

describe('formatTokenValue', () => {
  it('writes null and undefined as empty, everything else with String()', () => {
    expect([null, undefined, 0, false, 'x'].map(formatTokenValue)).toEqual(['', '', '0', 'false', 'x']);
  });

  it('sends a lone surrogate under form encoding as U+FFFD (UTF-8 cannot carry it)', () => {
    expect(encodeTokenValue('a\uD800b', 'form')).toBe('a%EF%BF%BDb');
  });
});
