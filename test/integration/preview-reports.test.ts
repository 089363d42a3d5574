/**
 * scripts/preview-reports.mjs (`npm run preview`) as a maintainer runs it: it runs the demo against the demo's
 * loopback staging server through the built CLI and writes pages of the comment and the job summary rendered by
 * GitHub's Markdown rules. The page has the real comment's failure table, runs no script and links only the run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETAILS_URL, RUN_URL } from '../support/hostile-run.js';
import type { HtmlElement, HtmlNode } from '../support/render-gfm.js';
import { listElements, parseHtml, readAttribute, readTables, readText } from '../support/render-gfm.js';
import { ensureBundle, ROOT, runNode } from '../support/run-node.js';
import type { NodeResult } from '../support/run-node.js';

const FAILURE_HEADER = ['Webhook', 'Sample', 'Code', 'Error type', 'Problem', 'Response'];

let directory: string;
let result: NodeResult;

beforeAll(async () => {
  await ensureBundle();
  directory = await mkdtemp(path.join(tmpdir(), 'wc-preview-test-'));
  result = await runNode([path.join(ROOT, 'scripts', 'preview-reports.mjs'), '--out', directory], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
}, 120_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function readPage(name: string): Promise<HtmlNode> {
  return parseHtml(await readFile(path.join(directory, name), 'utf8'));
}

function listMarkdownBodies(page: HtmlNode): HtmlElement[] {
  return listElements(page, 'div').filter((element) => readAttribute(element, 'class') === 'markdown-body');
}

describe('npm run preview', () => {
  it('exits 0 and says where the page is', () => {
    expect(result.stderr).toMatch(/wrote .*reports\.html and .*comment\.html/);
    expect(result.code).toBe(0);
  });

  it('shows the demo’s comment with one failure row per failing webhook, and a link to the run', async () => {
    const [comment] = listMarkdownBodies(await readPage('reports.html'));
    const totals = /❌ (\d+) of (\d+) checks failed/.exec(readText(comment ?? parseHtml('')));
    const failed = Number(totals?.[1] ?? 0);
    expect(failed).toBeGreaterThan(0);
    const tables = readTables(comment ?? parseHtml(''));
    expect(tables.map((table) => table.header)).toEqual([FAILURE_HEADER]);
    // The demo fails each failing webhook once; identical failures of one webhook would share a row.
    expect(tables[0]?.rows.length).toBeGreaterThan(0);
    expect(tables[0]?.rows.length).toBeLessThanOrEqual(failed);
    for (const row of tables[0]?.rows ?? []) expect(row).toHaveLength(FAILURE_HEADER.length);
    const hrefs = listElements(comment ?? parseHtml(''), 'a').map((anchor) => readAttribute(anchor, 'href'));
    expect(hrefs).toEqual([RUN_URL]);
  });

  it('has the demo’s summary and the hostile run’s comment and summary, and no script or foreign link', async () => {
    const page = await readPage('reports.html');
    const bodies = listMarkdownBodies(page);
    expect(bodies).toHaveLength(4);
    expect(readTables(bodies[1] ?? page).map((table) => table.header[0])).toContain('Webhook');
    expect(readText(bodies[2] ?? page)).toContain('× 3 samples');
    expect(listElements(page, 'script')).toEqual([]);
    expect(listElements(page, 'img')).toEqual([]);
    const csp = listElements(page, 'meta').find(
      (meta) => readAttribute(meta, 'http-equiv') === 'Content-Security-Policy',
    );
    expect(csp === undefined ? '' : readAttribute(csp, 'content')).toMatch(/default-src 'none'/);
    for (const anchor of listElements(page, 'a'))
      expect([RUN_URL, DETAILS_URL]).toContain(readAttribute(anchor, 'href'));
  });

  it('writes the comment alone to comment.html, for the README’s picture', async () => {
    const [alone] = listMarkdownBodies(await readPage('comment.html'));
    const [first] = listMarkdownBodies(await readPage('reports.html'));
    // One demo run feeds both pages, so even its latencies agree.
    expect(alone).toBeDefined();
    expect(readText(alone ?? parseHtml(''))).toBe(readText(first ?? parseHtml('x')));
  });
});
