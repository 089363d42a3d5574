// Rewrites the inputs and outputs tables in README.md from action.yml, so the two never disagree.
// `node scripts/readme-tables.mjs` updates README.md; `--check` changes nothing and exits 1 when it is stale (CI).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as prettier from 'prettier';
import { load as parse } from 'js-yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = path.join(root, 'README.md');
const check = process.argv.includes('--check');

const action = parse(await readFile(path.join(root, 'action.yml'), 'utf8'));
const readme = await readFile(readmePath, 'utf8');

/** One line of Markdown table cell text: whitespace collapsed, pipes escaped. */
function cell(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

function code(text) {
  // A default containing a backtick needs a longer fence; none does today, but a stale table must not break.
  const fence = String(text).includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

function renderInputs(inputs) {
  const rows = Object.entries(inputs ?? {}).map(([name, input]) => {
    const fallback =
      input.default === undefined || input.default === '' ? '_(empty)_' : code(cell(input.default));
    const required = input.required === true ? ' **Required.**' : '';
    return `| ${code(name)} | ${cell(input.description)}${required} | ${fallback} |`;
  });
  return ['| Input | Description | Default |', '| --- | --- | --- |', ...rows].join('\n');
}

function renderOutputs(outputs) {
  const rows = Object.entries(outputs ?? {}).map(
    ([name, output]) => `| ${code(name)} | ${cell(output.description)} |`,
  );
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBetween(text, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) {
    console.error(`README.md: the markers ${start} and ${end} are missing or out of order`);
    process.exit(2);
  }
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`;
}

let updated = replaceBetween(readme, 'inputs', renderInputs(action.inputs));
updated = replaceBetween(updated, 'outputs', renderOutputs(action.outputs));
// Format as `npm run format` would, so this script and `prettier --check` agree on every byte.
const options = (await prettier.resolveConfig(readmePath)) ?? {};
updated = await prettier.format(updated, { ...options, filepath: readmePath });

if (check) {
  if (updated !== readme) {
    console.error("README.md's inputs/outputs tables are stale: run `npm run docs` and commit README.md");
    process.exit(1);
  }
  console.log('README.md tables match action.yml');
} else if (updated !== readme) {
  await writeFile(readmePath, updated);
  console.log('README.md tables updated from action.yml');
} else {
  console.log('README.md tables already match action.yml');
}
