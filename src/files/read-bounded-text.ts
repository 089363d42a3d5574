/**
 * Reads a text file the way every input file of ours is read: checked before it is opened (a FIFO would block,
 * an oversized file is never read), at most one byte past the cap, and decoded as strict UTF-8.
 */
import { open, stat } from 'node:fs/promises';

/** The text, or why it cannot be had (a message for a `file:1:1:` problem). */
export type BoundedText = { readonly text: string } | { readonly message: string };

/**
 * @param kind what the file is, for messages (`is a directory, not a contract file`)
 */
export async function readBoundedText(
  absolute: string,
  maxBytes: number,
  kind: string,
): Promise<BoundedText> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return { message: `is a directory, not a ${kind}` };
    if (!info.isFile()) return { message: 'is not a regular file' };
    if (info.size > maxBytes) {
      return { message: `is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit` };
    }
  } catch (error) {
    return { message: describeFsError(error, kind) };
  }
  let bytes: Buffer;
  try {
    bytes = await readAtMost(absolute, maxBytes + 1);
  } catch (error) {
    return { message: describeFsError(error, kind) };
  }
  // The file grew between the stat and the read: still refused, and never read past one byte over.
  if (bytes.length > maxBytes) return { message: `is over the ${formatBytes(maxBytes)} limit` };
  try {
    // TextDecoder drops a leading BOM by default, which editors on Windows like to add.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { message: 'is not valid UTF-8 text' };
  }
}

/** Reads up to `limit` bytes from the start of a file, in chunks, so the limit is never a big allocation. */
async function readAtMost(absolute: string, limit: number): Promise<Buffer> {
  const handle = await open(absolute, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < limit) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, limit - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

export function describeFsError(error: unknown, kind: string): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    case 'EISDIR':
      return `is a directory, not a ${kind}`;
    case 'ENOTDIR':
      return 'file not found (a parent of this path is not a directory)';
    default:
      return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
