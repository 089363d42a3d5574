/**
 * The built action (`dist/index.js`) given an invalid contract or invalid inputs: located errors, exit code 2,
 * nothing called, no stack trace, and the outputs and job summary still written.
 */
import { describe, expect, it } from 'vitest';

import { errorAnnotations, makeScoreContract, setUpScoreLeadRun } from '../support/score-lead-run.js';

const { e2e, makeWorkspace, run } = setUpScoreLeadRun();

describe('invalid contracts and inputs', () => {
  it('fails with located errors, calls nothing, and still writes the outputs and summary', async () => {
    const contract = makeScoreContract(1)
      .replace('method: POST', 'method: FETCH')
      .replace('leadScore: integer', 'leadScore: integr');

    const result = await run(await makeWorkspace(contract), { inputs: { comment: 'always' } });

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^::error file=webhook-contracts\.yml,line=\d+/m);
    const lineOf = (text: string): string =>
      String(contract.split('\n').findIndex((line) => line.includes(text)) + 1);
    const located = errorAnnotations(result).filter(
      (error) => error.properties['file'] === 'webhook-contracts.yml',
    );
    expect(located.map((error) => error.properties['line'])).toEqual(
      expect.arrayContaining([lineOf('integr'), lineOf('FETCH')]),
    );
    expect(e2e.staging.hits('/score')).toBe(0);
    expect(e2e.api.requests).toEqual([]);
    expect(result.outputs).toMatchObject({
      total: '',
      passed: '',
      failed: '',
      report: '',
      'comment-url': '',
    });
    expect(result.summary).toContain('the contract files are invalid');
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it('names an invalid input and fails without a stack trace', async () => {
    const result = await run(await makeWorkspace(makeScoreContract(1)), { inputs: { concurrency: 'eight' } });

    expect(result.exitCode).toBe(2);
    expect(errorAnnotations(result).map((error) => error.message)).toContain(
      "Input 'concurrency' must be a whole number from 1 to 64, not 'eight'.",
    );
    expect(e2e.staging.hits('/score')).toBe(0);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(result.outputs).toMatchObject({ total: '', failed: '' });
  });
});

describe('the ca-file and pull-request inputs', () => {
  it('names an unreadable ca-file and a bad pull-request number as input errors (exit code 2)', async () => {
    const workspace = await makeWorkspace(makeScoreContract(1));
    const badCa = await run(workspace, { inputs: { 'ca-file': 'certs/missing.pem' } });
    expect(badCa.exitCode).toBe(2);
    expect(errorAnnotations(badCa).map((error) => error.message)).toContain(
      "Input 'ca-file': cannot read certs/missing.pem (ENOENT)",
    );
    expect(e2e.staging.hits('/score')).toBe(0);

    const badPr = await run(workspace, { inputs: { 'pull-request': 'main' } });
    expect(badPr.exitCode).toBe(2);
    expect(errorAnnotations(badPr).map((error) => error.message)).toContain(
      "Input 'pull-request' must be a pull request number such as 42, not 'main'.",
    );
  });
});
