/** Untrusted text that tries to break out of a Markdown table, XML or a terminal line. */
import fc from 'fast-check';

/** Hand-written attacks: pipes, backticks, mentions, references, HTML, images, newlines, escapes. */
export const HOSTILE_TEXTS: readonly string[] = [
  'a | b || c',
  '`code` and ``double`` and ```triple```',
  'hi @octocat and @github/team',
  'fixes #1 and org/repo#22 and GH-3',
  '<img src=x onerror=alert(1)>',
  '![x](https://evil.example/y.png)',
  '[click](javascript:alert(1))',
  '</details><details open>',
  '</td></tr></table><script>alert(1)</script>',
  'line one\nline two\r\nline three\u2028four',
  '\u001b[31mred\u001b[0m\u0007',
  'back\\slash \\| and \\\\| and trailing \\',
  '&lt;script&gt; &amp; &#x3C;',
  '*bold* _em_ ~~strike~~ $x^2$',
  'https://evil.example and www.evil.example and a@b.example',
  '\u202eevil\u202c and \u0000 nul',
  '<!-- webhook-contracts:other -->',
  ']]> <![CDATA[ x ]]> "quoted" \'single\'',
  '\ud800 lone surrogate and \udfff too',
];

const NASTY_UNITS = [
  ...'|`\\@#<>![]()&*_~:/.$ \t\n\r-=+"\'?',
  '\u0000',
  '\u001b',
  '\u2028',
  '\u202e',
  '\u200d',
  '\ufffe',
  '\ud83d',
  '\ude00',
  '😀',
  '字',
  'a',
  'w',
  '1',
];

/**
 * Arbitrary strings dense in Markdown, XML and terminal metacharacters, with arbitrary UTF-16 units
 * (lone surrogates included) mixed in. Built from units: fast-check's `binary` unit is slow to start.
 */
export const hostileText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...NASTY_UNITS) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
    ),
    maxLength,
  });

/**
 * Names and texts that try to become workflow commands in the runner log: after a line break of every kind
 * (`\n`, `\r`, NEL, U+2028), after leading white space, percent-encoded, as legacy `##[` commands, and the
 * families that switch commands or masking off (`::stop-commands::`, `::add-mask::`, `::echo::`).
 */
export const HOSTILE_LOG_TEXTS: readonly string[] = [
  'Out\n::set-output name=failed::0',
  's2\n::error file=README.md,line=1::INJECTED',
  'Stop\n::stop-commands::pwned',
  'cr\r::add-mask::x',
  'crlf\r\n::warning title=t::crlf',
  'nel\u0085::notice::nel',
  'ls\u2028::debug::line separator',
  'ps\u2029::group::paragraph separator',
  '::echo::on',
  '  ::endgroup::',
  '\u3000::error::ideographic space',
  '\u00a0::error::no-break space',
  '\ufeff::error::byte order mark',
  'enc%0A::error::percent-encoded',
  '##[set-output name=failed;]0',
  'x ##[error]legacy in the middle',
  '##[group]legacy group',
  'pwned\n::pwned::',
  'tab\t\v\f::error::other breaks',
];

/**
 * Terminal attacks: OSC 52 clipboard writes, OSC 0 window titles, OSC 8 hyperlinks, cursor moves and screen
 * clears (7-bit and C1 forms), device control strings, a carriage return or backspaces that overwrite what was
 * printed, and bidi and tag characters that make a line read differently.
 */
export const HOSTILE_TERMINAL_TEXTS: readonly string[] = [
  'clip\u001b]52;c;cm0gLXJmIH4=\u0007',
  'title\u001b]0;pwned\u0007',
  'link\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\',
  'clear\u001b[2J\u001b[H\u001b[1A\u001b[2K',
  'c1\u009b2J\u009d0;t\u009c',
  'dcs\u001bP+q544e\u001b\\',
  'ok\rFAKE PASS',
  'abc\b\b\bxyz',
  'bell\u0007\u0000nul',
  'bidi\u202eevil\u202c\u2066x\u2069',
  'tags\u{e0041}\u{e0042}zero\u200bwidth',
];
