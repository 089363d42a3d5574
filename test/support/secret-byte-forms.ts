/**
 * More forms a server may echo a secret in, for the redaction tests (unit, property and against the built
 * artefacts): base64 folded at any width and with any separator, hex dumps as the usual tools print them, byte
 * lists in the notations of C, JavaScript, Python and Java, and escapes of bytes. Each is written here with Node's
 * own encoders and a few lines of formatting, independently of the redactor's decoders. Every form of
 * secret-encodings.ts is tried too; these are the ones it did not hold.
 */

function bytesOf(secret: string, encoding: BufferEncoding = 'utf8'): number[] {
  return [...Buffer.from(secret, encoding)];
}

function hexOf(byte: number, upper = false): string {
  const hex = byte.toString(16).padStart(2, '0');
  return upper ? hex.toUpperCase() : hex;
}

/** Base32 (RFC 4648), written here bit by bit. */
function base32(bytes: readonly number[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let text = '';
  for (let at = 0; at < bits.length; at += 5)
    text += alphabet[Number.parseInt(bits.slice(at, at + 5).padEnd(5, '0'), 2)];
  return text.padEnd(Math.ceil(text.length / 8) * 8, '=');
}

/** Base64 with `separator` after every `width` characters. */
function foldBase64(secret: string, width: number, separator: string): string {
  return Buffer.from(secret)
    .toString('base64')
    .replace(new RegExp(`.{${width}}(?=.)`, 'g'), `$&${separator}`);
}

/** Base64 cut at varying widths (1 to 7, in a fixed pattern) with varying whitespace between the pieces. */
function foldBase64Irregularly(secret: string): string {
  const base64 = Buffer.from(secret).toString('base64');
  const widths = [5, 2, 7, 4, 1, 6, 3];
  const separators = [' ', '\t', '\r\n', '  ', '\n   ', '\u00a0', ' \n'];
  const pieces: string[] = [];
  for (let at = 0, turn = 0; at < base64.length; turn += 1) {
    const width = widths[turn % widths.length] ?? 4;
    pieces.push(base64.slice(at, at + width));
    at += width;
  }
  return pieces.map((piece, index) => `${piece}${separators[index % separators.length] ?? ' '}`).join('');
}

/**
 * A hex dump as xxd prints it: `offset: groups  characters`, `columns` bytes a row in groups of `group` bytes,
 * little-endian groups with `littleEndian` (`xxd -e`).
 */
function xxd(secret: string, { columns = 16, group = 2, upper = false, littleEndian = false } = {}): string {
  const bytes = bytesOf(`key=${secret}\n`);
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += columns) {
    const row = bytes.slice(offset, offset + columns);
    const groups: string[] = [];
    for (let at = 0; at < row.length; at += group) {
      const piece = row.slice(at, at + group);
      groups.push((littleEndian ? [...piece].reverse() : piece).map((byte) => hexOf(byte, upper)).join(''));
    }
    const width = Math.ceil(columns / group) * (group * 2 + 1);
    const characters = row
      .map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'))
      .join('');
    rows.push(`${hexOf(offset).padStart(8, '0')}: ${groups.join(' ').padEnd(width)} ${characters}`);
  }
  return rows.join('\n');
}

/** `hexdump -C`: 8-digit offset, two spaces, 16 bytes in two halves, `|characters|`. */
function hexdumpC(secret: string): string {
  const bytes = bytesOf(`key=${secret}\n`);
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.slice(offset, offset + 16);
    const halves = [row.slice(0, 8), row.slice(8)].map((half) => half.map((byte) => hexOf(byte)).join(' '));
    const characters = row
      .map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'))
      .join('');
    rows.push(`${hexOf(offset).padStart(8, '0')}  ${halves.join('  ').padEnd(48)}  |${characters}|`);
  }
  return rows.join('\n');
}

/** `od -x`: octal offsets, little-endian 16-bit words, no character column. */
function odX(secret: string): string {
  const bytes = bytesOf(`key: ${secret}`);
  if (bytes.length % 2 === 1) bytes.push(0);
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const words: string[] = [];
    for (let at = offset; at < Math.min(offset + 16, bytes.length); at += 2)
      words.push(`${hexOf(bytes[at + 1] ?? 0)}${hexOf(bytes[at] ?? 0)}`);
    rows.push(`${offset.toString(8).padStart(7, '0')} ${words.join(' ')}`);
  }
  return rows.join('\n');
}

