/**
 * Turns a webhook and a sample into the exact request Marketo would send (SPEC section 1): tokens in
 * the URL percent-encoded, tokens in the payload encoded by the webhook's encoding, literal text and
 * headers exactly as declared.
 */
import type { Sample, TokenEncoding, Webhook } from '../contracts/contract.js';
import { encodeTokenValue, encodeUrlTokenValue } from './encode-token.js';
import { ContractFileError } from '../contracts/errors.js';
import { lookupTokenValue } from './lookup-token-value.js';
import type { RenderedRequest } from './rendered-request.js';
import { formatToken, parseTemplate } from '../contracts/template.js';
import type { TemplatePart, TemplateToken } from '../contracts/template.js';

/** Where a text is rendered: the URL always percent-encodes, the body follows the webhook's encoding. */
type Target = 'url' | TokenEncoding;

interface CompiledText {
  readonly parts: readonly TemplatePart[];
  readonly target: Target;
  /** Problems found once, when the webhook was parsed (the loader normally rejects them first). */
  readonly warnings: readonly string[];
}

/**
 * Parses the webhook's URL and template once and returns a renderer for its samples.
 * The renderer throws ContractFileError (at the webhook's location) when the URL it renders is not an
 * absolute http(s) URL; everything else Marketo would still send becomes a warning.
 */
export function createRequestRenderer(
  webhook: Webhook,
  // The engine checks every sample's URL before the first call (createUrlCheck), so it renders without checking
  // again (`ALREADY_CHECKED`).
  checkUrl: (sample: Sample) => void = createUrlCheck(webhook),
): (sample: Sample) => RenderedRequest {
  const url = compileText(webhook.url, 'url', 'In the URL');
  const body =
    webhook.template !== undefined && webhook.method !== 'GET'
      ? compileText(webhook.template, webhook.encoding, 'In the template')
      : undefined;
  const ignoredTemplate =
    webhook.template !== undefined && body === undefined
      ? ['Marketo sends no body on GET: the template is ignored']
      : [];
  const headers = { ...webhook.headers };

  return (sample) => {
    // A Set: each warning is listed once, in the order first met, and a template with 100,000 distinct
    // missing tokens must not search a list for each (quadratic).
    checkUrl(sample);
    const warnings = new Set<string>(url.warnings);
    const renderedUrl = renderText(url, sample, warnings);
    for (const warning of ignoredTemplate) warnings.add(warning);
    if (body === undefined)
      return { method: webhook.method, url: renderedUrl, headers, warnings: list(warnings) };
    for (const warning of body.warnings) warnings.add(warning);
    const renderedBody = renderText(body, sample, warnings);
    return {
      method: webhook.method,
      url: renderedUrl,
      headers,
      body: renderedBody,
      warnings: list(warnings),
    };
  };
}

const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** Most requests have no warning: they share one empty list rather than hold one each. */
function list(warnings: Set<string>): readonly string[] {
  return warnings.size === 0 ? NO_WARNINGS : [...warnings];
}

/**
 * What createRequestRenderer's renderer throws for, without rendering the rest: for each sample, that the URL
 * renders as an absolute http(s) URL (ContractFileError otherwise). A URL without tokens is checked once. The
 * engine checks every sample before the first call, and renders each request only when its check starts.
 */
export function createUrlCheck(webhook: Webhook): (sample: Sample) => void {
  const url = compileText(webhook.url, 'url', 'In the URL');
  const fixed = url.parts.every((part) => part.kind === 'literal');
  let checkedUrl: string | undefined;
  return (sample) => {
    if (fixed && checkedUrl !== undefined) return;
    const renderedUrl = renderText(url, sample, new Set());
    if (renderedUrl === checkedUrl) return;
    assertAbsoluteUrl(renderedUrl, webhook, sample);
    checkedUrl = renderedUrl;
  };
}

/** For createRequestRenderer when every sample's URL has been checked already. */
export const ALREADY_CHECKED = (): void => undefined;

/** Renders one request; use createRequestRenderer to render many samples of one webhook. */
export function renderRequest(webhook: Webhook, sample: Sample): RenderedRequest {
  return createRequestRenderer(webhook)(sample);
}

function compileText(text: string, target: Target, where: string): CompiledText {
  const parsed = parseTemplate(text);
  return {
    parts: parsed.parts,
    target,
    warnings: parsed.problems.map((problem) => `${where}: ${problem.message}`),
  };
}

/** Appends to `warnings` (each listed once, in the order first met). */
function renderText(text: CompiledText, sample: Sample, warnings: Set<string>): string {
  let out = '';
  const { parts } = text;
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index];
    if (part === undefined) continue;
    if (part.kind === 'literal') {
      out += part.text;
      continue;
    }
    const encoded = encodeToken(part, text.target, sample, warnings);
    if (text.target === 'json' && encoded.startsWith('"') && isNextToQuote(text.parts, index)) {
      warnings.add(
        `${formatToken(part)} is written inside quotes, but under json encoding Marketo adds the quotes ` +
          `itself: write {"key": ${formatToken(part)}}, not "${formatToken(part)}"`,
      );
    }
    out += encoded;
  }
  return out;
}

function encodeToken(token: TemplateToken, target: Target, sample: Sample, warnings: Set<string>): string {
  const value = lookupTokenValue(sample, token.prefix, token.name);
  // Marketo uses the default for a missing or empty value; 0 and false are values.
  const chosen = value === undefined || value === null || value === '' ? token.defaultText : value;
  if (chosen === undefined) {
    warnings.add(
      `${formatToken(token)} has no value in sample "${sample.name}" and no default: Marketo sends it empty`,
    );
  }
  return target === 'url' ? encodeUrlTokenValue(chosen) : encodeTokenValue(chosen, target);
}

function isNextToQuote(parts: readonly TemplatePart[], index: number): boolean {
  const before = parts[index - 1];
  const after = parts[index + 1];
  return (
    (before?.kind === 'literal' && before.text.endsWith('"')) ||
    (after?.kind === 'literal' && after.text.startsWith('"'))
  );
}

function assertAbsoluteUrl(url: string, webhook: Webhook, sample: Sample): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  // Quoted as written, tokens unrendered: a token's value may be a secret read into a sample, and a `${NAME}` in the
  // URL itself is one; the rendered text is never quoted.
  const shown = webhook.carriesSecret ? 'its URL' : `its URL "${webhook.url}"`;
  throw new ContractFileError([
    {
      ...webhook.location,
      message: `Webhook "${webhook.name}": ${shown}, rendered for sample "${sample.name}", is not an absolute http(s) URL`,
    },
  ]);
}
