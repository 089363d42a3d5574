/**
 * Contract loading (SPEC section 2): YAML text -> the `ContractFile` model, or one `ContractFileError` listing
 * every problem of every file as `file:line:column: message`, so that an author fixes them all in one round.
 *
 * Three passes, each reporting everything it finds: YAML syntax (read-yaml.ts), the shipped JSON Schema (the same
 * one editors use), then the rules a schema cannot express (read-*.ts: declared fields and samples, durations,
 * templates, URLs, `${NAME}`). The last pass reads the value defensively, so that it still runs, without
 * repeating the schema's complaints, when the schema pass found problems.
 */
import { capProblemsPerFile } from './cap-problems.js';
import type { ContractFile, SourceLocation, Webhook } from './contract.js';
import { validate as validateContract } from './contract-validator.js';
import { describeSchemaErrors } from './describe-schema-errors.js';
import { ContractFileError } from './errors.js';
import type { ContractProblem } from './errors.js';
import { createContext, isRecord, report } from './load-context.js';
import type { Context, Env } from './load-context.js';
import { NO_PUBLIC_ENV } from './public-env.js';
import type { PublicEnvNames } from './public-env.js';
import type { CountSecretCharacters } from './secret-length.js';
import { readFields } from './read-fields.js';
import { readSamples } from './read-samples.js';
import { readSettings } from './read-settings.js';
import { readWebhook } from './read-webhook.js';
import { readYaml } from './read-yaml.js';
import type { ReadYaml } from './read-yaml.js';
import type { SampleFiles } from './sample-files.js';
import { sortProblems } from './sort-problems.js';

export type { Env } from './load-context.js';

/** One contract file's text, named as problems should name it. */
export interface ContractSourceText {
  readonly file: string;
  readonly text: string;
}

export interface LoadOptions {
  /** The data files the contracts name under `samples:` (see parse-read-contracts.ts). */
  readonly sampleFiles?: SampleFiles;
  /** Sources already read as YAML (to find their data files), so that none is parsed twice. */
  readonly parsed?: ReadonlyMap<ContractSourceText, ReadYaml>;
  /** The variables the caller declared not secret (none by default). */
  readonly publicEnv?: PublicEnvNames;
  /** The redactor's reading of a `${NAME}` value (src/contracts/secret-length.ts). */
  readonly countSecretCharacters: CountSecretCharacters;
}

/**
 * Loads several contract files; webhook names must be unique across all of them.
 *
 * @throws ContractFileError listing every problem in every file, in file order.
 */
export function parseContractFiles(
  sources: readonly ContractSourceText[],
  env: Env,
  options: LoadOptions,
): readonly ContractFile[] {
  const seenNames = new Map<string, SourceLocation>();
  const problems: ContractProblem[] = [];
  const contracts: ContractFile[] = [];
  for (const source of sources) {
    const loaded = loadContractFile(source, env, seenNames, options);
    // Not push(...spread): a hostile file can hold hundreds of thousands of problems, past the argument limit.
    // Capped per file: past the first hundred, more lines only bury the ones to fix first.
    for (const problem of capProblemsPerFile(loaded.problems)) problems.push(problem);
    if (loaded.contract !== undefined) contracts.push(loaded.contract);
  }
  if (problems.length > 0) throw new ContractFileError(problems);
  return contracts;
}

const ANY_OF_MESSAGES: Readonly<Record<string, string>> = {
  // The `title` of `definitions.status` in the shipped schema.
  'Expected status': 'must be 2xx, 3xx, 4xx, 5xx (or 1xx), an HTTP status from 100 to 599, or a list of them',
};

interface Loaded {
  readonly contract?: ContractFile;
  readonly problems: readonly ContractProblem[];
}

function loadContractFile(
  source: ContractSourceText,
  env: Env,
  seenNames: Map<string, SourceLocation>,
  options: LoadOptions,
): Loaded {
  const { file, text } = source;
  const read = options.parsed?.get(source) ?? readYaml(file, text);
  if (!read.ok) return { problems: sortProblems(read.problems) };
  const { data, locator } = read;

  const context = createContext(
    file,
    env,
    locator,
    options.publicEnv ?? NO_PUBLIC_ENV,
    options.countSecretCharacters,
  );
  // Precompiled from the shipped schema at build time (scripts/contract-validator-code.ts): nothing to compile here.
  if (!validateContract(data)) {
    const issues = describeSchemaErrors(validateContract.errors ?? [], data, {
      rootName: 'the contract file',
      anyOfMessages: ANY_OF_MESSAGES,
    });
    for (const issue of issues) report(context, issue.path, issue.message, issue.target);
  }
  const contract = readContract(context, data, seenNames, options.sampleFiles ?? new Map());
  return context.problems.length > 0
    ? { problems: sortProblems(context.problems) }
    : { contract, problems: [] };
}

function readContract(
  context: Context,
  data: unknown,
  seenNames: Map<string, SourceLocation>,
  sampleFiles: SampleFiles,
): ContractFile {
  const root = isRecord(data) ? data : {};
  const samples = readSamples(context, root['samples'], sampleFiles);
  const fields = readFields(context, root['fields']);
  const defaults = isRecord(root['defaults']) ? readSettings(context, root['defaults'], ['defaults']) : {};
  const webhooks: Webhook[] = [];
  const list = Array.isArray(root['webhooks']) ? (root['webhooks'] as unknown[]) : [];
  for (const [index, raw] of list.entries()) {
    if (!isRecord(raw)) continue;
    const webhook = readWebhook(context, raw, ['webhooks', index], { defaults, samples, fields });
    if (typeof raw['name'] === 'string') {
      const first = seenNames.get(webhook.name);
      if (first === undefined) seenNames.set(webhook.name, webhook.location);
      else {
        report(
          context,
          ['webhooks', index, 'name'],
          `duplicate webhook name "${webhook.name}": the first is at ${first.file}:${first.line}:${first.column}; names must be unique across all contract files`,
        );
      }
    }
    webhooks.push(webhook);
  }
  return { file: context.file, samples, fields: fields.types, webhooks, secrets: [...context.secrets] };
}
