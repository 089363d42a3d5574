/**
 * The comment and the job summary as GitHub shows them: rendered by a GFM renderer (micromark with GitHub's
 * table, autolink-literal and tagfilter rules) and read back as HTML. Hostile text must keep every row whole,
 * show as the text it is, and become no element, attribute, link, mention or reference.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RunReport } from '../../../src/judging/check-result.js';
import { collapseControlCharacters } from '../../../src/reports/markdown-safe.js';
import { renderCommentMarkdown } from '../../../src/reports/render-comment-markdown.js';
import { renderSummaryMarkdown } from '../../../src/reports/render-summary-markdown.js';
import { HOSTILE_TEXTS, hostileText } from '../../support/hostile-text.js';
import {
  DETAILS_URL,
  GROUPED_SAMPLES,
  makeHostileFailure,
  makeHostileRun,
  MARKER_JOB,
  RUN_URL,
} from '../../support/hostile-run.js';
import { makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';
import type { HtmlNode, TableView } from '../../support/render-gfm.js';
import {
  findGithubTextLinks,
  findUnexpectedMarkup,
  listComments,
  listElements,
  parseHtml,
  readAttribute,
  readLinkableText,
  readTables,
  readText,
  renderGfm,
} from '../../support/render-gfm.js';

const FAILURE_HEADER = ['Webhook', 'Sample', 'Code', 'Error type', 'Problem', 'Response'];
/** What our own Markdown makes; anything else came from untrusted text. */
const ALLOWED_MARKUP: Readonly<Record<string, readonly string[]>> = {
  h3: [],
  h4: [],
  p: [],
  a: ['href'],
  strong: [],
  code: [],
  br: [],
  ul: [],
  li: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  details: [],
  summary: [],
};
const WEBHOOK_HEADER = ['Webhook', 'Checks', 'Passed', 'Failed', 'p50', 'p95', 'Max'];
const PASSING_HEADER = ['Webhook', 'Sample', 'Code', 'Latency', 'Would write'];
/** An autolink GitHub would make from plain text: a URL, a www. host or an e-mail address. */
const AUTOLINKABLE = /:\/\/|\bwww\.|[\w.+-]@[a-z0-9-]+\./i;

function renderComment(report: RunReport, maxChars?: number): HtmlNode {
  const options = { marker: MARKER_JOB, runUrl: RUN_URL, detailsUrl: DETAILS_URL };
  const markdown = renderCommentMarkdown(report, maxChars === undefined ? options : { ...options, maxChars });
  return parseHtml(renderGfm(markdown));
}

function renderSummary(report: RunReport): HtmlNode {
  return parseHtml(renderGfm(renderSummaryMarkdown(report, { detailsUrl: DETAILS_URL })));
}

/** Reads as the text itself: our invisible joiners aside, and control characters shown as escapes. */
function expectShownAs(cell: string | undefined, text: string): void {
  expect(cell?.replace(/\u200d/g, '')).toBe(collapseControlCharacters(text));
}

/** Every row of every table has as many cells as its header. */
function expectWholeRows(tables: readonly TableView[]): void {
  for (const table of tables) {
    for (const row of table.rows) expect(row, JSON.stringify(row)).toHaveLength(table.header.length);
  }
}

/** No element or attribute, link, autolink, mention or reference of untrusted origin. */
function expectInert(html: HtmlNode, links: readonly string[]): void {
  expect(findUnexpectedMarkup(html, ALLOWED_MARKUP)).toEqual([]);
  expect(findGithubTextLinks(html)).toEqual([]);
  expect(readLinkableText(html).filter((text) => AUTOLINKABLE.test(text))).toEqual([]);
  const hrefs = listElements(html, 'a').map((anchor) => readAttribute(anchor, 'href'));
  for (const href of hrefs) expect(links).toContain(href);
}

