/** Reads a PEM file of extra CA certificates, for staging servers behind a private CA. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { InputError } from '../contracts/errors.js';

/**
 * Reads `file` (relative to `cwd`) and checks it holds at least one PEM certificate.
 *
 * @param label how the user named it (`Input 'ca-file'`, `--ca-file`), for the error message.
 * @throws InputError when the file cannot be read or holds no certificate.
 */
export async function readCaFile(file: string, cwd: string, label: string): Promise<string> {
  const resolved = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(resolved, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InputError(`${label}: cannot read ${file} (${reason})`, { cause: error });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(`${label}: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return text;
}
