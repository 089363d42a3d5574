// A small staging service for the demo and the docs: plain Node, no dependencies, 127.0.0.1 only.
//
// Some endpoints answer the way a healthy webhook service would; the others each show one way a webhook
// breaks in production (see examples/webhook-contracts.yml, which checks every one of them).
//
//   node examples/staging-server.mjs            # listens on 127.0.0.1:8787 (PORT=... to change)
//   STAGING_URL=http://127.0.0.1:8787 SCORING_KEY=demo-key \
//     node dist/cli.js run examples/webhook-contracts.yml
//
// Or import it: `const server = await startStagingServer({ apiKey }); ... await server.close();`
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** How long /slow takes: well over the contracts' latency budget and timeout, well under Marketo's 30 s. */
const SLOW_MS = 1500;

/**
 * Starts the staging service.
 * @param {{ port?: number, apiKey?: string }} [options] port 0 (the default) picks a free one;
 *   apiKey, when set, is required in X-Api-Key by the endpoints that need one (401 otherwise).
 * @returns {Promise<{ url: string, requests: Array<{ method: string, path: string }>, close: () => Promise<void> }>}
 */
export async function startStagingServer({ port = 0, apiKey } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://staging.invalid');
      requests.push({ method: req.method ?? '', path: url.pathname });
      const body = Buffer.concat(chunks).toString('utf8');
      handle({ req, res, url, body, apiKey });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        // /slow may still be waiting; don't let it hold the process open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle({ req, res, url, body, apiKey }) {
  const route = `${req.method} ${url.pathname}`;
  const authorised = apiKey === undefined || req.headers['x-api-key'] === apiKey;
  switch (route) {
    // --- Endpoints that behave -------------------------------------------------------------------
    case 'POST /score': {
      if (!authorised) return sendJson(res, 401, { error: 'missing or wrong X-Api-Key' });
      const lead = tryParseJson(body);
      if (lead === undefined || typeof lead.email !== 'string') {
        return sendJson(res, 400, { error: 'expected a JSON body with an email string' });
      }
      const score = lead.email.length * 3;
      return sendJson(res, 200, {
        data: { score, tier: score > 40 ? 'gold' : 'silver', scoredAt: '2024-05-01T10:00:00Z' },
      });
    }
    case 'GET /enrich': {
      const email = url.searchParams.get('email') ?? '';
      if (!email.includes('@')) return sendJson(res, 400, { error: 'email query parameter required' });
      return sendJson(res, 200, {
        company: { name: 'Acme Corporation', employees: 120, website: 'https://acme.example' },
        orders: [{ id: 'A-1001', orderDate: '2024-04-30', total: 129.5 }],
      });
    }
    case 'POST /subscribe': {
      const form = new URLSearchParams(body);
      if (!form.get('email')) return sendJson(res, 400, { error: 'form field email required' });
      return sendJson(res, 200, {
        subscription: { status: 'subscribed', list: form.get('list') ?? 'default' },
      });
    }
    case 'GET /lead.xml':
      return send(
        res,
        200,
        'application/xml',
        '<?xml version="1.0"?><lead><segment>enterprise</segment><score>55</score></lead>',
      );

    // --- Endpoints that show one common failure each ------------------------------------------------
    case 'POST /score-v2':
      // Wrong status: the new version of the service is down.
      return sendJson(res, 500, { error: 'database unavailable' });
    case 'POST /empty':
      // Empty body: a 2xx with nothing in it is Marketo's code 1001, and no field is written.
      res.writeHead(200, { 'content-length': '0' });
      return res.end();
    case 'POST /missing':
      // Missing attribute: the service renamed `score` to `leadScore`; the mapping finds nothing.
      return sendJson(res, 200, { data: { leadScore: 87 } });
    case 'POST /wrong-type':
      // Wrong type: "high" cannot go into an Integer field; Marketo skips it silently.
      return sendJson(res, 200, { data: { score: 'high' } });
    case 'POST /slow':
      // Slow: fine for a person, too slow for the latency budget, over the lowered timeout.
      return void setTimeout(() => sendJson(res, 200, { data: { score: 10 } }), SLOW_MS).unref();
    case 'POST /unparseable':
      // Unparseable: a proxy's HTML error page with a 200, where JSON was declared.
      return send(
        res,
        200,
        'text/html',
        '<html><body><h1>Service temporarily unavailable</h1></body></html>',
      );
    case 'GET /account.xml':
      // XML with a bad value: <score> holds text where an Integer field expects a number.
      return send(
        res,
        200,
        'application/xml',
        '<?xml version="1.0"?><account><name>Acme</name><score>n/a</score></account>',
      );
    case 'POST /tier':
      // Schema: "platinum" is not one of the tiers the contract allows.
      return sendJson(res, 200, { data: { score: 99, tier: 'platinum' } });
    case 'POST /moved':
      // Redirect: Marketo does not follow it, so this is a non-2xx result.
      res.writeHead(302, { location: '/score' });
      return res.end();
    default:
      return sendJson(res, 404, { error: `no route ${route}` });
  }
}

function sendJson(res, status, value) {
  send(res, status, 'application/json', JSON.stringify(value));
}

function send(res, status, contentType, text) {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.length) });
  res.end(body);
}

function tryParseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Run directly: listen on PORT (default 8787) until Ctrl-C.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startStagingServer({
    port: Number(process.env.PORT ?? 8787),
    apiKey: process.env.SCORING_KEY,
  });
  console.log(`staging server on ${server.url} (Ctrl-C to stop)`);
  process.once('SIGINT', () => void server.close());
}
