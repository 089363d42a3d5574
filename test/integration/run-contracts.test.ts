import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from '../support/yaml-text.js';
import { createHttpClient } from '../../src/http/http-client.js';
import type { CheckResult, FailureKind, RunReport } from '../../src/judging/check-result.js';
import { ContractFileError } from '../../src/contracts/errors.js';
import type { HttpClient, RunSettings } from '../../src/engine/ports.js';
import { runContracts } from '../../src/engine/run-contracts.js';
import { findClosedPort } from '../support/find-closed-port.js';
import { makeContractSource } from '../support/make-contract-source.js';
import { DEFAULT_JSON_BODY, startStagingServer } from '../support/staging-server.js';
import type { StagingServer } from '../support/staging-server.js';

const MIB = 1024 * 1024;
const FIELDS = { leadScore: 'integer', tier: 'string', email: 'email' };
const ALICE = { lead: { 'Email Address': 'alice@example.com', 'First Name': 'Alice' } };

let server: StagingServer;
let client: HttpClient;

beforeAll(async () => {
  server = await startStagingServer();
  client = createHttpClient();
  // Answers with the email it was sent, so a passing check proves the request was rendered and sent.
  server.route('/score', (_request, response, body) => {
    const { email } = JSON.parse(body) as { email: string };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: { score: 42, tier: 'gold', email } }));
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => server.resetStats());

type WebhookSpec = Record<string, unknown>;

