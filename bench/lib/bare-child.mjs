/**
 * The whole-process baseline: a bare Node process that reads the same contract as JSON from disk and sends the
 * same requests with undici at the same concurrency, reading and parsing each answer, and nothing else.
 * argv: <contract.json> <concurrency>.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The project's undici (the one the CLI bundles), not a copy the optional bench tools may have brought.
const { Agent, request } = createRequire(join(import.meta.dirname, '..', '..', 'package.json'))('undici');

const [file, concurrencyText] = process.argv.slice(2);
const contract = JSON.parse(readFileSync(file ?? '', 'utf8'));
const concurrency = Number(concurrencyText ?? 16);
const names = Object.keys(contract.samples);
const jobs = [];
for (const webhook of contract.webhooks) {
  for (const name of names) {
    const email = contract.samples[name].lead['Email Address'];
    jobs.push({ url: webhook.url, body: `{"email": ${JSON.stringify(email)}}` });
  }
}
const agent = new Agent({ keepAliveTimeout: 60_000 });
let next = 0;
let passed = 0;
const worker = async () => {
  for (let index = next++; index < jobs.length; index = next++) {
    const job = jobs[index];
    const response = await request(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: job.body,
      dispatcher: agent,
    });
    const data = JSON.parse(await response.body.text());
    if (response.statusCode === 200 && data?.data?.score === 42) passed += 1;
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
await agent.close();
process.exitCode = passed === jobs.length ? 0 : 1;
