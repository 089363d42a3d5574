import type { HttpMethod } from '../contracts/contract.js';

/** The exact request Marketo would send for one webhook and one sample. */
export interface RenderedRequest {
  readonly method: HttpMethod;
  readonly url: string;
  /** As declared, in declaration order. */
  readonly headers: Readonly<Record<string, string>>;
  /** Absent on GET and when there is no template. */
  readonly body?: string;
  /** Tokens with no value and no default (they render empty), unknown prefixes, and the like. */
  readonly warnings: readonly string[];
}