/** A webhook POSTing alice's email as JSON and reading a JSON answer; `path` is on the staging server. */
function webhook(path: string, overrides: WebhookSpec = {}): WebhookSpec {
  return {
    name: `Hook ${path}`,
    url: `${server.url}${path}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    template: '{"email": {{lead.Email Address}}}',
    encoding: 'json',
    responseType: 'json',
    ...overrides,
  };
}

function contractText(
  webhooks: readonly WebhookSpec[],
  samples: Record<string, unknown> = { alice: ALICE },
): string {
  return stringify({ version: 1, samples, fields: FIELDS, webhooks });
}

interface Run {
  readonly report: RunReport;
  readonly secrets: readonly string[];
  /** `webhook/sample` in the order onCheck was told. */
  readonly finished: readonly string[];
  readonly progress: readonly (readonly [number, number])[];
}

async function run(
  text: string | readonly { file: string; text: string }[],
  overrides: Partial<RunSettings> = {},
  http: HttpClient = client,
): Promise<Run> {
  const sources = typeof text === 'string' ? [{ file: 'contracts.yml', text }] : text;
  const finished: string[] = [];
  const progress: [number, number][] = [];
  const settings: RunSettings = {
    contracts: ['contracts.yml'],
    concurrency: 4,
    maxBodyBytes: MIB,
    allowedHosts: 'any',
    retries: 0,
    env: {},
    ...overrides,
  };
  const result = await runContracts(settings, {
    http,
    files: makeContractSource(sources),
    log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
    now: () => performance.now(),
    onCheck: (check, done, total) => {
      finished.push(`${check.webhook}/${check.sample}`);
      progress.push([done, total]);
    },
  });
  return { ...result, finished, progress };
}

/** The only check of a one-check run. */
async function runOne(hook: WebhookSpec, overrides: Partial<RunSettings> = {}): Promise<CheckResult> {
  const { report } = await run(contractText([hook]), overrides);
  expect(report.checks).toHaveLength(1);
  const [check] = report.checks;
  if (check === undefined) throw new Error('no check');
  return check;
}

function kinds(check: CheckResult): FailureKind[] {
  return check.failures.map((failure) => failure.kind);
}

describe('runContracts: passing checks', () => {
  it('renders, sends, maps and reports a passing check', async () => {
    const { report } = await run(
      contractText([
        webhook('/score', {
          name: 'Score lead',
          mappings: { 'data.score': 'leadScore', 'data.email': 'email' },
        }),
      ]),
    );
    expect(report.summary).toEqual({ total: 1, passed: 1, failed: 0 });
    expect(report.checks[0]).toMatchObject({
      webhook: 'Score lead',
      sample: 'alice',
      file: 'contracts.yml',
      passed: true,
      code: 200,
      status: 200,
      errorType: 'OK',
      attempts: 1,
      failures: [],
      mapped: { leadScore: 42, email: 'alice@example.com' },
    });
    expect(server.hits('/score')).toBe(1);
  });

  it('maps an XML response', async () => {
    const check = await runOne(
      webhook('/xml', { responseType: 'xml', mappings: { 'result.data.tier': 'tier' } }),
    );
    expect(check.passed).toBe(true);
    expect(check.mapped).toEqual({ tier: 'gold' });
  });

  it('returns the values read from ${NAME} as secrets', async () => {
    const text = contractText([webhook('/json', { headers: { 'X-Api-Key': '${API_KEY}' } })]);
    const { secrets, report } = await run(text, { env: { API_KEY: 'k-secret-1' } });
    expect(secrets).toEqual(['k-secret-1']);
    expect(report.summary.passed).toBe(1);
  });
});

describe('runContracts: every failure kind', () => {
  it('status: a 500 with its reason phrase', async () => {
    const check = await runOne(webhook('/status/500?reason=Database%20Down'));
    expect(kinds(check)).toEqual(['status']);
    expect(check).toMatchObject({ passed: false, code: 500, status: 500, errorType: 'Database Down' });
  });

  it('empty-body: Marketo code 1001', async () => {
    const check = await runOne(webhook('/empty'));
    expect(kinds(check)).toEqual(['empty-body']);
    expect(check.code).toBe(1001);
  });

  it('batch-campaign: code 1000, and the server gets no request', async () => {
    const check = await runOne(webhook('/batch-target', { campaign: 'batch' }));
    expect(kinds(check)).toEqual(['batch-campaign']);
    expect(check.code).toBe(1000);
    expect(server.hits('/batch-target')).toBe(0);
    expect(server.connections()).toBe(0);
  });

  it('timeout: a server that stalls past a 300 ms budget', async () => {
    const check = await runOne(webhook('/stall'), { timeoutMs: 300 });
    expect(kinds(check)).toEqual(['timeout']);
    expect(check.code).toBeNull();
  });

  it('timeout: the contract timeout applies when the run sets none', async () => {
    const check = await runOne(webhook('/stall', { timeout: '300ms' }));
    expect(kinds(check)).toEqual(['timeout']);
  });

  it('network: a refused connection (a port opened, then closed)', async () => {
    const port = await findClosedPort();
    const check = await runOne({ ...webhook('/'), url: `http://127.0.0.1:${port}/score` });
    expect(kinds(check)).toEqual(['network']);
    expect(check.errorType).toBe('ECONNREFUSED');
  });

  it('network: a connection reset mid-body', async () => {
    const check = await runOne(webhook('/reset'));
    expect(kinds(check)).toEqual(['network']);
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(check.errorType);
  });

  it('unparseable: a 2xx body that is not JSON', async () => {
    const check = await runOne(webhook('/json?body=not%20json', { mappings: { 'data.score': 'leadScore' } }));
    expect(kinds(check)).toEqual(['unparseable']);
    expect(check.mapped).toEqual({});
  });

  it('mapping-missing: an attribute that does not resolve', async () => {
    const check = await runOne(
      webhook('/json', { mappings: { 'data.missing': 'leadScore', 'data.tier': 'tier' } }),
    );
    expect(kinds(check)).toEqual(['mapping-missing']);
    expect(check.mapped).toEqual({ tier: 'gold' });
  });

  it('mapping-type: a value that does not fit the field', async () => {
    const check = await runOne(webhook('/json', { mappings: { 'data.tier': 'leadScore' } }));
    expect(kinds(check)).toEqual(['mapping-type']);
  });

  it('schema: a body that violates expect.schema', async () => {
    const schema = {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'object', properties: { score: { type: 'string' } } } },
    };
    const check = await runOne(webhook('/json', { expect: { schema } }));
    expect(kinds(check)).toEqual(['schema']);
    expect(check.failures[0]?.message).toContain('/data/score');
  });

  it('latency: slower than expect.maxLatency', async () => {
    const check = await runOne(webhook('/slow?ms=300', { expect: { maxLatency: '20ms' } }));
    expect(kinds(check)).toEqual(['latency']);
  });

  it('blocked: a secret-carrying request to a host outside allowed-hosts is never sent', async () => {
    const hook = webhook('/blocked-target', { headers: { 'X-Api-Key': '${API_KEY}' } });
    const check = await runOne(hook, { env: { API_KEY: 'k-secret-2' }, allowedHosts: ['api.example.com'] });
    expect(kinds(check)).toEqual(['blocked']);
    expect(check.failures[0]?.message).toContain('allowed-hosts');
    expect(server.hits('/blocked-target')).toBe(0);
  });

  it('blocked does not apply to the same host once allowed', async () => {
    const hook = webhook('/json', { headers: { 'X-Api-Key': '${API_KEY}' } });
    const check = await runOne(hook, {
      env: { API_KEY: 'k-secret-3' },
      allowedHosts: [`127.0.0.1:${server.port}`],
    });
    expect(check.passed).toBe(true);
  });

  it('too-large: a 64 MiB body is cut off at the cap while memory stays bounded', async () => {
    const before = process.memoryUsage().rss;
    const check = await runOne(webhook('/big?mib=64'));
    const growth = process.memoryUsage().rss - before;
    expect(kinds(check)).toEqual(['too-large']);
    expect(check.status).toBe(200);
    expect(growth).toBeLessThan(32 * MIB);
  });

  it('status: a redirect is not followed, its Location is shown, and its target is never hit', async () => {
    const check = await runOne(webhook('/redirect?to=/target'));
    expect(kinds(check)).toEqual(['status']);
    expect(check.code).toBe(302);
    expect(check.failures[0]?.message).toContain('/target');
    expect(server.hits('/redirect')).toBe(1);
    expect(server.hits('/target')).toBe(0);
  });
});

