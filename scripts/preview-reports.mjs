// `npm run preview [-- --out <dir>]`: see the pull-request comment and the job summary as GitHub shows them.
// Runs the demo (examples/webhook-contracts.yml against examples/staging-server.mjs, through the built CLI) for
// a real JSON report, renders its comment and summary with src/reports/ and turns them into HTML with the GFM
// renderer the tests check them with (test/support/render-gfm.ts: micromark with GitHub's table, autolink and
// tagfilter rules), beside a synthetic run whose every untrusted field is hostile text. Writes
// <dir>/reports.html (all four) and <dir>/comment.html (the demo's comment alone, the README's picture:
// docs/comment.png). Default <dir>: .tmp/preview.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

import { startStagingServer } from '../examples/staging-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
// The demo's made-up key (scripts/demo.mjs): required by the server, masked in every report.
const apiKey = 'demo-key-0c5d7e';

/** What the page needs from the TypeScript sources, bundled for this Node by esbuild. */
const ENTRY = `
export { renderCommentMarkdown } from './src/reports/render-comment-markdown.ts';
export { renderSummaryMarkdown } from './src/reports/render-summary-markdown.ts';
export { readReport } from './src/reports/read-report.ts';
export { renderGfm } from './test/support/render-gfm.ts';
export { makeHostileRun, RUN_URL, DETAILS_URL, MARKER_JOB } from './test/support/hostile-run.ts';
`;

const { values } = parseArgs({ options: { out: { type: 'string', default: '.tmp/preview' } } });
const outDirectory = path.resolve(root, values.out);

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run bundle` first');
  process.exit(2);
}

const work = await mkdtemp(path.join(tmpdir(), 'wc-preview-'));
try {
  const reports = await importReports(work);
  const demo = reports.readReport('demo report', JSON.parse(await runDemo(work)));
  const hostile = reports.makeHostileRun();
  const commentOptions = {
    marker: reports.MARKER_JOB,
    runUrl: reports.RUN_URL,
    detailsUrl: reports.DETAILS_URL,
  };
  const summaryOptions = { detailsUrl: reports.DETAILS_URL };
  const render = (markdown) => reports.renderGfm(markdown);
  const demoComment = render(reports.renderCommentMarkdown(demo, commentOptions));
  const css = await readMarkdownCss();

  await mkdir(outDirectory, { recursive: true });
  const all = path.join(outDirectory, 'reports.html');
  const commentOnly = path.join(outDirectory, 'comment.html');
  await writeFile(
    all,
    renderPage(css, [
      commentBox('The demo’s pull-request comment', demoComment),
      summaryBox('The demo’s job summary', render(reports.renderSummaryMarkdown(demo, summaryOptions))),
      commentBox(
        'A run with hostile text in every field: comment',
        render(reports.renderCommentMarkdown(hostile, commentOptions)),
      ),
      summaryBox(
        'A run with hostile text in every field: job summary',
        render(reports.renderSummaryMarkdown(hostile, summaryOptions)),
      ),
    ]),
  );
  await writeFile(commentOnly, renderPage(css, [commentBox(undefined, demoComment)]));
  console.error(
    `wrote ${path.relative(process.cwd(), all)} and ${path.relative(process.cwd(), commentOnly)}`,
  );
  console.error(`open ${pathToFileURL(all).href}`);
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Bundles ENTRY into `directory` and imports it. */
async function importReports(directory) {
  const file = path.join(directory, 'reports.mjs');
  await build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'preview-entry.mjs', loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    outfile: file,
    logLevel: 'warning',
    // ajv is CommonJS; its require() calls need one in an ESM bundle.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return import(pathToFileURL(file).href);
}

/** Runs the demo's contracts through the built CLI against the demo server; returns the JSON report's text. */
async function runDemo(directory) {
  const report = path.join(directory, 'report.json');
  const server = await startStagingServer({ apiKey });
  try {
    const args = [cli, 'run', path.join('examples', 'webhook-contracts.yml'), '--report-json', report, '-q'];
    const { code, stderr } = await runNode(args, {
      ...process.env,
      STAGING_URL: server.url,
      SCORING_KEY: apiKey,
    });
    // 1: some checks failed, as the demo means them to.
    if (code !== 0 && code !== 1) throw new Error(`the demo run exited with ${code}:\n${stderr}`);
  } finally {
    await server.close();
  }
  return readFile(report, 'utf8');
}

/** Runs a Node script with this Node; its table is not wanted, its stderr is kept for an error message. */
function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: signal === null ? code : 1, stderr }));
  });
}

/** GitHub's Markdown stylesheet (github-markdown-css, MIT), light theme. */
function readMarkdownCss() {
  const require = createRequire(import.meta.url);
  return readFile(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
}

/** A pull-request timeline comment, as the action's bot posts it. */
function commentBox(title, html) {
  return section(
    title,
    `<div class="box"><div class="box-header"><span class="avatar">▶</span><strong>github-actions</strong>` +
      `<span class="bot">bot</span> commented</div><div class="markdown-body">${html}</div></div>`,
  );
}

/** A job summary, as the run's page shows it under the job's name. */
function summaryBox(title, html) {
  return section(
    title,
    `<div class="box"><div class="box-header"><strong>contracts summary</strong></div>` +
      `<div class="markdown-body">${html}</div></div>`,
  );
}

function section(title, body) {
  return `<section>${title === undefined ? '' : `<h2 class="label">${title}</h2>`}${body}</section>`;
}

/**
 * The page: no script may run (the content security policy), so even a rendering bug that let hostile HTML
 * through could only show, never act.
 */
function renderPage(css, sections) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>webhook-contracts: comment and job summary</title>
<style>
${css}
body { margin: 0; padding: 16px; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI",
  "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
main { max-width: 920px; margin: 0 auto; }
.label { font-size: 14px; font-weight: 600; color: #59636e; margin: 24px 0 8px; }
.box { border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
.box-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; font-size: 14px;
  color: #59636e; display: flex; align-items: center; gap: 6px; }
.box-header strong { color: #1f2328; }
.avatar { display: inline-flex; width: 20px; height: 20px; border-radius: 50%; background: #1f883d; color: #fff;
  font-size: 10px; align-items: center; justify-content: center; }
.bot { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 6px; font-size: 12px; }
.markdown-body { padding: 16px; font-size: 14px; }
</style>
</head>
<body>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
