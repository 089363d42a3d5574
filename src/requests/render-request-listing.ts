/**
 * The text `webhook-contracts render` prints: each request Marketo would send, written like an HTTP message
 * (request line, headers, blank line, body), every secret masked and every piece of contract text made safe
 * for a terminal.
 */
import { escapeControlCharacters } from '../contracts/escape-control-characters.js';
import type { Webhook } from '../contracts/contract.js';
import type { RenderedRequest } from './rendered-request.js';

export interface RequestListingEntry {
  readonly webhook: Webhook;
  readonly sample: string;
  readonly request: RenderedRequest;
}

/**
 * Renders the listing. Every piece is redacted first, names included (a secret can reach a webhook's name
 * through a sample value as easily as through a header), then shown through the terminal's door: controls and
 * invisible characters as escapes (`\u001b`), so a name, sample or template cannot write to the clipboard,
 * retitle the window or clear the screen. Only the body keeps its line breaks, as an HTTP message would.
 */
export function renderRequestListing(
  entries: readonly RequestListingEntry[],
  redact: (text: string) => string,
): string {
  if (entries.length === 0) return 'No requests: no webhook has a sample to fire for.\n';
  const show = (text: string): string => escapeControlCharacters(redact(text));
  const blocks = entries.map(({ webhook, sample, request }) => {
    const { file, line } = webhook.location;
    const lines = [`### ${show(webhook.name)} × ${show(sample)}  (${show(file)}:${line})`];
    if (webhook.campaign === 'batch') {
      lines.push(
        '# campaign: batch: Marketo calls no webhook from a batch campaign (code 1000); nothing is sent',
      );
    }
    lines.push(`${show(request.method)} ${show(request.url)}`);
    for (const [name, value] of Object.entries(request.headers)) lines.push(`${show(name)}: ${show(value)}`);
    if (request.body !== undefined) {
      // Redacted whole, as a secret may span lines; then each line is escaped on its own.
      lines.push(
        '',
        ...redact(request.body)
          .split('\n')
          .map((bodyLine) => escapeControlCharacters(bodyLine)),
      );
    }
    for (const warning of request.warnings) lines.push(`# warning: ${show(warning)}`);
    return lines.join('\n');
  });
  const count = entries.length;
  return `${blocks.join('\n\n')}\n\n${count} request${count === 1 ? '' : 's'} rendered; nothing was sent.\n`;
}
