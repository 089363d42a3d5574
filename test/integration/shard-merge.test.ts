import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from '../support/yaml-text.js';
import { createHttpClient } from '../../src/http/http-client.js';
import type { RunReport } from '../../src/judging/check-result.js';
import { mergeReports } from '../../src/reports/merge-reports.js';
import type { HttpClient, Shard } from '../../src/engine/ports.js';
import { readReport } from '../../src/reports/read-report.js';
import { renderCommentMarkdown } from '../../src/reports/render-comment-markdown.js';
import { renderJsonReport } from '../../src/reports/render-json-report.js';
import { renderSummaryMarkdown } from '../../src/reports/render-summary-markdown.js';
import { runEngine } from '../support/run-engine.js';
import { startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

let server: StagingServer;
let client: HttpClient;

beforeAll(async () => {
  server = await startStagingServer();
  client = createHttpClient();
});
afterAll(async () => {
  await client.close();
  await server.close();
});

/** Two files, passing and failing webhooks, samples whose file order is not alphabetical. */
function contractFiles(): { file: string; text: string }[] {
  const samples = Object.fromEntries(
    ['zoe', 'alice', 'mia', 'bob', 'carl'].map((name) => [name, { lead: { Email: `${name}@example.com` } }]),
  );
  const hook = (name: string, path: string, mappings: Record<string, string>): Record<string, unknown> => ({
    name,
    url: `${server.url}${path}`,
    method: 'POST',
    template: '{"email": {{lead.Email}}}',
    encoding: 'json',
    responseType: path === '/xml' ? 'xml' : 'json',
    mappings,
  });
  const fields = { leadScore: 'integer', tier: 'string', missing: 'string' };
  return [
    {
      file: 'b.yml',
      text: stringify({
        version: 1,
        samples,
        fields,
        webhooks: [
          hook('Score', '/json', { 'data.score': 'leadScore' }),
          hook('Broken', '/json', { 'data.nope': 'missing' }),
        ],
      }),
    },
    {
      file: 'a.yml',
      text: stringify({
        version: 1,
        samples,
        fields,
        webhooks: [hook('Xml', '/xml', { 'result.data.tier': 'tier' }), hook('Empty', '/empty', {})],
      }),
    },
  ];
}

async function run(shard?: Shard): Promise<RunReport> {
  const report = await runEngine(contractFiles(), {
    http: client,
    settings: { concurrency: 3, ...(shard === undefined ? {} : { shard }) },
  });
  // Latency differs between two runs of the same check: compare everything else.
  return { ...report, checks: report.checks.map((check) => ({ ...check, latencyMs: 0 })) };
}

describe('sharding across a matrix', () => {
  it.each([2, 3, 7])(
    '%i shards run each check once and merge into the single run’s comment',
    async (count) => {
      const single = await run();
      expect(single.summary.total).toBe(20);
      expect(single.summary.failed).toBeGreaterThan(0);

      server.resetStats();
      const shards: RunReport[] = [];
      for (let index = 1; index <= count; index += 1) {
        // Through the JSON report, as the matrix jobs hand their results to the merge job.
        const report = await run({ index, count });
        shards.push(readReport(`shard-${index}.json`, JSON.parse(renderJsonReport(report))));
      }
      expect(server.hits('/json') + server.hits('/xml') + server.hits('/empty')).toBe(20);
      const keys = shards.flatMap((report) =>
        report.checks.map((check) => `${check.file}/${check.webhook}/${check.sample}`),
      );
      expect(new Set(keys).size).toBe(20);

      const { duplicates, ...merged } = mergeReports(shards);
      expect(duplicates).toBe(0);
      expect(renderJsonReport(merged)).toBe(renderJsonReport(single));
      const options = { maxChars: 65_536, marker: '<!-- webhook-contracts:ci/contracts -->' };
      expect(renderCommentMarkdown(merged, options)).toBe(renderCommentMarkdown(single, options));
      expect(renderSummaryMarkdown(merged, { maxChars: 1_048_576 })).toBe(
        renderSummaryMarkdown(single, { maxChars: 1_048_576 }),
      );
    },
  );
});
