/**
 * The sticky comment and the job summary of the built action (`dist/index.js`) when the text in them is hostile:
 * a workflow or job name with line breaks still finds the one comment, and invisible characters from a pull
 * request's contract (zero-width, bidi controls, tag characters) reach neither the comment nor the summary.
 */
import { describe, expect, it } from 'vitest';

import { quoteYaml } from '../support/contract-yaml.js';
import type { ActionRunOptions, E2eActionRun } from '../support/e2e-run.js';
import { setUpE2eRun } from '../support/e2e-run.js';

const TOKEN = 'ghs_untrustedCommentToken0123456789ab';
/** Characters a reviewer cannot see, or that make text read differently from what it is. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Variation_Selector}]/u;

// A failing answer whose body quotes the text it was sent, as an error page might.
const e2e = setUpE2eRun({
  prefix: 'wc-untrusted-comment-',
  token: TOKEN,
  routes: (staging) =>
    staging.route('/fail', (_request, response, body) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'upstream down', echo: body }));
    }),
});

function makeContract(webhook: string, sample: string): string {
  return [
    'version: 1',
    'samples:',
    `  ${quoteYaml(sample)}: { lead: { Email Address: ${quoteYaml(`a@example.com${sample}`)} } }`,
    'webhooks:',
    `  - name: ${quoteYaml(webhook)}`,
    "    url: '${STAGING_URL}/fail'",
    '    method: POST',
    '    headers: { Content-Type: application/json }',
    '    template: \'{"email": {{lead.Email Address}}}\'',
    '    encoding: json',
    '    responseType: json',
    '',
  ].join('\n');
}

async function run(contract: string, overrides: ActionRunOptions = {}): Promise<E2eActionRun> {
  const workspace = await e2e.makeWorkspace({ 'webhook-contracts.yml': contract });
  return e2e.runAction({ ...overrides, workspace });
}

describe('the sticky comment of the built action', () => {
  it('is found and updated again when the workflow and job names hold line breaks and controls', async () => {
    const names = { workflow: 'Contracts\n<!-- x -->\r\n::error::y', job: 'web\u202ehooks\u0007--' };
    const contract = makeContract('Score lead', 'alice');

    const first = await run(contract, names);
    const second = await run(contract, names);

    expect(first.exitCode).toBe(1);
    expect(second.exitCode).toBe(1);
    expect(e2e.comments()).toHaveLength(1);
    const [comment] = e2e.comments();
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
    expect(second.outputs['comment-url']).toContain(`#issuecomment-${comment?.id}`);
    // The marker is the comment's first line, one inert HTML comment.
    const firstLine = comment?.body.split('\n')[0] ?? '';
    expect(firstLine).toMatch(/^<!-- webhook-contracts:[^<>]*\/[^<>]* -->$/);
    expect(firstLine.slice(4, -3)).not.toContain('--');
    expect(e2e.api.violations).toEqual([]);
  });

  it('keeps a job apart from a job whose name differs only by an invisible character', async () => {
    const contract = makeContract('Score lead', 'alice');

    await run(contract, { workflow: 'Contracts', job: 'webhooks' });
    await run(contract, { workflow: 'Contracts', job: 'web\u200bhooks' });

    expect(e2e.comments()).toHaveLength(2);
  });
});

describe('invisible characters in the comment and the job summary', () => {
  const hidden = [
    'zero\u200bwidth',
    'bidi\u202eoverride\u202c',
    'mark\u200f\u200e\u061c',
    'isolate\u2066x\u2069',
    'tag\u{e0041}\u{e0042}',
    'selector\ufe00',
    'soft\u00adhyphen',
    'bom\ufeff',
  ];

  it('are shown as \\u escapes, and no raw invisible character remains', async () => {
    // Names are cut at 80 characters in the table: half of the characters in each.
    const result = await run(
      makeContract(`Score ${hidden.slice(0, 4).join(' ')}`, `alice ${hidden.slice(4).join(' ')}`),
    );

    expect(result.exitCode).toBe(1);
    const [comment] = e2e.comments();
    for (const [where, text] of [
      ['comment', comment?.body ?? ''],
      ['summary', result.summary],
    ] as const) {
      // The only invisible character we write is the joiner that defuses @mentions and #references; and lines.
      const found = text.replace(/[\u200d\n]/g, '').match(INVISIBLE);
      expect(found, `${where}: ${JSON.stringify(found?.[0])}`).toBeNull();
      expect(text, where).toContain('u202e');
      expect(text, where).toContain('e0041');
      expect(text, where).toContain('u200b');
    }
  });
});
