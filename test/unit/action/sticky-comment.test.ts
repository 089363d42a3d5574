import { describe, expect, it } from 'vitest';

import { buildCommentMarker, describeCommentFailure } from '../../../src/action/sticky-comment.js';

describe('buildCommentMarker', () => {
  it('names the workflow and the job', () => {
    expect(buildCommentMarker('CI', 'contracts')).toBe('<!-- webhook-contracts:CI/contracts -->');
  });

  it('cannot be closed early by a workflow name', () => {
    const marker = buildCommentMarker('a --> <b>', 'job--x');
    expect(marker).toBe('<!-- webhook-contracts:a - <b/job-x -->');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
  });

  it('differs between jobs of the same workflow', () => {
    expect(buildCommentMarker('CI', 'a')).not.toBe(buildCommentMarker('CI', 'b'));
  });
});

describe('describeCommentFailure', () => {
  it('names the permission and the workflow_run fix for a 403', () => {
    const message = describeCommentFailure({
      status: 403,
      message: 'Resource not accessible by integration',
    });
    expect(message).toContain('GitHub answered 403 (Resource not accessible by integration)');
    expect(message).toContain('permissions: pull-requests: write');
    expect(message).toContain('workflow_run');
  });

  it('does not blame permissions for a 5xx or a network error', () => {
    expect(describeCommentFailure({ status: 502, message: 'Bad Gateway' })).not.toContain('permissions');
    expect(describeCommentFailure({ status: undefined, message: 'ECONNRESET' })).toBe(
      'Could not post the pull request comment: ECONNRESET. The job summary has the full report.',
    );
  });
});
