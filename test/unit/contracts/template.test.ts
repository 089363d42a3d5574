import { describe, expect, it } from 'vitest';
import { TOKEN_PREFIXES } from '../../../src/contracts/contract.js';
import { checkTemplate, formatToken, parseTemplate } from '../../../src/contracts/template.js';
import type { TemplatePart, TemplateProblem } from '../../../src/contracts/template.js';

/** A problem at `offset` whose message contains `fragment`. */
function problemWith(offset: number, fragment: string): TemplateProblem {
  return { offset, message: expect.stringContaining(fragment) as string };
}

/** The single part of a template that is one token. */
function onlyToken(text: string): TemplatePart {
  const { parts, problems } = parseTemplate(text);
  expect(problems).toEqual([]);
  expect(parts).toHaveLength(1);
  return parts[0]!;
}

describe('parseTemplate: tokens', () => {
  it.each(TOKEN_PREFIXES)('reads the %s prefix', (prefix) => {
    expect(onlyToken(`{{${prefix}.Some Field}}`)).toEqual({
      kind: 'token',
      prefix,
      name: 'Some Field',
      offset: 0,
      source: `{{${prefix}.Some Field}}`,
    });
  });

  it.each(['LEAD', 'Lead', 'lEaD'])(
    'reads the prefix case-insensitively (%s) and lower-cases it',
    (prefix) => {
      expect(onlyToken(`{{${prefix}.Email}}`)).toMatchObject({ prefix: 'lead', name: 'Email' });
    },
  );

  it('keeps the name as written, spaces and case included', () => {
    expect(onlyToken('{{lead.Email Address}}')).toMatchObject({ name: 'Email Address' });
    expect(onlyToken('{{my.Webinar URL (EMEA) #2}}')).toMatchObject({
      prefix: 'my',
      name: 'Webinar URL (EMEA) #2',
    });
  });

  it('splits the name at the first dot only', () => {
    expect(onlyToken('{{trigger.Web.Page}}')).toMatchObject({ prefix: 'trigger', name: 'Web.Page' });
  });

  it('trims whitespace just inside the braces and around prefix and name', () => {
    expect(onlyToken('{{ lead.Email }}')).toMatchObject({
      prefix: 'lead',
      name: 'Email',
      source: '{{ lead.Email }}',
    });
    expect(onlyToken('{{\tlead . Email\t}}')).toMatchObject({ prefix: 'lead', name: 'Email' });
  });

  it('has no defaultText when the token has no default', () => {
    expect(onlyToken('{{lead.Email}}')).not.toHaveProperty('defaultText');
  });

  it.each([
    ['{{lead.X:default=friend}}', 'friend'],
    ['{{lead.X:default=my dear friend}}', 'my dear friend'],
    ['{{lead.X:default=12:30}}', '12:30'],
    ['{{lead.X:default=a=b&c=d}}', 'a=b&c=d'],
    ['{{lead.X:default=}}', ''],
    ['{{lead.X:default= leading}}', ' leading'],
    ['{{lead.X:DEFAULT=x}}', 'x'],
    ['{{lead.X : default = x}}', ' x'],
    ['{{ lead.X:default=trailing  }}', 'trailing'],
    ['{{lead.X:default=a}b}}', 'a}b'],
  ])('reads the default of %s', (text, defaultText) => {
    expect(onlyToken(text)).toMatchObject({ kind: 'token', name: 'X', defaultText });
  });

  it('ends a default at the first "}}"', () => {
    expect(parseTemplate('{{lead.X:default={"a":1}}}').parts).toEqual([
      {
        kind: 'token',
        prefix: 'lead',
        name: 'X',
        defaultText: '{"a":1',
        offset: 0,
        source: '{{lead.X:default={"a":1}}',
      },
      { kind: 'literal', text: '}' },
    ]);
  });

  it('reads the name before the default', () => {
    expect(onlyToken('{{lead.First Name:default=friend}}')).toMatchObject({ name: 'First Name' });
  });

  it('splits literals and tokens in order, with offsets', () => {
    const { parts, problems } = parseTemplate('{"email": {{lead.Email}}, "co": {{Company.Name}}}');
    expect(problems).toEqual([]);
    expect(parts).toEqual([
      { kind: 'literal', text: '{"email": ' },
      { kind: 'token', prefix: 'lead', name: 'Email', offset: 10, source: '{{lead.Email}}' },
      { kind: 'literal', text: ', "co": ' },
      { kind: 'token', prefix: 'company', name: 'Name', offset: 32, source: '{{Company.Name}}' },
      { kind: 'literal', text: '}' },
    ]);
  });

  it('reads adjacent tokens with no literal between them', () => {
    const { parts } = parseTemplate('{{lead.A}}{{lead.B}}');
    expect(parts.map((part) => part.kind)).toEqual(['token', 'token']);
  });

  it('starts a token at the last "{{" of a run of braces', () => {
    const { parts, problems } = parseTemplate('{{{lead.Email}}}');
    expect(problems).toEqual([]);
    expect(parts).toEqual([
      { kind: 'literal', text: '{' },
      { kind: 'token', prefix: 'lead', name: 'Email', offset: 1, source: '{{lead.Email}}' },
      { kind: 'literal', text: '}' },
    ]);
  });

  it('returns no parts for the empty template', () => {
    expect(parseTemplate('')).toEqual({ parts: [], problems: [] });
  });
});

