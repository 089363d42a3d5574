/**
 * The workload every figure uses: webhooks that POST a JSON template for each sample lead and map three
 * attributes of a small JSON answer, as one webhook with N samples or as many webhooks with a few samples each. Generated here as our contract, a Postman collection and a Step CI
 * workflow, so every tool fires the same requests at the same loopback server.
 */

/** The loopback server's answer to every request. */
export const RESPONSE_BODY = '{"data":{"score":42,"tier":"gold","id":"x"}}';

/** The name our contract gives its webhook (numbered when there are several). */
export const WEBHOOK_NAME = 'Score lead';

/**
 * The e-mail address of sample `index`: the only token in the template.
 * @param {number} index
 * @returns {string}
 */
export function makeEmail(index) {
  return `lead${index}@example.com`;
}

/**
 * The exact body our template renders for sample `index` (`json` encoding quotes the string), so the bare
 * undici loop and the other tools send byte-for-byte what the engine sends.
 * @param {number} index
 * @returns {string}
 */
export function makeRequestBody(index) {
  return `{"email": ${JSON.stringify(makeEmail(index))}}`;
}

/**
 * A contract file of `count` checks: `webhooks` webhooks (1 by default), each fired for every one of
 * `count / webhooks` samples. One webhook with many samples stresses the loader (a 10,000-sample map); many webhooks
 * with a few samples each is the shape a real suite has. Every webhook is the same POST to the same URL, so both
 * shapes send the same requests.
 * @param {{ url: string, count: number, webhooks?: number }} options
 * @returns {string} YAML text
 */
export function makeContractYaml({ url, count, webhooks = 1 }) {
  const sampleCount = samplesPerWebhook({ count, webhooks });
  const samples = [];
  for (let index = 0; index < sampleCount; index += 1) {
    samples.push(`  s${index}: { lead: { Email Address: ${makeEmail(index)} } }`);
  }
  const blocks = [];
  for (let webhook = 0; webhook < webhooks; webhook += 1) {
    blocks.push(
      `  - name: ${webhooks === 1 ? WEBHOOK_NAME : `${WEBHOOK_NAME} ${webhook + 1}`}`,
      `    url: ${JSON.stringify(url)}`,
      '    method: POST',
      '    headers: { Content-Type: application/json }',
      `    template: '{"email": {{lead.Email Address}}}'`,
      '    encoding: json',
      '    responseType: json',
      '    mappings: { data.score: leadScore, data.tier: tier, data.id: externalId }',
    );
  }
  return [
    'version: 1',
    'samples:',
    ...samples,
    'fields:',
    '  leadScore: integer',
    '  tier: string',
    '  externalId: string',
    'webhooks:',
    ...blocks,
    '',
  ].join('\n');
}

/**
 * The same contract as JSON (what `makeContractYaml` means, as data): what the bare processes read, and the
 * baseline for the parsers.
 * @param {{ url: string, count: number, webhooks?: number }} options
 * @returns {string} JSON text
 */
export function makeContractJson({ url, count, webhooks = 1 }) {
  const sampleCount = samplesPerWebhook({ count, webhooks });
  /** @type {Record<string, unknown>} */
  const samples = {};
  for (let index = 0; index < sampleCount; index += 1) {
    samples[`s${index}`] = { lead: { 'Email Address': makeEmail(index) } };
  }
  const list = [];
  for (let webhook = 0; webhook < webhooks; webhook += 1) {
    list.push({
      name: webhooks === 1 ? WEBHOOK_NAME : `${WEBHOOK_NAME} ${webhook + 1}`,
      url,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      template: '{"email": {{lead.Email Address}}}',
      encoding: 'json',
      responseType: 'json',
      mappings: { 'data.score': 'leadScore', 'data.tier': 'tier', 'data.id': 'externalId' },
    });
  }
  return JSON.stringify({
    version: 1,
    samples,
    fields: { leadScore: 'integer', tier: 'string', externalId: 'string' },
    webhooks: list,
  });
}

/**
 * How many samples each webhook is fired for; `count` must be a multiple of `webhooks`.
 * @param {{ count: number, webhooks?: number }} options
 * @returns {number}
 */
export function samplesPerWebhook({ count, webhooks = 1 }) {
  if (!Number.isInteger(count / webhooks))
    throw new Error(`${count} checks do not split over ${webhooks} webhooks`);
  return count / webhooks;
}

/** The checks Newman runs on each response: the same three mappings, typed as the contract types them. */
// Newman runs every item's script in one sandbox context: the block keeps `data` from being redeclared.
const POSTMAN_TEST_SCRIPT = [
  '{',
  '  const data = pm.response.json().data;',
  "  pm.test('maps', () => {",
  '    pm.expect(pm.response.code).to.equal(200);',
  '    pm.expect(Number.isInteger(data.score)).to.equal(true);',
  "    pm.expect(data.tier).to.be.a('string');",
  "    pm.expect(data.id).to.be.a('string');",
  '  });',
  '}',
];

/**
 * A Postman collection (v2.1) of `count` POST requests with the same bodies and checks.
 * @param {{ url: string, count: number }} options
 * @returns {Record<string, unknown>}
 */
export function makePostmanCollection({ url, count }) {
  const item = [];
  for (let index = 0; index < count; index += 1) {
    item.push({
      name: `s${index}`,
      request: {
        method: 'POST',
        url,
        header: [{ key: 'Content-Type', value: 'application/json' }],
        body: { mode: 'raw', raw: makeRequestBody(index) },
      },
      event: [{ listen: 'test', script: { type: 'text/javascript', exec: POSTMAN_TEST_SCRIPT } }],
    });
  }
  return {
    info: {
      name: 'webhook-contracts bench',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item,
  };
}

/**
 * A Step CI workflow of `count` one-step tests (Step CI runs tests concurrently, steps in order), each POSTing
 * the same body and checking the same three attributes.
 * @param {{ url: string, count: number }} options
 * @returns {Record<string, unknown>}
 */
export function makeStepciWorkflow({ url, count }) {
  /** @type {Record<string, unknown>} */
  const tests = {};
  for (let index = 0; index < count; index += 1) {
    tests[`s${index}`] = {
      steps: [
        {
          name: WEBHOOK_NAME,
          http: {
            url,
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: makeRequestBody(index),
            check: {
              status: 200,
              jsonpath: { '$.data.score': 42, '$.data.tier': 'gold', '$.data.id': 'x' },
            },
          },
        },
      ],
    };
  }
  return { version: '1.1', name: 'webhook-contracts bench', tests };
}
