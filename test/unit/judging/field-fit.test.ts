import { describe, expect, it } from 'vitest';
import { checkFieldFit, MAX_STRING_CHARS, MAX_TEXT_BYTES } from '../../../src/judging/field-fit.js';
import type { FieldType } from '../../../src/contracts/contract.js';
import { FIELD_TYPES } from '../../../src/contracts/contract.js';

function fits(value: unknown, type: FieldType, source: 'json' | 'xml' = 'json') {
  return checkFieldFit(value, type, source);
}

describe('checkFieldFit: null and non-scalars', () => {
  it.each(FIELD_TYPES)('null does not fit %s', (type) => {
    expect(fits(null, type)).toEqual({ ok: false, reason: `null does not fit a ${type} field` });
  });

  it.each(FIELD_TYPES)('an object does not fit %s', (type) => {
    expect(fits({ a: 1 }, type).ok).toBe(false);
  });
});

describe('checkFieldFit: string', () => {
  it('fits a short string as is', () => {
    expect(fits('gold', 'string')).toEqual({ ok: true, value: 'gold' });
  });
  it('fits the empty string', () => {
    expect(fits('', 'string')).toEqual({ ok: true, value: '' });
  });
  it('fits exactly 255 characters, not 256', () => {
    expect(fits('x'.repeat(MAX_STRING_CHARS), 'string').ok).toBe(true);
    expect(fits('x'.repeat(MAX_STRING_CHARS + 1), 'string')).toEqual({
      ok: false,
      reason: '256 characters, more than the 255 a string field holds',
    });
  });
  it('counts code points, not UTF-16 units', () => {
    // 255 emoji are 510 UTF-16 units.
    expect(fits('😀'.repeat(255), 'string').ok).toBe(true);
    expect(fits('😀'.repeat(256), 'string').ok).toBe(false);
  });
  it.each([
    [42, '42'],
    [-0, '0'],
    [1.5, '1.5'],
    [true, 'true'],
  ])('writes the JSON scalar %j as its text', (value, text) => {
    expect(fits(value, 'string')).toEqual({ ok: true, value: text });
  });
  it('rejects an array', () => {
    expect(fits(['a'], 'string')).toEqual({ ok: false, reason: 'an array does not fit a string field' });
  });
});

describe('checkFieldFit: text', () => {
  it('fits 30,000 bytes, not 30,001', () => {
    expect(fits('a'.repeat(MAX_TEXT_BYTES), 'text').ok).toBe(true);
    expect(fits('a'.repeat(MAX_TEXT_BYTES + 1), 'text')).toEqual({
      ok: false,
      reason: '30001 UTF-8 bytes, more than the 30000 a text field holds',
    });
  });
  it('counts UTF-8 bytes: 10,000 three-byte characters fit, one more does not', () => {
    expect(fits('€'.repeat(10_000), 'text').ok).toBe(true);
    expect(fits('€'.repeat(10_001), 'text').ok).toBe(false);
  });
  it('holds more than a string field', () => {
    expect(fits('x'.repeat(1000), 'text')).toEqual({ ok: true, value: 'x'.repeat(1000) });
  });
});

