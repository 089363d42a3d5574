/**
 * The text `webhook-contracts render` prints: each request Marketo would send, written like an HTTP message
 * (request line, headers, blank line, body), every secret masked.
 */
import type { Webhook } from '../contracts/contract.js';
import { escapeControlCharactersByLine } from '../contracts/escape-control-characters.js';
import type { RenderedRequest } from './rendered-request.js';

export interface RequestListingEntry {
  readonly webhook: Webhook;
  readonly sample: string;
  readonly request: RenderedRequest;
}

/**
 * Renders the listing. `redact` is applied to each whole block (a secret may span lines), names included: a secret
 * can reach a webhook's name through a sample value as easily as through a header. Then every line of the block is
 * made inert for a terminal: names, samples, URLs and bodies come from a pull request, and an escape in one would
 * otherwise write the reader's clipboard (OSC 52), retitle the window or redraw the screen. A body's own line
 * breaks stay line breaks; every other control (a lone CR that overwrites a line included) is shown as an escape.
 */
export function renderRequestListing(
  entries: readonly RequestListingEntry[],
  redact: (text: string) => string,
): string {
  if (entries.length === 0) return 'No requests: no webhook has a sample to fire for.\n';
  const blocks = entries.map(({ webhook, sample, request }) => {
    const { file, line } = webhook.location;
    const lines = [`### ${webhook.name} × ${sample}  (${file}:${line})`];
    if (webhook.campaign === 'batch') {
      lines.push(
        '# campaign: batch: Marketo calls no webhook from a batch campaign (code 1000); nothing is sent',
      );
    }
    lines.push(`${request.method} ${request.url}`);
    for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
    if (request.body !== undefined) lines.push('', request.body);
    for (const warning of request.warnings) lines.push(`# warning: ${warning}`);
    return escapeControlCharactersByLine(redact(lines.join('\n')));
  });
  const count = entries.length;
  return `${blocks.join('\n\n')}\n\n${count} request${count === 1 ? '' : 's'} rendered; nothing was sent.\n`;
}
