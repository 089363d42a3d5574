/** What the HTTP adapter observed for one call. The core judges it; the adapter never does. */
export type CallOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** The HTTP reason phrase (Marketo's "Error Type"), may be empty. */
      readonly statusText: string;
      /** Lower-cased names. */
      readonly headers: Readonly<Record<string, string>>;
      /** The body, decoded per its Content-Encoding; empty when it could not be decoded. */
      readonly body: Uint8Array;
      /** Why the body could not be decoded (an unknown or corrupt Content-Encoding); absent when it was. */
      readonly bodyError?: string;
      readonly latencyMs: number;
      /** How many attempts were made (1 unless retries are enabled). */
      readonly attempts: number;
    }
  | {
      readonly kind: 'too-large';
      readonly status: number;
      readonly statusText: string;
      readonly limitBytes: number;
      readonly latencyMs: number;
      readonly attempts: number;
    }
  | {
      readonly kind: 'timeout';
      readonly timeoutMs: number;
      readonly latencyMs: number;
      readonly attempts: number;
    }
  | {
      readonly kind: 'network';
      /** A stable code such as `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`, `CERT_HAS_EXPIRED`. */
      readonly code: string;
      readonly message: string;
      readonly latencyMs: number;
      readonly attempts: number;
    }
  | { readonly kind: 'blocked'; readonly message: string };