describe('runContracts: the run loop', () => {
  const manySamples = (count: number): Record<string, unknown> =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`s${i}`, { lead: { 'Email Address': `s${i}@example.com` } }]),
    );

  it('reuses keep-alive connections for sequential calls to one origin', async () => {
    const own = createHttpClient();
    try {
      const { report } = await run(
        contractText([webhook('/json')], manySamples(10)),
        { concurrency: 1 },
        own,
      );
      expect(report.summary.passed).toBe(10);
      expect(server.hits('/json')).toBe(10);
      // undici checks an idle socket for a pending FIN/RST for an event-loop turn before reusing it, so a call
      // sent at once after the previous one may open a second connection; it never opens one per call.
      expect(server.connections()).toBeLessThanOrEqual(2);
    } finally {
      await own.close();
    }
  });

  it('keeps at most `concurrency` calls in flight, and uses all of them', async () => {
    // The server holds calls until three are waiting, then answers them together: three in flight at once is
    // then certain, not a race with a delay (an engine that sent fewer would never be answered).
    const held: (() => void)[] = [];
    server.route('/gate', (_request, response) => {
      held.push(() => response.writeHead(200, { 'content-type': 'application/json' }).end(DEFAULT_JSON_BODY));
      if (held.length === 3) for (const answer of held.splice(0)) answer();
    });
    const { report } = await run(contractText([webhook('/gate')], manySamples(12)), { concurrency: 3 });
    expect(report.summary.passed).toBe(12);
    expect(server.maxInFlight()).toBe(3);
  });

  it('reports results in plan order whatever order they finish in, and counts progress', async () => {
    // The server holds all four calls, then answers them last sample first, each only once the engine has
    // reported the one before: the order they finish in is set by the test, not by delays.
    const answerOrder = ['s3', 's2', 's1', 's0'];
    const held = new Map<string, () => void>();
    const finished: string[] = [];
    const progress: [number, number][] = [];
    const answerNext = (): void => {
      const next = answerOrder[finished.length];
      const answer = next === undefined ? undefined : held.get(next);
      if (next !== undefined && answer !== undefined) {
        held.delete(next);
        answer();
      }
    };
    server.route('/ordered', (request, response) => {
      const sample = new URL(request.url ?? '/', server.url).searchParams.get('sample') ?? '';
      held.set(sample, () =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(DEFAULT_JSON_BODY),
      );
      if (held.size === answerOrder.length) answerNext();
    });
    const samples = Object.fromEntries(
      [0, 1, 2, 3].map((i) => [`s${i}`, { lead: { 'Email Address': `s${i}@example.com`, Name: `s${i}` } }]),
    );
    const text = contractText([webhook('/ordered?sample={{lead.Name}}', { name: 'Ordered' })], samples);
    const { report } = await runContracts(
      {
        contracts: ['contracts.yml'],
        concurrency: 4,
        maxBodyBytes: MIB,
        allowedHosts: 'any',
        retries: 0,
        env: {},
      },
      {
        http: client,
        files: makeContractSource([{ file: 'contracts.yml', text }]),
        log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
        now: () => performance.now(),
        onCheck: (check, done, total) => {
          finished.push(check.sample);
          progress.push([done, total]);
          answerNext();
        },
      },
    );
    expect(report.checks.map((check) => check.sample)).toEqual(['s0', 's1', 's2', 's3']);
    expect(finished).toEqual(answerOrder);
    expect(progress).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('runs each check exactly once across shards', async () => {
    const files = [
      {
        file: 'a.yml',
        text: contractText(
          [webhook('/json', { name: 'A1' }), webhook('/xml', { name: 'A2', responseType: 'xml' })],
          manySamples(3),
        ),
      },
      { file: 'b.yml', text: contractText([webhook('/json', { name: 'B1' })], manySamples(2)) },
    ];
    const whole = (await run(files)).report.checks.map(
      (check) => `${check.file}/${check.webhook}/${check.sample}`,
    );
    expect(whole).toHaveLength(8);
    server.resetStats();

    const sharded: string[] = [];
    for (let index = 1; index <= 3; index += 1) {
      const { report } = await run(files, { shard: { index, count: 3 } });
      sharded.push(...report.checks.map((check) => `${check.file}/${check.webhook}/${check.sample}`));
    }
    expect([...sharded].sort()).toEqual([...whole].sort());
    expect(server.hits('/json') + server.hits('/xml')).toBe(8);
  });

  it('finds a rendering error in another shard too, and calls nothing', async () => {
    const samples = { good: { lead: { Host: '127.0.0.1' } }, bad: { lead: { Host: '' } } };
    const hook = { ...webhook('/json'), url: `http://{{lead.Host}}:${server.port}/json` };
    await expect(
      run(contractText([hook], samples), { shard: { index: 1, count: 2 } }),
    ).rejects.toBeInstanceOf(ContractFileError);
    expect(server.hits('/json')).toBe(0);
  });

  it('throws ContractFileError for an invalid contract and calls nothing', async () => {
    const text = contractText([webhook('/json', { mappings: { 'data.score': 'undeclaredField' } })]);
    await expect(run(text)).rejects.toBeInstanceOf(ContractFileError);
    expect(server.hits('/json')).toBe(0);
  });

  it('reports unreadable files and the problems of the readable ones in one error, and calls nothing', async () => {
    const good = { file: 'good.yml', text: contractText([webhook('/json')]) };
    const broken = { file: 'broken.yml', text: 'version: 1\nwebhooks: [\n' };
    const unreadable = { file: 'nowhere/*.yml', line: 1, column: 1, message: 'the glob matches no files' };
    const error: unknown = await runContracts(
      {
        contracts: ['good.yml', 'broken.yml', 'nowhere/*.yml'],
        concurrency: 1,
        maxBodyBytes: MIB,
        allowedHosts: 'any',
        retries: 0,
        env: {},
      },
      {
        http: client,
        files: makeContractSource([good, broken], [unreadable]),
        log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
        now: () => performance.now(),
      },
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ContractFileError);
    const problems = (error as ContractFileError).problems;
    expect(problems[0]).toEqual(unreadable);
    expect(problems.slice(1).map((problem) => problem.file)).toContain('broken.yml');
    expect(server.hits('/json')).toBe(0);
  });

  it('throws the read problems even when every readable file is valid, and calls nothing', async () => {
    const unreadable = { file: 'gone.yml', line: 1, column: 1, message: 'file not found' };
    await expect(
      runContracts(
        {
          contracts: ['good.yml', 'gone.yml'],
          concurrency: 1,
          maxBodyBytes: MIB,
          allowedHosts: 'any',
          retries: 0,
          env: {},
        },
        {
          http: client,
          files: makeContractSource(
            [{ file: 'good.yml', text: contractText([webhook('/json')]) }],
            [unreadable],
          ),
          log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
          now: () => performance.now(),
        },
      ),
    ).rejects.toMatchObject({ problems: [unreadable] });
    expect(server.hits('/json')).toBe(0);
  });
});

