/** The outcome of one check: one webhook fired for one sample (SPEC section 3). */

export const FAILURE_KINDS = [
  'batch-campaign',
  'empty-body',
  'status',
  'timeout',
  'network',
  'unparseable',
  'mapping-missing',
  'mapping-type',
  'schema',
  'latency',
  'blocked',
  'too-large',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Failure {
  readonly kind: FailureKind;
  /** A sentence a user understands, e.g. `data.score is missing from the response`. */
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

/** A bigint is an integer beyond 2^53 that fits Marketo's 64-bit integer fields, kept exact. */
export type MappedValue = string | number | bigint | boolean | null;

export interface CheckResult {
  readonly webhook: string;
  readonly sample: string;
  readonly file: string;
  readonly line: number;
  readonly passed: boolean;
  /** Marketo's code: 1000, 1001, or the HTTP status; null when no response arrived. */
  readonly code: number | null;
  /** The HTTP status; null when no response arrived. */
  readonly status: number | null;
  /** The HTTP reason phrase, or the network error's code. */
  readonly errorType: string | null;
  readonly latencyMs: number | null;
  readonly attempts: number;
  readonly failures: readonly Failure[];
  readonly warnings: readonly string[];
  /** Field API name -> value Marketo would write (only on a 2xx). */
  readonly mapped: Readonly<Record<string, MappedValue>>;
  /** The start of the response body (untrusted text; at most a few hundred characters). */
  readonly responseSnippet?: string;
  /** A 3xx response's `Location` header (untrusted text): where Marketo would not follow. */
  readonly location?: string;
  /**
   * The call's whole budget when it is lower than Marketo's 30 s (the webhook's `timeout`, or the run's);
   * absent when the check had Marketo's own.
   */
  readonly timeoutMs?: number;
}

export interface RunSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
}

/** What one run produced: the JSON report's content. */
export interface RunReport {
  readonly version: 1;
  readonly summary: RunSummary;
  readonly checks: readonly CheckResult[];
  /** What Marketo would do with a whole campaign, projected from the checks (src/reports/campaign-projection). */
  readonly campaign?: CampaignProjection;
}

/** How long a trigger campaign of `leads` leads keeps Marketo's webhook queue busy, per webhook. */
export interface CampaignProjection {
  readonly leads: number;
  /** Calls Marketo makes at once per instance (20, as reported by practitioners; Adobe documents none). */
  readonly concurrentCalls: number;
  /** Marketo's per-call timeout. */
  readonly timeoutMs: number;
  readonly webhooks: readonly WebhookProjection[];
}

export interface WebhookProjection {
  readonly webhook: string;
  readonly file: string;
  readonly line: number;
  /** Checks with a measured latency (a batch campaign or a blocked request has none). */
  readonly calls: number;
  /** Latency percentiles (nearest rank) and maximum; null when no call was measured. */
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly latencyMaxMs: number | null;
  /** How long the campaign keeps the queue busy at the p50 and p95 latency; null when no call was measured. */
  readonly busyP50Ms: number | null;
  readonly busyP95Ms: number | null;
  /** Checks that got no complete response within the timeout. */
  readonly timeouts: number;
  /** The webhook's effective timeout: its own (or the run's) when lower than Marketo's 30 s, else Marketo's. */
  readonly timeoutMs: number;
  /** p95 near the effective timeout, or a call timed out: the caller gives up, the service may still write. */
  readonly nearTimeout: boolean;
}
