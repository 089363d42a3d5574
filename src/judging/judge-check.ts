/**
 * Judges one check (SPEC sections 1 and 3): what Marketo would report and write for one webhook and one sample,
 * given what the HTTP adapter observed, and which expectations fail (judge-outcome, check-body).
 *
 * Decisions:
 * - A batch campaign is judged code 1000 whatever the outcome: Marketo calls nothing.
 * - A response type of `none` with mappings fails each mapping on a 2xx: Marketo parses nothing.
 * - `expect.schema` applies to JSON bodies only (a warning otherwise).
 * - Judging never throws for what a server sent: the stages guard themselves, and a last guard here turns any
 *   other exception into one `unparseable` failure of that check, so every other check still runs and reports.
 */
import type { ValidateFunction } from 'ajv';
import type { CallOutcome } from './call-outcome.js';
import { compileResponseSchema } from './compile-response-schema.js';
import type { CheckResult } from './check-result.js';
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import type { Webhook } from '../contracts/contract.js';
import { ContractFileError } from '../contracts/errors.js';
import type { ContractProblem } from '../contracts/errors.js';
import { parseResponsePath } from './response-path.js';
import { buildCheckResult, describeError } from './build-check-result.js';
import type { Shared } from './build-check-result.js';
import type { CompiledMapping } from './check-body.js';
import { judgeBatch, judgeOutcome } from './judge-outcome.js';
import type { RedactText } from './redact-then-cut.js';
import { NO_REDACTION } from './redact-then-cut.js';

export { CODE_BATCH_CAMPAIGN, CODE_EMPTY_BODY } from './build-check-result.js';
export { MAX_SCHEMA_FAILURES } from './schema-failures.js';

/** Judges the checks of one webhook; build it once per webhook with {@link createJudge}. */
export interface Judge {
  /**
   * @param sample the sample's name.
   * @param outcome what the adapter observed; null when nothing was called because the campaign is batch.
   * @param renderWarnings warnings from rendering the request (empty tokens and the like).
   */
  judge(sample: string, outcome: CallOutcome | null, renderWarnings: readonly string[]): CheckResult;
}

/**
 * Compiles `webhook`'s schema and mapping paths once, for every sample it is fired for.
 *
 * @param file the contract file's path as reports show it.
 * @param redact the run's redactor: text shown cut (the snippet, value previews) is redacted before the cut, which
 *   no later redaction can undo. The engine always passes it; the whole report is redacted again after.
 * @param timeoutMs the calls' whole budget as the run applies it; each result records it when it is lower than
 *   Marketo's 30 s, so the campaign projection can say which timeout a webhook is near.
 * @throws ContractFileError when a mapping path is malformed or `expect.schema` does not compile.
 */
export function createJudge(
  webhook: Webhook,
  file: string,
  redact: RedactText = NO_REDACTION,
  timeoutMs: number = MARKETO_TIMEOUT_MS,
): Judge {
  const lowered = timeoutMs < MARKETO_TIMEOUT_MS ? timeoutMs : undefined;
  const problems: ContractProblem[] = [];
  const contractWarnings: string[] = [];
  const mappings: CompiledMapping[] = [];
  for (const mapping of webhook.mappings) {
    const parsed = parseResponsePath(mapping.attribute);
    if (!parsed.ok) {
      problems.push({ ...mapping.location, message: `response attribute: ${parsed.error}` });
      continue;
    }
    if (parsed.path.unusualKeys) {
      contractWarnings.push(
        `response attribute "${mapping.attribute}" uses characters beyond letters, digits, "_", "-", ":" and spaces (undocumented in Marketo)`,
      );
    }
    mappings.push({ mapping, path: parsed.path });
  }
  let validate: ValidateFunction | undefined;
  if (webhook.expect.schema !== undefined) {
    if (webhook.responseType === 'json') {
      try {
        validate = compileResponseSchema(webhook.expect.schema);
      } catch (error) {
        problems.push({
          ...webhook.location,
          message: `expect.schema is not a valid JSON Schema: ${describeError(error)}`,
        });
      }
    } else {
      contractWarnings.push(
        `expect.schema is ignored: the response type is ${webhook.responseType}, not json`,
      );
    }
  }
  if (problems.length > 0) throw new ContractFileError(problems);

  return {
    judge(sample, outcome, renderWarnings) {
      const { name, location } = webhook;
      const shared: Shared =
        lowered === undefined
          ? { webhook: name, sample, file, line: location.line }
          : { webhook: name, sample, file, line: location.line, timeoutMs: lowered };
      const warnings = [...renderWarnings, ...contractWarnings];
      if (webhook.campaign === 'batch') return judgeBatch(shared, warnings);
      if (outcome === null) {
        throw new Error(`judge: webhook "${webhook.name}" is in a trigger campaign but no outcome was given`);
      }
      try {
        return judgeOutcome({ webhook, mappings, validate, shared, warnings, redact }, outcome);
      } catch (error) {
        return judgeCrash(shared, outcome, warnings, error);
      }
    },
  };
}

/** The last resort: judging threw on what the server sent. One failure for this check; the run goes on. */
function judgeCrash(
  shared: Shared,
  outcome: CallOutcome,
  warnings: readonly string[],
  error: unknown,
): CheckResult {
  const response = outcome.kind === 'response' || outcome.kind === 'too-large' ? outcome : undefined;
  return buildCheckResult(shared, {
    code: response?.status ?? null,
    status: response?.status ?? null,
    errorType: response === undefined || response.statusText === '' ? null : response.statusText,
    latencyMs: outcome.kind === 'blocked' ? null : outcome.latencyMs,
    attempts: outcome.kind === 'blocked' ? 0 : outcome.attempts,
    failures: [{ kind: 'unparseable', message: `the response could not be judged: ${describeError(error)}` }],
    warnings,
    mapped: {},
  });
}
