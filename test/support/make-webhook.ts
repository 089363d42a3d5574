/**
 * Small typed factories for the contract model (src/core/contract.ts), shared by the unit tests.
 * Every default is a plain, valid value; a test overrides only what it is about.
 */
import type { Sample, SourceLocation, Webhook } from '../../src/contracts/contract.js';

/** A location in a contract file that tests can assert on. */
export function makeLocation(overrides: Partial<SourceLocation> = {}): SourceLocation {
  return { file: 'webhook-contracts.yml', line: 10, column: 5, ...overrides };
}

/**
 * A valid trigger-campaign POST webhook with a JSON template that reads `{{lead.Email Address}}`,
 * no mappings, expecting a 2xx, fired for the sample `alice`.
 */
export function makeWebhook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    name: 'Score lead',
    location: makeLocation(),
    url: 'https://staging.example.com/score',
    method: 'POST',
    template: '{"email": {{lead.Email Address}}}',
    encoding: 'json',
    responseType: 'json',
    campaign: 'trigger',
    headers: { 'Content-Type': 'application/json' },
    mappings: [],
    expect: { status: ['2xx'] },
    samples: ['alice'],
    timeoutMs: 30_000,
    carriesSecret: false,
    ...overrides,
  };
}

/**
 * The sample lead `alice` (Email Address, First Name, Company Name, my.Region), as in the SPEC's example.
 * Pass `values` to replace all of them, or `name` to rename the sample.
 */
export function makeSample(overrides: Partial<Sample> = {}): Sample {
  return {
    name: 'alice',
    values: {
      lead: { 'Email Address': 'alice@example.com', 'First Name': 'Alice' },
      company: { 'Company Name': 'Acme' },
      my: { Region: 'EMEA' },
    },
    ...overrides,
  };
}
