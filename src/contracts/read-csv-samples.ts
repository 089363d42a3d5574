/**
 * Samples from a CSV lead export (a Marketo list export): a header row of field names, one lead per row. A
 * column may name its prefix (`company.Company Name`); other columns are `lead.` tokens. Each value is a string,
 * `${NAME}` substituted as in the contract; every problem is located in the CSV file (`leads.csv:1042:3: …`).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { TOKEN_PREFIXES } from './contract.js';
import type { Sample, SourceLocation, TokenPrefix } from './contract.js';
import { createLineIndex } from './line-index.js';
import { isOneOf, reportAt, substituteEnvAt } from './load-context.js';
import type { Context } from './load-context.js';
import type { FileSamples } from './sample-files.js';
import { setToken } from './read-sample-values.js';
import type { SampleValues } from './read-sample-values.js';

interface Column {
  readonly prefix: TokenPrefix;
  readonly token: string;
}

/** `company.Company Name` -> company / Company Name; a column without a known prefix is a lead token. */
function readColumn(header: string): Column {
  const dot = header.indexOf('.');
  const prefix = dot === -1 ? '' : header.slice(0, dot).toLowerCase();
  return isOneOf(TOKEN_PREFIXES, prefix)
    ? { prefix, token: header.slice(dot + 1) }
    : { prefix: 'lead', token: header };
}

/**
 * @param nameColumn the header whose value names each sample; without it, `<file>#<row>` (1-based, data rows)
 */
export function readCsvSamples(
  context: Context,
  file: string,
  text: string,
  nameColumn: string | undefined,
): FileSamples {
  const lineColumn = createLineIndex(text);
  const at = (offset: number): SourceLocation => ({ file, ...lineColumn(offset) });
  let records: { record: string[]; info: { lines: number; raw?: string } }[];
  try {
    // `info` and `raw` give each record's line and source, to locate a field's problem at its column.
    records = parse(text, {
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError && typeof error.lines === 'number' ? Math.max(1, error.lines) : 1;
    reportAt(
      context,
      { file, line, column: 1 },
      `invalid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { samples: [] };
  }
  const [header, ...rows] = records;
  if (header === undefined) {
    reportAt(
      context,
      at(0),
      'the CSV file is empty: it needs a header row of field names and one row per lead',
    );
    return { samples: [] };
  }
  const columns = header.record.map(readColumn);
  const nameIndex = nameColumn === undefined ? -1 : header.record.indexOf(nameColumn);
  if (nameColumn !== undefined && nameIndex === -1) {
    reportAt(
      context,
      at(0),
      `no column "${nameColumn}" in the header, which the contract names as the sample name`,
    );
  }
  const samples: { sample: Sample; location: SourceLocation }[] = [];
  for (const [index, { record, info }] of rows.entries()) {
    const location: SourceLocation = { file, line: info.lines, column: 1 };
    const fieldStarts = findFieldStarts(info.raw ?? '');
    const values: SampleValues = {};
    for (const [position, cell] of record.entries()) {
      const column = columns[position];
      if (column === undefined) continue;
      const start = fieldStarts[position] ?? 0;
      const cellAt = (inner: number): SourceLocation => ({
        file,
        line: info.lines,
        column: start + 1 + inner,
      });
      const where = `${file} column "${header.record[position] ?? ''}"`;
      const value = cell.includes('${') ? substituteEnvAt(context, cell, where, cellAt).text : cell;
      setToken((values[column.prefix] ??= {}), column.token, value);
    }
    const name = nameIndex === -1 ? `${file}#${index + 1}` : (record[nameIndex] ?? '');
    if (name === '') {
      reportAt(
        context,
        { ...location, column: (fieldStarts[nameIndex] ?? 0) + 1 },
        `the sample name (column "${nameColumn ?? ''}") is empty`,
      );
      continue;
    }
    samples.push({
      sample: { name, values },
      location: { ...location, column: nameIndex === -1 ? 1 : (fieldStarts[nameIndex] ?? 0) + 1 },
    });
  }
  return { samples };
}

/** Where each field of a record's raw text starts (0-based, in its first line), honouring quotes. */
function findFieldStarts(raw: string): number[] {
  const starts = [0];
  let quoted = false;
  for (let index = 0; index < raw.length; index += 1) {
    const character = raw[index];
    if (character === '"') quoted = !quoted;
    else if (character === ',' && !quoted) starts.push(index + 1);
    else if ((character === '\n' || character === '\r') && !quoted) break;
  }
  return starts;
}