describe('checkFieldFit: integer, score, percent', () => {
  it.each(['integer', 'score', 'percent'] as const)('%s fits an integral number', (type) => {
    expect(fits(87, type)).toEqual({ ok: true, value: 87 });
    expect(fits(-3, type)).toEqual({ ok: true, value: -3 });
  });
  it('writes -0 as 0', () => {
    const fit = fits(-0, 'integer');
    expect(fit.ok && Object.is(fit.value, 0)).toBe(true);
  });
  it('fits 1e3 (parsed as 1000)', () => {
    expect(fits(JSON.parse('1e3'), 'integer')).toEqual({ ok: true, value: 1000 });
  });
  it.each([1.5, 0.1, Infinity, -Infinity, NaN])('rejects %s', (value) => {
    expect(fits(value, 'integer').ok).toBe(false);
  });
  it('rejects 1e400, which JSON.parse makes Infinity', () => {
    expect(fits(JSON.parse('1e400'), 'integer')).toEqual({
      ok: false,
      reason: 'Infinity is not an integral number',
    });
  });
  it('judges a number beyond 2^53 from its text as written, exactly', () => {
    const rounded: unknown = JSON.parse('9007199254740993');
    expect(checkFieldFit(rounded, 'integer', 'json', '9007199254740993')).toMatchObject({
      ok: true,
      value: 9007199254740993n,
    });
    expect(
      checkFieldFit(JSON.parse('12345678901234567890'), 'integer', 'json', '12345678901234567890'),
    ).toEqual({
      ok: false,
      reason: '12345678901234567890 is outside the signed 64-bit range Marketo stores integer fields in',
    });
  });
  it('fits a numeric JSON string with a coercion warning', () => {
    expect(fits('42', 'score')).toEqual({
      ok: true,
      value: 42,
      warning: 'a numeric string fits score only by coercion; send a JSON number',
    });
    expect(fits('-7', 'integer')).toMatchObject({ ok: true, value: -7 });
  });
  it('joins both warnings for a numeric string beyond 32 bits', () => {
    const fit = fits('9007199254740993', 'integer');
    expect(fit).toMatchObject({ ok: true, value: 9007199254740993n });
    expect(fit.ok && fit.warning).toMatch(/coercion.*; .*outside the signed 32-bit range/);
    expect(fits('99999999999999999999', 'integer').ok).toBe(false);
  });
  it('fits numeric XML text with no warning', () => {
    expect(fits('42', 'integer', 'xml')).toEqual({ ok: true, value: 42 });
    expect(fits('+5', 'percent', 'xml')).toEqual({ ok: true, value: 5 });
  });
  it.each(['4.2', '1e3', ' 42', '42 ', '', 'NaN', 'Infinity', '0x1F', '4_2', '١٢'])(
    'rejects the string %j',
    (value) => {
      expect(fits(value, 'integer').ok).toBe(false);
      expect(fits(value, 'integer', 'xml').ok).toBe(false);
    },
  );
  it('rejects booleans', () => {
    expect(fits(true, 'integer')).toEqual({ ok: false, reason: 'a boolean is not an integral number' });
  });
});

describe('checkFieldFit: float, currency', () => {
  it.each(['float', 'currency'] as const)('%s fits finite numbers', (type) => {
    expect(fits(1.5, type)).toEqual({ ok: true, value: 1.5 });
    expect(fits(3, type)).toEqual({ ok: true, value: 3 });
    expect(fits(-1e-7, type)).toEqual({ ok: true, value: -1e-7 });
  });
  it('rejects Infinity from 1e400 and NaN', () => {
    expect(fits(JSON.parse('-1e400'), 'float')).toEqual({
      ok: false,
      reason: '-Infinity is not a finite number',
    });
    expect(fits(NaN, 'currency').ok).toBe(false);
  });
  it.each([
    ['1.5', 1.5],
    ['.5', 0.5],
    ['-2', -2],
    ['1e3', 1000],
    ['3.', 3],
  ])('fits the numeric string %j with a warning', (text, value) => {
    const fit = fits(text, 'float');
    expect(fit).toMatchObject({ ok: true, value });
    expect(fit.ok && fit.warning).toMatch(/coercion/);
  });
  it('fits numeric XML text with no warning', () => {
    expect(fits('19.99', 'currency', 'xml')).toEqual({ ok: true, value: 19.99 });
  });
  it.each(['NaN', 'Infinity', '-Infinity', '1e400', '1,5', '', '.', 'abc', '1.2.3'])('rejects %j', (text) => {
    expect(fits(text, 'float').ok).toBe(false);
    expect(fits(text, 'float', 'xml').ok).toBe(false);
  });
  it('writes -0 as 0', () => {
    const fit = fits('-0', 'float', 'xml');
    expect(fit.ok && Object.is(fit.value, 0)).toBe(true);
  });
});

describe('checkFieldFit: boolean', () => {
  it('fits JSON booleans', () => {
    expect(fits(true, 'boolean')).toEqual({ ok: true, value: true });
    expect(fits(false, 'boolean')).toEqual({ ok: true, value: false });
  });
  it.each(['true', 'false', 1, 0, 'yes'])('rejects %j from JSON', (value) => {
    expect(fits(value, 'boolean').ok).toBe(false);
  });
  it.each([
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['False', false],
  ])('fits XML text %j', (text, value) => {
    expect(fits(text, 'boolean', 'xml')).toEqual({ ok: true, value });
  });
  it.each(['1', '0', 'yes', '', ' true'])('rejects XML text %j', (text) => {
    expect(fits(text, 'boolean', 'xml')).toEqual({ ok: false, reason: 'a string is not true or false' });
  });
});

