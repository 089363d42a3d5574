/** The loaded, validated model of a contract file (SPEC section 2). Plain data, no behaviour. */

export const FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'score',
  'percent',
  'float',
  'currency',
  'boolean',
  'date',
  'datetime',
  'email',
  'url',
  'phone',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const TOKEN_ENCODINGS = ['none', 'json', 'form'] as const;
export type TokenEncoding = (typeof TOKEN_ENCODINGS)[number];

export const RESPONSE_TYPES = ['none', 'json', 'xml'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

export const CAMPAIGN_TYPES = ['trigger', 'batch'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** Token prefixes Marketo knows, lower-cased (the prefix is case-insensitive in templates). */
export const TOKEN_PREFIXES = [
  'lead',
  'company',
  'campaign',
  'system',
  'trigger',
  'program',
  'my',
  'member',
] as const;
export type TokenPrefix = (typeof TOKEN_PREFIXES)[number];

/** Marketo's own timeout; a contract may lower it, never raise it. */
export const MARKETO_TIMEOUT_MS = 30_000;

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export type TokenValue = string | number | boolean | null;

/** A sample lead: token values by prefix (lower-cased) then by token name (as written). */
export interface Sample {
  readonly name: string;
  readonly values: Readonly<Partial<Record<TokenPrefix, Readonly<Record<string, TokenValue>>>>>;
}

/** `2xx`..`5xx` match a class; a number matches one status exactly. */
export type StatusPattern = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | number;

export interface Expectation {
  /** Any one pattern matching is enough. Default `['2xx']`. */
  readonly status: readonly StatusPattern[];
  /** JSON Schema for a 2xx JSON body. */
  readonly schema?: Readonly<Record<string, unknown>> | boolean;
  readonly maxLatencyMs?: number;
}

export interface Mapping {
  /** The response attribute, e.g. `data.orders[0].id`. */
  readonly attribute: string;
  /** The target field's API name. */
  readonly field: string;
  readonly fieldType: FieldType;
  readonly location: SourceLocation;
}

export interface Webhook {
  readonly name: string;
  readonly location: SourceLocation;
  /** URL template, `${NAME}` already substituted, `{{tokens}}` not yet rendered. */
  readonly url: string;
  readonly method: HttpMethod;
  /** Payload template (never on GET), `${NAME}` substituted. */
  readonly template?: string;
  readonly encoding: TokenEncoding;
  readonly responseType: ResponseType;
  readonly campaign: CampaignType;
  /** Defaults merged with the webhook's own; names as declared. `${NAME}` substituted. */
  readonly headers: Readonly<Record<string, string>>;
  readonly mappings: readonly Mapping[];
  readonly expect: Expectation;
  /** The samples this webhook is fired for, in file order. */
  readonly samples: readonly string[];
  readonly timeoutMs: number;
  /** True when the url, headers or template read a `${NAME}` value: the request carries a secret. */
  readonly carriesSecret: boolean;
}

export interface ContractFile {
  readonly file: string;
  readonly samples: ReadonlyMap<string, Sample>;
  readonly fields: ReadonlyMap<string, FieldType>;
  readonly webhooks: readonly Webhook[];
  /** Every value read from `${NAME}`: to be masked and removed from every output. */
  readonly secrets: readonly string[];
}
