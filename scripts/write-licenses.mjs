// Writes dist/licenses.txt: the name, version, licence and licence text of every package bundled into dist/,
// read from esbuild's metafile, so the committed bundle ships the licences of the code it carries.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const NODE_MODULES = `${sep}node_modules${sep}`;

/** The folder of the package that holds `file` (the nearest package.json with a name, inside node_modules). */
function findPackageRoot(file) {
  let directory = dirname(file);
  while (directory.includes(NODE_MODULES)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name !== undefined)
      return directory;
    directory = dirname(directory);
  }
  return undefined;
}

function readLicenseText(directory) {
  const name = readdirSync(directory)
    .sort()
    .find((entry) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(entry));
  return name === undefined ? undefined : readFileSync(join(directory, name), 'utf8').trim();
}

/**
 * @param {string} root the repository root
 * @param {import('esbuild').Metafile[]} metafiles one per build
 * @param {string} outfile where to write
 */
export function writeLicenses(root, metafiles, outfile) {
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const file = resolve(root, input.replace(/^[a-z-]+:/, ''));
      const directory = findPackageRoot(file);
      if (directory === undefined) continue;
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      const key = `${manifest.name}@${manifest.version}`;
      if (!packages.has(key)) packages.set(key, { manifest, text: readLicenseText(directory) });
    }
  }
  const sections = [...packages.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { manifest, text }]) =>
      [
        `${key}`,
        `License: ${manifest.license ?? 'see the package'}`,
        '',
        text ?? '(no licence file in the package)',
      ].join('\n'),
    );
  const header = 'Third-party software bundled into dist/ by esbuild, with its licences.\n';
  writeFileSync(outfile, [header, ...sections].join('\n\n' + '-'.repeat(78) + '\n\n') + '\n');
}