/** `od` with no options: octal offsets, little-endian 16-bit words in 6 octal digits. */
function odDefault(secret: string): string {
  const bytes = bytesOf(`key: ${secret}`);
  if (bytes.length % 2 === 1) bytes.push(0);
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const words: string[] = [];
    for (let at = offset; at < Math.min(offset + 16, bytes.length); at += 2)
      words.push(((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)).toString(8).padStart(6, '0'));
    rows.push(`${offset.toString(8).padStart(7, '0')} ${words.join(' ')}`);
  }
  return rows.join('\n');
}

/** Wireshark's packet bytes: 4-digit offset, two spaces, 16 bytes, three spaces, characters. */
function wireshark(secret: string): string {
  const bytes = bytesOf(`GET /?k=${secret} HTTP/1.1`);
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.slice(offset, offset + 16);
    const characters = row
      .map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'))
      .join('');
    rows.push(
      `${hexOf(offset).padStart(4, '0')}  ${row
        .map((byte) => hexOf(byte))
        .join(' ')
        .padEnd(47)}   ${characters}`,
    );
  }
  return rows.join('\n');
}

/** Every form, by name. `secret` should be at least 8 characters. */
export const SECRET_BYTE_FORMS: Readonly<Record<string, (secret: string) => string>> = {
  'base64 folded every 4 characters at spaces': (secret) => foldBase64(secret, 4, ' '),
  'base64 folded every 5 characters at line breaks': (secret) => foldBase64(secret, 5, '\n'),
  'base64 folded every 6 characters at CRLF and indentation': (secret) => foldBase64(secret, 6, '\r\n  '),
  'base64 folded every 7 characters at tabs': (secret) => foldBase64(secret, 7, '\t'),
  'base64 folded every character': (secret) => foldBase64(secret, 1, ' '),
  'base64 folded at varying widths and whitespace': (secret) => foldBase64Irregularly(secret),
  'base64 folded at zero-width spaces': (secret) => foldBase64(secret, 3, '\u200b'),
  'base64 as a JSON array of pieces': (secret) =>
    JSON.stringify(
      Buffer.from(secret)
        .toString('base64')
        .match(/.{1,5}/g),
    ),
  'base64 folded at dashes': (secret) => foldBase64(secret, 4, '-'),
  base32: (secret) => base32(bytesOf(secret)),
  'base32 of key=secret, folded': (secret) => base32(bytesOf(`key=${secret}`)).replace(/.{8}(?=.)/g, '$& '),
  'base64 of UTF-16LE (.NET Encoding.Unicode)': (secret) => Buffer.from(secret, 'utf16le').toString('base64'),
  'base64 of 2-byte pieces, each padded': (secret) =>
    (
      Buffer.from(secret)
        .toString('hex')
        .match(/.{1,4}/g) ?? []
    )
      .map((hex) => Buffer.from(hex, 'hex').toString('base64'))
      .join(' '),
  'base64 split across XML elements': (secret) =>
    (
      Buffer.from(secret)
        .toString('base64')
        .match(/.{1,6}/g) ?? []
    )
      .map((piece) => `<part>${piece}</part>`)
      .join(''),
  'xxd (groups of 2 bytes)': (secret) => xxd(secret),
  'xxd -g1 (single bytes)': (secret) => xxd(secret, { group: 1 }),
  'xxd -g4 -u (groups of 4 bytes, upper case)': (secret) => xxd(secret, { group: 4, upper: true }),
  'xxd -g8 -c8 (groups of 8 bytes, 8 a row)': (secret) => xxd(secret, { group: 8, columns: 8 }),
  'xxd -c 5 (odd row width)': (secret) => xxd(secret, { columns: 5, group: 1 }),
  'xxd -e (little-endian groups of 4 bytes)': (secret) => xxd(secret, { group: 4, littleEndian: true }),
  'hexdump -C': (secret) => hexdumpC(secret),
  'od -x (little-endian words, octal offsets)': (secret) => odX(secret),
  'od (octal words, the default)': (secret) => odDefault(secret),
  'Wireshark packet bytes': (secret) => wireshark(secret),
  'C byte array (0x73, 0x65)': (secret) =>
    `{ ${bytesOf(secret)
      .map((byte) => `0x${hexOf(byte)}`)
      .join(', ')} }`,
  'C byte array over lines, upper case': (secret) =>
    bytesOf(secret)
      .map((byte) => `0X${hexOf(byte, true)}`)
      .join(',\n    '),
  'JSON array of hex strings': (secret) => JSON.stringify(bytesOf(secret).map((byte) => `0x${hexOf(byte)}`)),
  'hex bytes with mixed separators': (secret) =>
    bytesOf(secret)
      .map((byte, index) => `${hexOf(byte, index % 2 === 0)}${[':', ' ', '-', ', ', '.'][index % 5] ?? ''}`)
      .join(''),
  '\\x bytes with spaces': (secret) =>
    bytesOf(secret)
      .map((byte) => `\\x${hexOf(byte)}`)
      .join(' '),
  '\\x bytes with commas': (secret) =>
    bytesOf(secret)
      .map((byte) => `'\\x${hexOf(byte)}'`)
      .join(', '),
  '%XX bytes with commas': (secret) =>
    bytesOf(secret)
      .map((byte) => `%${hexOf(byte, true)}`)
      .join(','),
  'U+ code points': (secret) =>
    [...secret]
      .map((char) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
      .join(' '),
  '16-bit words (0x7365, 0x6372)': (secret) =>
    (
      Buffer.from(secret)
        .toString('hex')
        .match(/.{1,4}/g) ?? []
    )
      .map((word) => `0x${word}`)
      .join(', '),
  'hex of UTF-16BE': (secret) => Buffer.from(secret, 'utf16le').swap16().toString('hex'),
  'hex of UTF-16LE, bytes apart': (secret) =>
    bytesOf(secret, 'utf16le')
      .map((byte) => hexOf(byte))
      .join(' '),
  'assembler hex (73h)': (secret) =>
    bytesOf(secret)
      .map((byte) => `${hexOf(byte, true)}h`)
      .join(', '),
  'decimal bytes of UTF-16LE': (secret) => JSON.stringify(bytesOf(secret, 'utf16le')),
  'decimal byte array': (secret) => JSON.stringify(bytesOf(secret)),
  "Node's Buffer as JSON": (secret) => JSON.stringify(Buffer.from(secret)),
  "Java's signed bytes": (secret) =>
    `[${bytesOf(secret)
      .map((byte) => (byte > 127 ? byte - 256 : byte))
      .join(', ')}]`,
  'String.fromCharCode': (secret) =>
    `String.fromCharCode(${[...secret].map((char) => char.charCodeAt(0)).join(', ')})`,
  'decimal character codes past a byte': (secret) =>
    `[${[...`€${secret}`].map((char) => char.codePointAt(0) ?? 0).join(',')}]`,
  'octal bytes (od -b)': (secret) =>
    bytesOf(secret)
      .map((byte) => byte.toString(8).padStart(3, '0'))
      .join(' '),
  'binary bytes': (secret) =>
    bytesOf(secret)
      .map((byte) => byte.toString(2).padStart(8, '0'))
      .join(' '),
  'C octal escapes': (secret) =>
    bytesOf(secret)
      .map((byte) => `\\${byte.toString(8).padStart(3, '0')}`)
      .join(''),
  'Perl \\x{..} escapes': (secret) =>
    bytesOf(secret)
      .map((byte) => `\\x{${byte.toString(16)}}`)
      .join(''),
  'Python \\U escapes': (secret) =>
    [...secret].map((char) => `\\U${(char.codePointAt(0) ?? 0).toString(16).padStart(8, '0')}`).join(''),
  "JavaScript's old %uXXXX": (secret) =>
    [...secret]
      .map((char) => `%u${(char.charCodeAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
      .join(''),
  "Python's list(secret)": (secret) => `[${[...secret].map((char) => `'${char}'`).join(', ')}]`,
  'JSON array of characters': (secret) => JSON.stringify([...secret]),
  'decimal character references, comma-separated': (secret) =>
    [...secret].map((char) => `&#${char.codePointAt(0) ?? 0};`).join(', '),
  'Markdown-escaped punctuation': (secret) => secret.replace(/[\\`*_{}[\]()#+\-.!|<>~/&%=?"]/g, '\\$&'),
};