describe('runContracts: retries', () => {
  it('retries a 503 and passes on the second attempt', async () => {
    const check = await runOne(webhook('/flaky?key=a&fail=1&status=503&retryAfter=0'), { retries: 2 });
    expect(check.passed).toBe(true);
    expect(check.attempts).toBe(2);
    expect(server.hits('/flaky')).toBe(2);
  });

  it('retries a 429 without Retry-After after a backoff', async () => {
    const check = await runOne(webhook('/flaky?key=b&fail=1&status=429'), { retries: 1 });
    expect(check.passed).toBe(true);
    expect(check.attempts).toBe(2);
  });

  it('gives up after the last retry and reports every attempt', async () => {
    const check = await runOne(webhook('/flaky?key=c&fail=5&status=503&retryAfter=0'), { retries: 2 });
    expect(kinds(check)).toEqual(['status']);
    expect(check.attempts).toBe(3);
    expect(server.hits('/flaky')).toBe(3);
  });

  it('never retries a 400', async () => {
    const check = await runOne(webhook('/flaky?key=d&fail=1&status=400'), { retries: 3 });
    expect(kinds(check)).toEqual(['status']);
    expect(check.attempts).toBe(1);
    expect(server.hits('/flaky')).toBe(1);
  });

  it('never retries an assertion failure on a 200', async () => {
    const check = await runOne(webhook('/json', { mappings: { 'data.missing': 'leadScore' } }), {
      retries: 3,
    });
    expect(kinds(check)).toEqual(['mapping-missing']);
    expect(check.attempts).toBe(1);
    expect(server.hits('/json')).toBe(1);
  });

  it('makes one attempt, as Marketo does, when retries is 0', async () => {
    const check = await runOne(webhook('/flaky?key=e&fail=1&status=503&retryAfter=0'));
    expect(kinds(check)).toEqual(['status']);
    expect(check.attempts).toBe(1);
  });

  it('retries a refused connection', async () => {
    const port = await findClosedPort();
    const check = await runOne({ ...webhook('/'), url: `http://127.0.0.1:${port}/` }, { retries: 1 });
    expect(kinds(check)).toEqual(['network']);
    expect(check.attempts).toBe(2);
  });
});
