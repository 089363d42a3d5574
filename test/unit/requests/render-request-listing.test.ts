import { describe, expect, it } from 'vitest';

import { createRedactor } from '../../../src/reports/redaction/redact-secrets.js';
import { renderRequestListing } from '../../../src/requests/render-request-listing.js';
import type { RenderedRequest } from '../../../src/requests/rendered-request.js';
import { makeLocation, makeWebhook } from '../../support/make-webhook.js';

const SECRET = 'tok-93b1e2c7';

function makeRequest(overrides: Partial<RenderedRequest> = {}): RenderedRequest {
  return {
    method: 'POST',
    url: 'https://staging.example.com/score',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}` },
    body: '{"email": "alice@example.com"}',
    warnings: [],
    ...overrides,
  };
}

const keep = (text: string): string => text;

describe('renderRequestListing', () => {
  it('writes each request like an HTTP message under a heading with its location', () => {
    const webhook = makeWebhook({ location: makeLocation({ file: 'c.yml', line: 7 }) });
    const text = renderRequestListing([{ webhook, sample: 'alice', request: makeRequest() }], keep);
    expect(text).toBe(
      [
        '### Score lead × alice  (c.yml:7)',
        'POST https://staging.example.com/score',
        'Content-Type: application/json',
        `Authorization: Bearer ${SECRET}`,
        '',
        '{"email": "alice@example.com"}',
        '',
        '1 request rendered; nothing was sent.',
        '',
      ].join('\n'),
    );
  });

  it('masks secrets everywhere through the redactor, even in a multi-line body', () => {
    const request = makeRequest({
      url: `https://staging.example.com/score?key=${SECRET}`,
      body: `line one\n${SECRET}\nline three`,
    });
    const text = renderRequestListing(
      [{ webhook: makeWebhook({ name: `Hook ${SECRET}` }), sample: 'alice', request }],
      createRedactor([SECRET]),
    );
    expect(text).not.toContain(SECRET);
    expect(text).toContain('### Hook *** × alice');
    expect(text).toContain('Authorization: Bearer ***');
    expect(text).toContain('?key=***');
    expect(text).toContain('line one\n***\nline three');
  });

  it('omits the body of a GET, lists warnings, and notes a batch campaign', () => {
    const withoutBody: RenderedRequest = {
      method: 'GET',
      url: 'https://staging.example.com/score',
      headers: {},
      warnings: ['{{lead.Phone}} has no value'],
    };
    const text = renderRequestListing(
      [{ webhook: makeWebhook({ campaign: 'batch' }), sample: 'bob', request: withoutBody }],
      keep,
    );
    expect(text).toContain('# campaign: batch');
    expect(text).toContain('code 1000');
    expect(text).toContain('GET https://staging.example.com/score\n# warning: {{lead.Phone}} has no value');
  });

  it('counts several requests and separates them with a blank line', () => {
    const entries = ['alice', 'bob'].map((sample) => ({
      webhook: makeWebhook(),
      sample,
      request: makeRequest(),
    }));
    const text = renderRequestListing(entries, keep);
    expect(text.match(/^### /gm)).toHaveLength(2);
    expect(text).toContain('}\n\n### Score lead × bob');
    expect(text.endsWith('2 requests rendered; nothing was sent.\n')).toBe(true);
  });

  it('says so when there is nothing to render', () => {
    expect(renderRequestListing([], keep)).toMatch(/^No requests/);
  });

  it('shows controls in names, URL, headers and body as escapes, keeping only the body’s line breaks', () => {
    const webhook = makeWebhook({
      name: 'Hook\u001b]52;c;eA==\u0007',
      location: makeLocation({ file: 'a\u202e.yml' }),
    });
    const request = makeRequest({
      url: 'https://staging.example.com/\u001b[2J',
      headers: { 'X-Name': 'v\u009b1A' },
      body: 'one\u001b]0;title\u0007\ntwo\rthree',
      warnings: ['w\u200b'],
    });
    const text = renderRequestListing([{ webhook, sample: 's\nx', request }], keep);
    expect(text).toContain('### Hook\\u001b]52;c;eA==\\u0007 × s\\nx  (a\\u202e.yml:');
    expect(text).toContain('POST https://staging.example.com/\\u001b[2J\nX-Name: v\\u009b1A');
    expect(text).toContain('\n\none\\u001b]0;title\\u0007\ntwo\\rthree\n# warning: w\\u200b');
    expect(text.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});
