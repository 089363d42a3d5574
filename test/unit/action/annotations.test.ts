import type { AnnotationProperties } from '@actions/core';
import { describe, expect, it } from 'vitest';

import { annotateContractProblems, annotateFailedChecks } from '../../../src/action/annotations.js';
import type { CheckResult } from '../../../src/judging/check-result.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

function recordAnnotations(): {
  annotate: (message: string, properties: AnnotationProperties) => void;
  seen: { message: string; properties: AnnotationProperties }[];
} {
  const seen: { message: string; properties: AnnotationProperties }[] = [];
  return { annotate: (message, properties) => seen.push({ message, properties }), seen };
}

function failing(count: number): CheckResult[] {
  return Array.from({ length: count }, (_, index) =>
    makeFailedCheckResult({ sample: `lead${index}`, line: 10 + index }),
  );
}

describe('annotateFailedChecks', () => {
  it('annotates each failing check at its webhook line, and skips passing ones', () => {
    const { annotate, seen } = recordAnnotations();
    const written = annotateFailedChecks(makeReport([makeCheckResult(), ...failing(2)]), { annotate });

    expect(written).toBe(2);
    expect(seen).toEqual([
      {
        message: 'Score lead (lead0): status: status 500 is not 2xx',
        properties: { file: 'webhook-contracts.yml', startLine: 10 },
      },
      {
        message: 'Score lead (lead1): status: status 500 is not 2xx',
        properties: { file: 'webhook-contracts.yml', startLine: 11 },
      },
    ]);
  });

  it('writes all 10 when exactly 10 fail', () => {
    const { annotate, seen } = recordAnnotations();
    annotateFailedChecks(makeReport(failing(10)), { annotate });
    expect(seen).toHaveLength(10);
    expect(seen.every((annotation) => annotation.properties.file !== undefined)).toBe(true);
  });

  it('summarises the overflow in the last slot', () => {
    const { annotate, seen } = recordAnnotations();
    annotateFailedChecks(makeReport(failing(11)), { annotate });
    expect(seen).toHaveLength(10);
    expect(seen[9]).toEqual({ message: '2 more failures: see the job summary', properties: {} });
  });

  it('leaves room for the annotations already reserved (core.setFailed writes one)', () => {
    const { annotate, seen } = recordAnnotations();
    annotateFailedChecks(makeReport(failing(50)), { annotate, reserved: 1 });
    expect(seen).toHaveLength(9);
    expect(seen.at(-1)?.message).toBe('42 more failures: see the job summary');
  });

  it('makes absolute paths relative to the workspace, with forward slashes', () => {
    const { annotate, seen } = recordAnnotations();
    const check = makeFailedCheckResult({ file: '/home/runner/work/repo/contracts/a.yml' });
    annotateFailedChecks(makeReport([check]), { annotate, workspace: '/home/runner/work/repo' });
    expect(seen[0]?.properties.file).toBe('contracts/a.yml');
  });

  it('keeps a path outside the workspace as it is', () => {
    const { annotate, seen } = recordAnnotations();
    const check = makeFailedCheckResult({ file: '/tmp/a.yml' });
    annotateFailedChecks(makeReport([check]), { annotate, workspace: '/home/runner/work/repo' });
    expect(seen[0]?.properties.file).toBe('/tmp/a.yml');
  });

  it('writes nothing when every check passed', () => {
    const { annotate, seen } = recordAnnotations();
    expect(annotateFailedChecks(makeReport([makeCheckResult()]), { annotate })).toBe(0);
    expect(seen).toEqual([]);
  });
});

describe('annotateContractProblems', () => {
  it('annotates each problem at its line and column', () => {
    const { annotate, seen } = recordAnnotations();
    annotateContractProblems([{ file: 'a.yml', line: 3, column: 7, message: 'bad method' }], {
      annotate,
      reserved: 1,
    });
    expect(seen).toEqual([
      { message: 'bad method', properties: { file: 'a.yml', startLine: 3, startColumn: 7 } },
    ]);
  });

  it('summarises problems past the budget', () => {
    const { annotate, seen } = recordAnnotations();
    const problems = Array.from({ length: 12 }, (_, index) => ({
      file: 'a.yml',
      line: index + 1,
      column: 1,
      message: `p${index}`,
    }));
    annotateContractProblems(problems, { annotate, reserved: 1 });
    expect(seen).toHaveLength(9);
    expect(seen.at(-1)?.message).toBe('4 more contract problems: see the log');
  });
});