describe('parseTemplate: literal text', () => {
  it.each(['plain text', '{"a": {"b": 1}}', 'a } b', 'a }} b', '{ a }', '}}{', '{"a":[{"b":{}}]}', 'x{y}z'])(
    'keeps %s as one literal with no problem',
    (text) => {
      expect(parseTemplate(text)).toEqual({ parts: [{ kind: 'literal', text }], problems: [] });
    },
  );

  it('keeps a malformed token as literal text', () => {
    expect(parseTemplate('a {{foo.Bar}} b').parts).toEqual([{ kind: 'literal', text: 'a {{foo.Bar}} b' }]);
  });
});

describe('checkTemplate: tokens', () => {
  it('accepts a template Marketo accepts', () => {
    expect(
      checkTemplate('{"email": {{lead.Email Address}}, "name": {{lead.First Name:default=friend}}}'),
    ).toEqual([]);
  });

  it('reports an unknown prefix, listing the valid ones', () => {
    expect(checkTemplate('ab {{person.Email}}')).toEqual([
      {
        offset: 3,
        message:
          '{{person.Email}} has an unknown prefix "person": use one of lead, company, campaign, system, trigger, program, my, member',
      },
    ]);
  });

  it('reports an empty prefix as unknown', () => {
    expect(checkTemplate('{{.Email}}')).toEqual([problemWith(0, 'unknown prefix ""')]);
  });

  it.each(['{{Email}}', '{{Email:default=x.y}}'])('reports a token with no prefix: %s', (text) => {
    expect(checkTemplate(text)).toEqual([problemWith(0, 'has no prefix')]);
  });

  it.each(['{{lead.}}', '{{lead. }}', '{{lead.:default=x}}'])('reports an empty name: %s', (text) => {
    expect(checkTemplate(text)).toEqual([{ offset: 0, message: `${text} has no name after "lead."` }]);
  });

  it.each(['{{}}', '{{  }}'])('reports an empty token: %s', (text) => {
    expect(checkTemplate(text)).toEqual([problemWith(0, 'is empty')]);
  });

  it('reports a brace inside a name', () => {
    expect(checkTemplate('{{lead.a}b}}')).toEqual([problemWith(0, 'brace')]);
  });

  it('reports something other than :default= after the name', () => {
    expect(checkTemplate('{{lead.Time:12}}')).toEqual([
      { offset: 0, message: '{{lead.Time:12}}: after the name only ":default=text" may follow' },
    ]);
  });

  it('reports an unclosed "{{" at its offset', () => {
    expect(checkTemplate('abc {{lead.Email')).toEqual([problemWith(4, 'Unclosed')]);
  });

  it('reports a "{{" whose "}}" is on a later line, and still reads the tokens after it', () => {
    const text = '{{lead.A\n{{lead.B}}';
    expect(checkTemplate(text)).toEqual([problemWith(0, 'Unclosed')]);
    expect(parseTemplate(text).parts.at(-1)).toMatchObject({ kind: 'token', name: 'B', offset: 9 });
  });

  it('reports a stray "{{" before a token, and still reads the token', () => {
    const { parts, problems } = parseTemplate('{{ oops {{lead.B}}');
    expect(problems).toEqual([problemWith(0, 'Unclosed')]);
    expect(parts).toEqual([
      { kind: 'literal', text: '{{ oops ' },
      { kind: 'token', prefix: 'lead', name: 'B', offset: 8, source: '{{lead.B}}' },
    ]);
  });

  it('reports every problem, in offset order', () => {
    const problems = checkTemplate('{{x.A}} \\q {{lead.}} {{');
    expect(problems.map((problem) => problem.offset)).toEqual([0, 8, 11, 21]);
  });
});

