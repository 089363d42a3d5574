import { describe, expect, it } from 'vitest';
import {
  formatLeadCount,
  MARKETO_CONCURRENT_CALLS,
  projectCampaign,
  withCampaignProjection,
} from '../../../src/reports/campaign-projection.js';
import { formatDuration } from '../../../src/reports/format-duration.js';
import { computeLatencyStats } from '../../../src/reports/latency-stats.js';
import { makeCheckResult, makeFailedCheckResult, makeReport } from '../../support/make-check-result.js';

describe('computeLatencyStats', () => {
  it('takes p50 and p95 by nearest rank, and the maximum', () => {
    const latencies = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(computeLatencyStats(latencies)).toEqual({ count: 100, p50: 50, p95: 95, max: 100 });
    expect(computeLatencyStats([7])).toEqual({ count: 1, p50: 7, p95: 7, max: 7 });
    expect(computeLatencyStats([1, 2])).toEqual({ count: 2, p50: 1, p95: 2, max: 2 });
  });

  it('ignores values that are not finite and says undefined for none', () => {
    expect(computeLatencyStats([])).toBeUndefined();
    expect(computeLatencyStats([Number.NaN, Number.POSITIVE_INFINITY])).toBeUndefined();
    expect(computeLatencyStats([Number.NaN, 3])?.max).toBe(3);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [419.6, '420 ms'],
    [999.7, '1 s'],
    [3_540, '3.5 s'],
    [28_400, '28 s'],
    [210_000, '3.5 min'],
    [7_560_000, '2.1 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('projectCampaign', () => {
  it('keeps the queue busy for ceil(N / 20) rounds of calls at p50 and p95', () => {
    expect(MARKETO_CONCURRENT_CALLS).toBe(20);
    const checks = [400, 420, 420, 300].map((latencyMs, index) =>
      makeCheckResult({ sample: `lead-${index}`, latencyMs }),
    );
    const projection = projectCampaign(checks, 10_000);
    expect(projection).toMatchObject({ leads: 10_000, concurrentCalls: 20, timeoutMs: 30_000 });
    // The example: 10,000 leads at p95 420 ms is about 3.5 min.
    expect(projection.webhooks).toEqual([
      {
        webhook: 'Score lead',
        file: 'webhook-contracts.yml',
        line: 12,
        calls: 4,
        latencyP50Ms: 400,
        latencyP95Ms: 420,
        latencyMaxMs: 420,
        busyP50Ms: 500 * 400,
        busyP95Ms: 500 * 420,
        timeouts: 0,
        timeoutMs: 30_000,
        nearTimeout: false,
      },
    ]);
    // Fewer leads than calls at once: one round, not a fraction of a call.
    expect(projectCampaign(checks, 7).webhooks[0]?.busyP95Ms).toBe(420);
  });

  it('flags a p95 near Marketo’s 30 s timeout, and any timeout', () => {
    const slow = [23_000, 24_000].map((latencyMs, index) =>
      makeCheckResult({ webhook: 'Slow', sample: `s${index}`, latencyMs }),
    );
    const fine = [23_000, 23_900].map((latencyMs, index) =>
      makeCheckResult({ webhook: 'Fine', line: 20, sample: `f${index}`, latencyMs }),
    );
    const timedOut = makeFailedCheckResult({
      webhook: 'Timeout',
      line: 30,
      latencyMs: 5_000,
      failures: [{ kind: 'timeout', message: 'no complete response within 5000 ms' }],
    });
    const byName = Object.fromEntries(
      projectCampaign([...slow, ...fine, timedOut], 100).webhooks.map((webhook) => [
        webhook.webhook,
        webhook,
      ]),
    );
    expect(byName['Slow']?.nearTimeout).toBe(true);
    expect(byName['Fine']?.nearTimeout).toBe(false);
    expect(byName['Timeout']).toMatchObject({ nearTimeout: true, timeouts: 1 });
  });

  it('measures "near" against a webhook’s own lower timeout, the lowest its checks had', () => {
    const near = [700, 850].map((latencyMs, index) =>
      makeCheckResult({ webhook: 'Near 1 s', sample: `n${index}`, latencyMs, timeoutMs: 1_000 }),
    );
    const under = [700, 790].map((latencyMs, index) =>
      makeCheckResult({ webhook: 'Under 1 s', line: 20, sample: `u${index}`, latencyMs, timeoutMs: 1_000 }),
    );
    // A check without a recorded timeout had Marketo's: the lowest one counts.
    const mixed = [
      makeCheckResult({ webhook: 'Mixed', line: 30, sample: 'a', latencyMs: 1_700 }),
      makeCheckResult({ webhook: 'Mixed', line: 30, sample: 'b', latencyMs: 1_700, timeoutMs: 2_000 }),
    ];
    const byName = Object.fromEntries(
      projectCampaign([...near, ...under, ...mixed], 100).webhooks.map((webhook) => [
        webhook.webhook,
        webhook,
      ]),
    );
    expect(byName['Near 1 s']).toMatchObject({ timeoutMs: 1_000, nearTimeout: true });
    expect(byName['Under 1 s']).toMatchObject({ timeoutMs: 1_000, nearTimeout: false });
    expect(byName['Mixed']).toMatchObject({ timeoutMs: 2_000, nearTimeout: true });
  });

  it('projects nothing for a webhook that was never called', () => {
    const batch = makeFailedCheckResult({ code: 1000, status: null, latencyMs: null });
    expect(projectCampaign([batch], 100).webhooks[0]).toMatchObject({
      calls: 0,
      latencyP95Ms: null,
      busyP95Ms: null,
      nearTimeout: false,
    });
  });

  it('replaces a shard’s projection with one over the report’s own checks', () => {
    const report = withCampaignProjection(makeReport([makeCheckResult({ latencyMs: 10 })]), 5);
    const again = withCampaignProjection(report, 40);
    expect(again.campaign?.leads).toBe(40);
    expect(again.campaign?.webhooks[0]?.busyP50Ms).toBe(20);
  });
});

describe('formatLeadCount', () => {
  it('groups thousands as en-US does, for every count the inputs allow', () => {
    for (const count of [1, 12, 999, 1_000, 10_000, 123_456, 1_000_000, 9_999_999, 12_345_678_901]) {
      expect(formatLeadCount(count)).toBe(count.toLocaleString('en-US'));
    }
  });
});