describe('checkFieldFit: date', () => {
  it.each(['2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31'])('fits %s', (date) => {
    expect(fits(date, 'date')).toEqual({ ok: true, value: date });
  });
  it.each([
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '0000-01-01',
  ])('rejects the impossible date %s', (date) => {
    expect(fits(date, 'date')).toEqual({ ok: false, reason: `${date} is not a real calendar date` });
  });
  it.each(['2024-1-5', '24-01-05', '2024/01/05', '2024-01-05T00:00:00Z', ' 2024-01-05', '20240105'])(
    'rejects the format %j',
    (text) => {
      expect(fits(text, 'date')).toEqual({ ok: false, reason: 'not a YYYY-MM-DD date' });
    },
  );
  it('rejects a number', () => {
    expect(fits(20240105, 'date').ok).toBe(false);
  });
});

describe('checkFieldFit: datetime', () => {
  it.each([
    '2024-01-05T10:30:00Z',
    '2024-01-05T10:30:00.123Z',
    '2024-01-05T10:30:00+02:00',
    '2024-01-05T10:30:00-0530',
    '2024-01-05T10:30+01',
    '2024-01-05T23:59:59.999999-12:00',
  ])('fits %s with no warning', (text) => {
    expect(fits(text, 'datetime')).toEqual({ ok: true, value: text });
  });
  it('fits a date-time without offset, warning about the zone', () => {
    expect(fits('2024-01-05T10:30:00', 'datetime')).toEqual({
      ok: true,
      value: '2024-01-05T10:30:00',
      warning: 'no time zone offset: Marketo must assume the zone',
    });
  });
  it('fits a bare date, warning about the time', () => {
    const fit = fits('2024-01-05', 'datetime');
    expect(fit).toMatchObject({ ok: true, value: '2024-01-05' });
    expect(fit.ok && fit.warning).toMatch(/without a time/);
  });
  it.each([
    ['2024-02-30T10:00:00Z', '2024-02-30 is not a real calendar date'],
    ['2024-02-30', '2024-02-30 is not a real calendar date'],
  ])('rejects the impossible date in %s', (text, reason) => {
    expect(fits(text, 'datetime')).toEqual({ ok: false, reason });
  });
  it.each([
    '2024-01-05 10:30:00Z',
    '2024-01-05T24:00:00Z',
    '2024-01-05T10:60:00Z',
    '2024-01-05T10:30:61Z',
    '2024-01-05T10:30:00+25:00',
    '2024-01-05T10',
    'Fri, 05 Jan 2024 10:30:00 GMT',
    '1704450600',
    '',
  ])('rejects %j', (text) => {
    expect(fits(text, 'datetime').ok).toBe(false);
  });
  it('rejects an epoch number', () => {
    expect(fits(1704450600, 'datetime')).toEqual({
      ok: false,
      reason: 'a number is not an ISO 8601 date-time',
    });
  });
});

describe('checkFieldFit: email, url, phone', () => {
  it.each(['alice@example.com', 'a.b+tag@sub.example.co.uk', 'josé@exämple.de'])(
    'fits the email %s',
    (text) => {
      expect(fits(text, 'email')).toEqual({ ok: true, value: text });
    },
  );
  it.each([
    'alice',
    'alice@',
    '@example.com',
    'alice@example',
    'a b@example.com',
    'a@b@example.com',
    'alice@example.',
    '',
  ])('rejects the email %j', (text) => {
    expect(fits(text, 'email')).toEqual({ ok: false, reason: 'not a plausible email address' });
  });
  it('rejects an email over 255 characters', () => {
    expect(fits(`${'a'.repeat(250)}@example.com`, 'email').ok).toBe(false);
  });
  it.each(['https://example.com/a?b=1', 'http://127.0.0.1:8080', 'mailto:alice@example.com'])(
    'fits the URL %s',
    (text) => {
      expect(fits(text, 'url')).toEqual({ ok: true, value: text });
    },
  );
  it.each(['/relative/path', 'example.com', '', ' https://example.com', 'https://'])(
    'rejects the URL %j',
    (text) => {
      expect(fits(text, 'url')).toEqual({ ok: false, reason: 'not an absolute URL' });
    },
  );
  it('rejects a number as URL or email', () => {
    expect(fits(42, 'url').ok).toBe(false);
    expect(fits(42, 'email').ok).toBe(false);
  });
  it.each(['+1 555 0100', '5550100', 'x'])('fits the phone %j', (text) => {
    expect(fits(text, 'phone')).toEqual({ ok: true, value: text });
  });
  it('fits a numeric phone as text', () => {
    expect(fits(5550100, 'phone')).toEqual({ ok: true, value: '5550100' });
  });
  it.each(['', '   '])('rejects the blank phone %j', (text) => {
    expect(fits(text, 'phone')).toEqual({ ok: false, reason: 'an empty phone number' });
  });
});