describe('checkTemplate: escapes', () => {
  it.each(['\\b', '\\t', '\\n', '\\f', '\\r', '\\\\', '\\"', "\\'"])('accepts %s', (escape) => {
    expect(checkTemplate(`{"a": "x${escape}y"}`)).toEqual([]);
  });

  it.each(['\\u', '\\/', '\\a', '\\0', '\\x', '\\{', '\\é'])('rejects %s with its offset', (escape) => {
    expect(checkTemplate(`ab${escape}`)).toEqual([
      {
        offset: 2,
        message: `Invalid escape "${escape}": only \\b \\t \\n \\f \\r \\\\ \\" \\' are allowed; Marketo would refuse to save this webhook`,
      },
    ]);
  });

  it('rejects a backslash at the end of the template', () => {
    expect(checkTemplate('abc\\')).toEqual([problemWith(3, 'a "\\" at the end')]);
  });

  it('names an invisible escaped character by its code point', () => {
    expect(checkTemplate('a\\\nb')).toEqual([problemWith(1, '"\\U+000A"')]);
    expect(checkTemplate('a\\ b')).toEqual([problemWith(1, '"\\U+0020"')]);
  });

  it('names an escaped astral character whole', () => {
    expect(checkTemplate('\\😀')).toEqual([problemWith(0, '"\\😀"')]);
  });

  it('pairs backslashes left to right: "\\\\q" is an escaped backslash then q', () => {
    expect(checkTemplate('\\\\q')).toEqual([]);
    expect(checkTemplate('\\\\\\q')).toEqual([problemWith(2, '"\\q"')]);
  });

  it('checks escapes inside tokens and defaults too', () => {
    expect(checkTemplate('{{lead.X:default=a\\qb}}')).toEqual([problemWith(18, '"\\q"')]);
  });

  it('leaves valid escapes untranslated in the literal text', () => {
    expect(parseTemplate('a\\nb\\"c').parts).toEqual([{ kind: 'literal', text: 'a\\nb\\"c' }]);
  });

  it('does not turn an escape problem into a token problem', () => {
    expect(parseTemplate('\\q{{lead.A}}').parts).toEqual([
      { kind: 'literal', text: '\\q' },
      { kind: 'token', prefix: 'lead', name: 'A', offset: 2, source: '{{lead.A}}' },
    ]);
  });
});

describe('formatToken', () => {
  it('writes the canonical spelling', () => {
    expect(formatToken({ prefix: 'lead', name: 'First Name' })).toBe('{{lead.First Name}}');
  });
});