/** The one table whose header is `header`. */
function findTable(html: HtmlNode, header: readonly string[]): TableView {
  const tables = readTables(html).filter((candidate) => candidate.header.join('|') === header.join('|'));
  expect(tables, header.join('|')).toHaveLength(1);
  return tables[0] as TableView;
}

describe('the comment, rendered by GitHub’s rules', () => {
  const html = renderComment(makeHostileRun());

  it('is one failure table: a grouped row, then one row per hostile check, six cells each', () => {
    const tables = readTables(html);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.header).toEqual(FAILURE_HEADER);
    expect(tables[0]?.rows).toHaveLength(1 + HOSTILE_TEXTS.length);
    expectWholeRows(tables);
    expect(tables[0]?.rows[0]?.[1]).toBe(`× 3 samples: ${GROUPED_SAMPLES.join(', ')}`);
  });

  it('shows each hostile text as itself in every cell', () => {
    const rows = readTables(html)[0]?.rows.slice(1) ?? [];
    HOSTILE_TEXTS.forEach((text, index) => {
      const [webhook, sample, code, errorType, problem, response] = rows[index] ?? [];
      expectShownAs(webhook, text);
      expectShownAs(sample, text);
      expect(code).toBe('502');
      expectShownAs(errorType, `502 ${text}`);
      expectShownAs(problem, `status: ${text}`);
      // In a code span a backslash run before `|` may show one backslash more (markdown-safe.ts says why).
      expect(response?.replace(/\\+\|/g, '|')).toBe(collapseControlCharacters(text).replace(/\\+\|/g, '|'));
    });
  });

  it('links the run, and nothing else', () => {
    const anchors = listElements(html, 'a');
    expect(anchors.map((anchor) => [readText(anchor), readAttribute(anchor, 'href')])).toEqual([
      ['workflow run and its job summary', RUN_URL],
    ]);
    expectInert(html, [RUN_URL]);
  });

  it('keeps the sticky marker as its only HTML comment', () => {
    expect(listComments(html)).toEqual([` webhook-contracts:${MARKER_JOB} `]);
  });

  it('stays inert and whole for arbitrary hostile text in every field', () => {
    fc.assert(
      fc.property(fc.array(hostileText(), { minLength: 1, maxLength: 4 }), (texts) => {
        const tree = renderComment(makeReport(texts.map(makeHostileFailure)));
        const tables = readTables(tree);
        expect(tables).toHaveLength(1);
        expect(tables[0]?.header).toEqual(FAILURE_HEADER);
        // One row per text, or fewer: texts that read the same once escaped and cut make one grouped row.
        expect(tables[0]?.rows.length).toBeGreaterThanOrEqual(1);
        expect(tables[0]?.rows.length).toBeLessThanOrEqual(texts.length);
        expectWholeRows(tables);
        expectInert(tree, [RUN_URL]);
        expect(listComments(tree)).toEqual([` webhook-contracts:${MARKER_JOB} `]);
      }),
      { numRuns: 150 },
    );
  });

  it('on 5,000 failures, shows what fits and links the job summary for the rest, after the table', () => {
    const checks = Array.from({ length: 5_000 }, (_, index) =>
      makeFailedCheckResult({ webhook: `Webhook ${index}`, sample: `lead-${index}`, line: index + 1 }),
    );
    const tree = renderComment(makeReport(checks));
    const [table] = readTables(tree);
    expectWholeRows(readTables(tree));
    const shown = table?.rows.length ?? 0;
    expect(shown).toBeGreaterThan(100);
    const more = listElements(tree, 'p').find((paragraph) => readText(paragraph).startsWith('…and'));
    expect(more === undefined ? '' : readText(more)).toBe(
      `…and ${5_000 - shown} more failing checks — see the job summary`,
    );
    expect(listElements(more ?? tree, 'a').map((anchor) => readAttribute(anchor, 'href'))).toEqual([
      DETAILS_URL,
    ]);
    expectInert(tree, [RUN_URL, DETAILS_URL]);
  });
});

