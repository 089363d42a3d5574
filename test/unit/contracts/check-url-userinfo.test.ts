import { describe, expect, it } from 'vitest';

import { checkUrlUserinfo } from '../../../src/contracts/check-url-userinfo.js';
import { ContractFileError, formatProblem } from '../../../src/contracts/errors.js';
import { parseContractFile } from '../../support/load-contracts.js';

describe('checkUrlUserinfo', () => {
  it.each([
    'https://bob:hunter2@staging.example.com/hook',
    'https://hunter2@staging.example.com/hook',
    'https://:hunter2@staging.example.com/',
    'https://{{lead.User}}:{{lead.Pass}}@staging.example.com/',
    'HTTPS://bob%40x:hunter2@staging.example.com/',
  ])('refuses %s, pointing at an Authorization header and quoting nothing', (url) => {
    const problem = checkUrlUserinfo(url);
    expect(problem).toMatch(/credentials .* `Authorization` header/);
    expect(problem).not.toContain('hunter2');
  });

  it.each([
    'https://staging.example.com/hook?email={{lead.Email}}',
    'https://staging.example.com/a@b',
    'https://staging.example.com/?to=a@b.example',
    'https://@staging.example.com/',
    'not a url',
  ])('lets %s through', (url) => {
    expect(checkUrlUserinfo(url)).toBeUndefined();
  });
});

describe('a contract URL with userinfo', () => {
  const problemsOf = (text: string, env: Record<string, string> = {}): string[] => {
    try {
      parseContractFile('c.yml', text, env);
    } catch (error) {
      if (error instanceof ContractFileError) return error.problems.map(formatProblem);
      throw error;
    }
    return [];
  };

  it('is a contract error at the URL', () => {
    const problems = problemsOf(
      'version: 1\nwebhooks:\n  - name: A\n    url: https://bob:hunter2@staging.example.com/hook\n',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^c\.yml:4:10: webhooks\[0\]\.url holds credentials before the host/);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('is an error when a ${NAME} brings the credentials, without quoting them', () => {
    const problems = problemsOf("version: 1\nwebhooks:\n  - name: A\n    url: '${STAGING_URL}/hook'\n", {
      STAGING_URL: 'https://svc:s3cr3t-91@staging.example.com',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^c\.yml:4:10: .*`Authorization` header/);
    expect(problems[0]).not.toContain('s3cr3t-91');
  });
});
