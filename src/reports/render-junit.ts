import type { CheckResult, Failure, RunReport } from '../judging/check-result.js';

export interface JunitOptions {
  /** The `<testsuite>` name. Default `webhook-contracts`. */
  readonly suiteName?: string;
}

/**
 * Renders the report as JUnit XML for test-report viewers: one `<testsuite>`, one `<testcase>` per check
 * (`classname` the contract file, `name` `webhook [sample]`, `time` the latency in seconds) and one
 * `<failure type="kind" message="...">` per failure, its body the expected and actual values and the response
 * snippet. Warnings go to `<system-out>`. Every value is XML-escaped; characters XML 1.0 cannot carry (most
 * control characters, lone surrogates) become U+FFFD, so any report yields a well-formed document.
 */
export function renderJunit(report: RunReport, options: JunitOptions = {}): string {
  const suiteName = options.suiteName ?? 'webhook-contracts';
  const { total, failed } = report.summary;
  const time = formatSeconds(report.checks.reduce((sum, check) => sum + (finiteLatency(check) ?? 0), 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttribute(suiteName)}" tests="${total}" failures="${failed}" errors="0" time="${time}">`,
    `  <testsuite name="${escapeXmlAttribute(suiteName)}" tests="${total}" failures="${failed}" errors="0" skipped="0" time="${time}">`,
    ...report.checks.flatMap(renderTestCase),
    '  </testsuite>',
    '</testsuites>',
  ];
  return lines.join('\n') + '\n';
}

function renderTestCase(check: CheckResult): string[] {
  const latency = finiteLatency(check);
  const attributes =
    `classname="${escapeXmlAttribute(check.file)}" name="${escapeXmlAttribute(`${check.webhook} [${check.sample}]`)}"` +
    ` file="${escapeXmlAttribute(check.file)}" line="${check.line}" time="${formatSeconds(latency ?? 0)}"`;
  const children = [
    ...check.failures.map((failure) => renderFailure(failure, check)),
    ...(check.warnings.length === 0
      ? []
      : [
          `      <system-out>${escapeXmlText(check.warnings.map((warning) => `warning: ${warning}`).join('\n'))}</system-out>`,
        ]),
  ];
  if (children.length === 0) return [`    <testcase ${attributes} />`];
  return [`    <testcase ${attributes}>`, ...children, '    </testcase>'];
}

function renderFailure(failure: Failure, check: CheckResult): string {
  const details = [
    failure.message,
    ...(failure.expected === undefined ? [] : [`expected: ${failure.expected}`]),
    ...(failure.actual === undefined ? [] : [`actual: ${failure.actual}`]),
    `code: ${check.code ?? 'none'}${check.errorType === null ? '' : ` (${check.errorType})`}`,
    ...(check.responseSnippet === undefined ? [] : [`response: ${check.responseSnippet}`]),
  ];
  return (
    `      <failure type="${escapeXmlAttribute(failure.kind)}" message="${escapeXmlAttribute(failure.message)}">` +
    `${escapeXmlText(details.join('\n'))}</failure>`
  );
}

function finiteLatency(check: CheckResult): number | undefined {
  return check.latencyMs !== null && Number.isFinite(check.latencyMs) && check.latencyMs >= 0
    ? check.latencyMs
    : undefined;
}

function formatSeconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}

/** Characters not allowed in an XML 1.0 document at all, even as character references; and lone surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function replaceNonXml(text: string): string {
  return text.replace(NOT_XML, '\ufffd');
}

/** Escapes element content. `>` is escaped too, so `]]>` can never appear. */
function escapeXmlText(text: string): string {
  return replaceNonXml(text).replace(/[&<>\r]/g, (character) => XML_ENTITIES[character] ?? character);
}

/** Escapes an attribute value; tabs and line breaks become references so attribute normalisation keeps them. */
function escapeXmlAttribute(text: string): string {
  return replaceNonXml(text).replace(/[&<>"'\t\n\r]/g, (character) => XML_ENTITIES[character] ?? character);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