describe('the job summary, rendered by GitHub’s rules', () => {
  const html = renderSummary(makeHostileRun());

  it('has whole rows in every table: webhooks, failures (one per check) and passing checks', () => {
    const tables = readTables(html);
    expectWholeRows(tables);
    expect(tables).toHaveLength(3);
    expect(findTable(html, WEBHOOK_HEADER).rows).toHaveLength(1 + HOSTILE_TEXTS.length);
    expect(findTable(html, [...FAILURE_HEADER, 'Would write']).rows).toHaveLength(
      GROUPED_SAMPLES.length + HOSTILE_TEXTS.length,
    );
    expect(findTable(html, PASSING_HEADER).rows).toHaveLength(1 + HOSTILE_TEXTS.length);
  });

  it('shows each hostile text as itself in the failure rows and the values they would write', () => {
    const failures = findTable(html, [...FAILURE_HEADER, 'Would write']).rows.slice(GROUPED_SAMPLES.length);
    const passing = findTable(html, PASSING_HEADER).rows.slice(1);
    HOSTILE_TEXTS.forEach((text, index) => {
      expectShownAs(failures[index]?.[0], text);
      expectShownAs(failures[index]?.[1], text);
      expectShownAs(failures[index]?.[4], `status: ${text}`);
      expectShownAs(passing[index]?.[0], text);
      expect(passing[index]?.[4]).toContain('leadScore');
    });
  });

  it('lists every hostile warning as one list item', () => {
    const items = listElements(html, 'li');
    expect(items).toHaveLength(HOSTILE_TEXTS.length);
    HOSTILE_TEXTS.forEach((text, index) => {
      expect(readText(items[index] ?? html).replace(/\u200d/g, '')).toBe(
        `${collapseControlCharacters(text)} [${collapseControlCharacters(text)}]: ${collapseControlCharacters(text)}`,
      );
    });
  });

  it('collapses the passing checks in one <details>, which hostile text cannot close or open', () => {
    const details = listElements(html, 'details');
    expect(details).toHaveLength(1);
    expect(readText(listElements(details[0] ?? html, 'summary')[0] ?? html)).toBe(
      `${1 + HOSTILE_TEXTS.length} passing checks`,
    );
    expect(listElements(details[0] ?? html, 'table')).toHaveLength(1);
  });

  it('links nothing, notifies no one and has no markup from hostile text', () => {
    expect(listElements(html, 'a')).toEqual([]);
    expectInert(html, []);
    expect(listComments(html)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  // Hostile text put in a table as it is: proof that the renderer and the checks above see each attack.
  const raw = parseHtml(
    renderGfm(
      ['| Webhook | Sample |', '| --- | --- |', ...HOSTILE_TEXTS.map((text) => `| ${text} | x |`)].join('\n'),
    ),
  );

  it('see rows broken by pipes and newlines', () => {
    expect(() => expectWholeRows(readTables(raw))).toThrow();
  });

  it('see raw HTML, mentions, references and autolinks', () => {
    expect(findUnexpectedMarkup(raw, ALLOWED_MARKUP)).toEqual(
      // The raw <img onerror> and the Markdown image; a <details open> that opened; emphasis and strikethrough.
      expect.arrayContaining(['<img>', '<details open>', '<em>', '<del>']),
    );
    const links = findGithubTextLinks(raw).join('\n');
    expect(links).toMatch(/^mention: /m);
    expect(links).toMatch(/^reference: /m);
    expect(links).toMatch(/^GH reference: /m);
    const hrefs = listElements(raw, 'a').map((anchor) => readAttribute(anchor, 'href'));
    expect(hrefs).toEqual(expect.arrayContaining(['https://evil.example', 'http://www.evil.example']));
    expect(listComments(raw)).toContain(' webhook-contracts:other ');
  });
});
