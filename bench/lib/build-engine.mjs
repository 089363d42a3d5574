/**
 * Bundles the engine's TypeScript sources (runContracts and createHttpClient) with esbuild, with the options
 * scripts/bundle.mjs builds dist/ with, into a temporary directory: outside the tree, so no formatter, linter or
 * git status ever sees it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The sources the bench needs, relative to the repository root, and what it takes from each. */
const ENTRY_EXPORTS = [
  ['src/engine/run-contracts.ts', 'runContracts'],
  ['src/http/http-client.ts', 'createHttpClient'],
  ['src/contracts/read-yaml.ts', 'readYaml'],
  ['src/contracts/load-contracts.ts', 'parseContractFiles'],
  ['src/requests/render-request.ts', 'createRequestRenderer'],
  // The loader is handed the redactor's reading of a secret's length, as the engine hands it.
  ['src/reports/redaction/secret-targets.ts', 'countSecretCharacters'],
];
export const ENGINE_SOURCES = ENTRY_EXPORTS.map(([source]) => source);

/**
 * @typedef {object} EngineModule
 * @property {(settings: object, deps: object) => Promise<{ report: { summary: { total: number, passed: number, failed: number }, checks: readonly { passed: boolean, failures: readonly { kind: string, message: string }[] }[] }, secrets: readonly string[] }>} runContracts
 * @property {(options?: object) => { send: (request: object, options: object) => Promise<object>, close: () => Promise<void> }} createHttpClient
 * @property {(file: string, text: string) => { ok: boolean }} readYaml the YAML reading alone (bench/parsers)
 * @property {(sources: readonly { file: string, text: string }[], env: object, options: { countSecretCharacters: (value: string) => number }) => readonly object[]} parseContractFiles
 * @property {(value: string) => number} countSecretCharacters what parseContractFiles's options need
 * @property {(webhook: object) => (sample: object) => { warnings: readonly string[] }} createRequestRenderer
 */

/**
 * @typedef {{ ok: true, module: EngineModule, file: string, dispose: () => Promise<void> }
 *   | { ok: false, reason: string }} EngineBuild
 */

/**
 * Builds and imports the engine; never throws: a missing or broken engine is reported as `reason`.
 * @param {string} root the repository root
 * @returns {Promise<EngineBuild>}
 */
export async function buildEngine(root) {
  const missing = ENGINE_SOURCES.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) return { ok: false, reason: `not written yet: ${missing.join(', ')}` };

  const directory = await mkdtemp(join(tmpdir(), 'wc-bench-'));
  const dispose = () => rm(directory, { recursive: true, force: true });
  const file = join(directory, 'engine.mjs');
  try {
    const { build } = await import('esbuild');
    // The options dist/ is built with (scripts/bundle-options.mjs), so the bench measures what ships.
    const { commonOptions } = await import('../../scripts/bundle-options.mjs');
    await build({
      ...commonOptions,
      stdin: {
        contents: ENTRY_EXPORTS.map(([source, name]) => `export { ${name} } from './${source}';`).join('\n'),
        resolveDir: root,
        sourcefile: 'bench-engine-entry.mjs',
        loader: 'js',
      },
      outfile: file,
      logLevel: 'silent',
    });
    const module = /** @type {EngineModule} */ (await import(pathToFileURL(file).href));
    const absent = ENTRY_EXPORTS.filter(([, name]) => typeof module[name] !== 'function');
    if (absent.length > 0) {
      await dispose();
      return { ok: false, reason: `the bundle does not export ${absent.map(([, name]) => name).join(', ')}` };
    }
    return { ok: true, module, file, dispose };
  } catch (error) {
    await dispose();
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `does not build: ${message.split('\n').slice(0, 6).join(' | ')}` };
  }
}
