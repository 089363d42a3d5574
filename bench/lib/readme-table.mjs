/** Writes the whole-process rows into README.md between its bench markers, so the table is the bench's output. */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';

const START = '<!-- bench:whole-process:start -->';
const END = '<!-- bench:whole-process:end -->';

/**
 * @param {string} readmeFile
 * @param {{ markdown: string[], loads: string }} result
 * @returns {Promise<boolean>} false when README.md has no markers
 */
export async function writeReadmeTable(readmeFile, { markdown, loads }) {
  const readme = await readFile(readmeFile, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) return false;
  const block = [
    START,
    `Measured by \`npm run bench -- --process --write-readme\` on ${cpus().length} vCPUs (${loads}), Node ${process.version}, median of 7 alternating pairs, concurrency 16.`,
    '',
    '| contract | CLI ms | bare undici ms | ratio | spawn to first request ms (CLI / bare) | peak RSS MiB (CLI / bare) | targets |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...markdown,
    END,
  ].join('\n');
  await writeFile(readmeFile, readme.slice(0, start) + block + readme.slice(end + END.length));
  return true;
}
