import { describe, expect, it } from 'vitest';

import { buildCommentMarker, describeCommentFailure } from '../../../src/action/sticky-comment.js';

describe('buildCommentMarker', () => {
  it('names the workflow and the job', () => {
    expect(buildCommentMarker('CI', 'contracts')).toBe('<!-- webhook-contracts:CI/contracts -->');
  });

  it('cannot be closed early by a workflow name', () => {
    const marker = buildCommentMarker('a --> <b>', 'job--x---');
    expect(marker).toBe('<!-- webhook-contracts:a -%2D%3E %3Cb%3E/job-%2Dx-%2D%2D -->');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker.slice(4, -3)).not.toContain('--');
  });

  it('stays one inert line for names with line breaks, controls and invisible characters', () => {
    const marker = buildCommentMarker('Contracts\n<!-- x', 'job\r\u202e\u200b\u0000');
    expect(marker).toBe('<!-- webhook-contracts:Contracts%0A%3C!-%2D x/job%0D%E2%80%AE%E2%80%8B%00 -->');
    expect(buildCommentMarker('Contracts\n<!-- x', 'job\r\u202e\u200b\u0000')).toBe(marker);
  });

  it('encodes non-ASCII names as UTF-8, and a lone surrogate as U+FFFD', () => {
    expect(buildCommentMarker('Vérifier', '字')).toBe('<!-- webhook-contracts:V%C3%A9rifier/%E5%AD%97 -->');
    expect(buildCommentMarker('a\ud800', 'j')).toBe('<!-- webhook-contracts:a%EF%BF%BD/j -->');
  });

  it('keeps workflow and job apart when a name holds the separator', () => {
    expect(buildCommentMarker('a/b', 'c')).not.toBe(buildCommentMarker('a', 'b/c'));
    expect(buildCommentMarker('a%2Fb', 'c')).not.toBe(buildCommentMarker('a/b', 'c'));
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
