/**
 * `webhook-contracts render`: every request Marketo would send for the selected webhooks and samples, rendered
 * and listed with every secret masked; nothing is sent.
 */
import type { RenderCommand } from './cli-args.js';
import { capProblemsPerFile } from '../contracts/cap-problems.js';
import type { Sample, Webhook } from '../contracts/contract.js';
import type { ContractProblem } from '../contracts/errors.js';
import { ContractFileError, InputError } from '../contracts/errors.js';
import { parseReadContracts } from '../contracts/parse-read-contracts.js';
import type { PlannedCheck } from '../engine/plan-checks.js';
import { planChecks } from '../engine/plan-checks.js';
import type { ContractSource } from '../engine/ports.js';
import { recordEnvReads } from '../engine/record-env-reads.js';
import type { Env } from '../engine/record-env-reads.js';
import type { Redact } from '../reports/redaction/redact-secrets.js';
import { countSecretCharacters } from '../reports/redaction/secret-targets.js';
import type { RequestListingEntry } from '../requests/render-request-listing.js';
import { renderRequestListing } from '../requests/render-request-listing.js';
import { createRequestRenderer } from '../requests/render-request.js';
import type { RenderedRequest } from '../requests/rendered-request.js';

export interface RenderDeps {
  readonly env: Env;
  /** Reads the contract files (collecting their secrets as it goes). */
  readonly source: ContractSource;
  /** The run's secrets: every value read from the environment is added before anything is shown. */
  readonly secrets: Set<string>;
  /** Redacts with `secrets` as they are then. */
  readonly redact: Redact;
}

/**
 * Returns the listing of `command`'s requests.
 *
 * @throws ContractFileError for the contracts' problems, all at once, before anything is shown.
 * @throws InputError when --webhook or --sample matches nothing.
 */
export async function renderRequests(command: RenderCommand, deps: RenderDeps): Promise<string> {
  // Every value read from the environment is masked in the listing, whichever route the loader read it by.
  const { publicEnv } = command;
  const recorded = recordEnvReads(deps.env, publicEnv);
  const read = await deps.source.read(command.files);
  const files = await parseReadContracts(read, recorded.env, {
    readSampleFile: deps.source.readSampleFile?.bind(deps.source),
    publicEnv,
    countSecretCharacters,
  });
  const plan = planChecks(files);
  const selected = plan.filter(
    (check) =>
      (command.webhook === undefined || check.webhook.name === command.webhook) &&
      (command.sample === undefined || check.sample.name === command.sample),
  );
  if (selected.length === 0 && (command.webhook !== undefined || command.sample !== undefined)) {
    throw new InputError(describeEmptySelection(command, plan));
  }
  // Render everything before printing anything, so a contract problem is reported alone, all at once.
  const problems: ContractProblem[] = [];
  const renderers = new Map<Webhook, (sample: Sample) => RenderedRequest>();
  const entries: RequestListingEntry[] = [];
  for (const { webhook, sample } of selected) {
    try {
      let render = renderers.get(webhook);
      if (render === undefined) {
        render = createRequestRenderer(webhook);
        renderers.set(webhook, render);
      }
      entries.push({ webhook, sample: sample.name, request: render(sample) });
    } catch (error) {
      if (!(error instanceof ContractFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ContractFileError(capProblemsPerFile(problems));
  for (const secret of [...files.flatMap((file) => file.secrets), ...recorded.values()])
    deps.secrets.add(secret);
  return renderRequestListing(entries, deps.redact);
}

/** Says which of --webhook / --sample matched nothing, with the names that exist. */
function describeEmptySelection(command: RenderCommand, plan: readonly PlannedCheck[]): string {
  const webhooks = plan.map((check) => check.webhook.name);
  if (command.webhook !== undefined && !webhooks.includes(command.webhook)) {
    return `--webhook '${command.webhook}' names no webhook; the webhooks are: ${listNames(webhooks)}`;
  }
  const samples = plan
    .filter((check) => command.webhook === undefined || check.webhook.name === command.webhook)
    .map((check) => check.sample.name);
  const whose = command.webhook === undefined ? 'any webhook' : `webhook '${command.webhook}'`;
  return `--sample '${command.sample ?? ''}' is not a sample of ${whose}; the samples are: ${listNames(samples)}`;
}

function listNames(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return unique.length === 0 ? '(none)' : unique.map((name) => `'${name}'`).join(', ');
}
