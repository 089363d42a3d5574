/**
 * Renders Markdown the way GitHub does for a pull-request comment or a job summary, and reads the HTML back:
 * micromark with its GFM extension (tables, autolink literals, tagfilter, strikethrough, task lists,
 * footnotes), parsed with parse5 as a browser would. Shared by test/unit/reports/gfm-render.test.ts and
 * scripts/preview-reports.mjs, so the page a maintainer looks at is the HTML the test checks.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';

export type HtmlNode = DefaultTreeAdapterTypes.Node;
export type HtmlElement = DefaultTreeAdapterTypes.Element;

/**
 * Markdown to HTML as GitHub's cmark-gfm does. Raw HTML is let through, as cmark-gfm lets it through to
 * GitHub's sanitizer (after the tagfilter): hostile text that became HTML then shows up as elements to find,
 * instead of being dropped here and hidden from the test.
 */
export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** Parses an HTML fragment (what renderGfm returns) into a tree. */
export function parseHtml(html: string): DefaultTreeAdapterTypes.DocumentFragment {
  return parseFragment(html);
}

function childrenOf(node: HtmlNode): readonly HtmlNode[] {
  return 'childNodes' in node ? node.childNodes : [];
}

function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/** Every element under `node`, in document order, optionally only those named `tag`. */
export function listElements(node: HtmlNode, tag?: string): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (current: HtmlNode): void => {
    if (isElement(current) && (tag === undefined || current.tagName === tag)) found.push(current);
    childrenOf(current).forEach(visit);
  };
  childrenOf(node).forEach(visit);
  return found;
}

/** The text of every HTML comment under `node`. */
export function listComments(node: HtmlNode): string[] {
  const found: string[] = [];
  const visit = (current: HtmlNode): void => {
    if (current.nodeName === '#comment' && 'data' in current) found.push(current.data);
    childrenOf(current).forEach(visit);
  };
  visit(node);
  return found;
}

/** What a reader sees of `node`: its text, with `<br>` read as a line break. */
export function readText(node: HtmlNode): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  if (isElement(node) && node.tagName === 'br') return '\n';
  return childrenOf(node).map(readText).join('');
}

/** The value of an element's attribute, undefined when it has none. */
export function readAttribute(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

/** A table as a reader sees it: its header cells' texts and each body row's cells' texts. */
export interface TableView {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly rowElements: readonly HtmlElement[];
}

/** Every `<table>` under `node`, read into header and rows. */
export function readTables(node: HtmlNode): TableView[] {
  return listElements(node, 'table').map((table) => {
    const header = listElements(table, 'th').map(readText);
    const rowElements = listElements(table, 'tbody').flatMap((body) => listElements(body, 'tr'));
    const rows = rowElements.map((row) => listElements(row, 'td').map(readText));
    return { header, rows, rowElements };
  });
}

/**
 * GitHub's own post-processing links these in text outside code, pre and links (they are not Markdown, so no
 * GFM renderer does it): @user and @org/team mentions, #123, owner/repo#123 and GH-123 references.
 */
const GITHUB_TEXT_LINKS: readonly [string, RegExp][] = [
  ['mention', /(?:^|[^\w`])@[a-z0-9]/i],
  ['reference', /#\d/],
  ['GH reference', /\bGH-\d/i],
];

/** Text that reaches GitHub's mention and reference filters: outside `<code>`, `<pre>` and `<a>`. */
export function readLinkableText(node: HtmlNode): string[] {
  const found: string[] = [];
  const visit = (current: HtmlNode): void => {
    if (isElement(current) && ['code', 'pre', 'a'].includes(current.tagName)) return;
    if (current.nodeName === '#text' && 'value' in current) found.push(current.value);
    childrenOf(current).forEach(visit);
  };
  visit(node);
  return found;
}

/** The mentions and references GitHub would link or notify in `node`, as `kind: text`. */
export function findGithubTextLinks(node: HtmlNode): string[] {
  return readLinkableText(node).flatMap((text) =>
    GITHUB_TEXT_LINKS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => `${kind}: ${text}`),
  );
}

/** Every element's tag name and attribute names not in `allowed` (tag -> attributes it may carry). */
export function findUnexpectedMarkup(
  node: HtmlNode,
  allowed: Readonly<Record<string, readonly string[]>>,
): string[] {
  return listElements(node).flatMap((element) => {
    const attributes = allowed[element.tagName];
    if (attributes === undefined) return [`<${element.tagName}>`];
    return element.attrs
      .filter((attribute) => !attributes.includes(attribute.name))
      .map((attribute) => `<${element.tagName} ${attribute.name}>`);
  });
}
