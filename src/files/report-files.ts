/** Reads shard JSON reports for `merge` and writes report files, creating their directories. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { RunReport } from '../judging/check-result.js';
import { ContractFileError, InputError, ReportFileError } from '../contracts/errors.js';
import { findNumberSource, parseJsonKeepingNumbers } from '../judging/exact-json.js';
import type { NumberSources } from '../judging/exact-json.js';
import { readReport } from '../reports/read-report.js';
import { createContractSource } from './contract-files.js';

/** A report is larger than a contract file (one entry per check), but 50 MiB is already a suite gone wrong. */
const MAX_REPORT_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Reads and validates JSON reports named by paths or globs, in the order given (each glob sorted).
 * @throws ReportFileError naming the first file that is missing, unreadable, not JSON or not one of ours.
 */
export async function readReportFiles(patterns: readonly string[], cwd: string): Promise<RunReport[]> {
  // The same expansion and checks as contract files: globs, size cap before reading, UTF-8, BOM.
  const { files, problems } = await createContractSource({ cwd, maxFileBytes: MAX_REPORT_FILE_BYTES }).read(
    patterns,
  );
  const [first, ...rest] = problems;
  if (first !== undefined) {
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.map((p) => p.file).join(', ')})`;
    throw new ReportFileError(first.file, first.message + more, { cause: new ContractFileError(problems) });
  }
  return files.map(({ file, text }) => {
    let json: unknown;
    let sources: NumberSources | undefined;
    try {
      // A mapped integer beyond 2^53 is written exactly; read it back exactly. The reviver that keeps numbers'
      // text is several times slower, so only a report holding a 16-digit or longer literal pays for it.
      if (LONG_INTEGER.test(text)) ({ value: json, sources } = parseJsonKeepingNumbers(text));
      else json = JSON.parse(text);
    } catch (error) {
      throw new ReportFileError(
        file,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        {
          cause: error,
        },
      );
    }
    const report = readReport(file, json);
    if (sources !== undefined) restoreExactIntegers(report, sources);
    return report;
  });
}

const LONG_INTEGER = /[-\d]\d{15}/;
const INTEGER_TEXT = /^-?\d+$/;

/** Mapped integers beyond 2^53 become the exact bigint their text says (the schema has checked them as numbers). */
function restoreExactIntegers(report: RunReport, sources: NumberSources): void {
  for (const check of report.checks) {
    const mapped = check.mapped as Record<string, unknown>;
    for (const [field, value] of Object.entries(mapped)) {
      if (typeof value !== 'number' || Number.isSafeInteger(value)) continue;
      const source = findNumberSource(sources, mapped, field);
      if (source !== undefined && INTEGER_TEXT.test(source)) mapped[field] = BigInt(source);
    }
  }
}

/**
 * Writes a report, creating missing parent directories.
 * @throws InputError naming the flag when the file cannot be written (a directory, no permission).
 */
export async function writeReportFile(flag: string, file: string, text: string, cwd: string): Promise<void> {
  const absolute = path.resolve(cwd, file);
  try {
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, text, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new InputError(`${flag} ${file}: cannot write the report (${reason})`, { cause: error });
  }
}
