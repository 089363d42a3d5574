/**
 * The job summary's per-webhook tables: each webhook's counts and latency percentiles, and the campaign
 * projection (how long a trigger campaign of N leads keeps Marketo's queue busy). Names go through markdown-safe.
 */
import type { CampaignProjection, WebhookProjection } from '../judging/check-result.js';
import { formatLeadCount } from './campaign-projection.js';
import { formatDuration } from './format-duration.js';
import { escapeMarkdownText } from './markdown-safe.js';
import type { Section } from './render-markdown.js';
import { formatCount, formatLink, NAME_MAX } from './render-markdown.js';
import type { WebhookStats } from './webhook-stats.js';

/** One row per webhook: checks, passed, failed, latency p50 / p95 / max. */
export function renderWebhookStatsSection(
  stats: readonly WebhookStats[],
  detailsUrl: string | undefined,
): Section {
  return {
    head: [
      '#### Webhooks',
      '',
      '| Webhook | Checks | Passed | Failed | p50 | p95 | Max |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ],
    items: stats.map((webhook) => {
      const { latency } = webhook;
      const cells = [
        escapeMarkdownText(webhook.webhook, NAME_MAX),
        String(webhook.total),
        String(webhook.passed),
        webhook.failed === 0 ? '0' : `**${webhook.failed}**`,
        latency === undefined ? '—' : formatDuration(latency.p50),
        latency === undefined ? '—' : formatDuration(latency.p95),
        latency === undefined ? '—' : formatDuration(latency.max),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    more: (left) =>
      `…and ${formatCount(left, 'more webhook')} — ${formatLink('see the JSON report', detailsUrl)}`,
  };
}

/**
 * The projection: a sentence saying what is assumed (and that the 20-call figure is reported, not documented),
 * then one row per webhook with the queue time at p50 and p95 and a warning near Marketo's timeout.
 */
export function renderCampaignSection(campaign: CampaignProjection, detailsUrl: string | undefined): Section {
  const leads = formatLeadCount(campaign.leads);
  return {
    head: [
      `#### A trigger campaign of ${leads} leads`,
      '',
      `Marketo calls a webhook once per lead and, as practitioners report (Adobe documents no figure), at most ` +
        `${campaign.concurrentCalls} calls at once per instance; the rest wait in its queue. From this run's ` +
        `latencies, each webhook alone would keep that queue busy for:`,
      '',
      '| Webhook | At p50 | At p95 | Note |',
      '| --- | --- | --- | --- |',
    ],
    items: campaign.webhooks.map((webhook) => renderProjectionRow(webhook, campaign)),
    more: (left) =>
      `…and ${formatCount(left, 'more webhook')} — ${formatLink('see the JSON report', detailsUrl)}`,
  };
}

function renderProjectionRow(webhook: WebhookProjection, campaign: CampaignProjection): string {
  const at = (busy: number | null, latency: number | null, label: string): string =>
    busy === null || latency === null
      ? '—'
      : `about ${formatDuration(busy)} (${label} ${formatDuration(latency)})`;
  const cells = [
    escapeMarkdownText(webhook.webhook, NAME_MAX),
    at(webhook.busyP50Ms, webhook.latencyP50Ms, 'p50'),
    at(webhook.busyP95Ms, webhook.latencyP95Ms, 'p95'),
    describeProjectionNote(webhook, campaign) ?? '',
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * The warning for a webhook near Marketo's timeout, or why there is no projection; undefined when there is
 * nothing to say. Plain text with no untrusted parts: the console prints it as it is.
 */
export function describeProjectionNote(
  webhook: WebhookProjection,
  campaign: CampaignProjection,
): string | undefined {
  if (webhook.latencyP95Ms === null) return 'never called (a batch campaign or a blocked request)';
  if (!webhook.nearTimeout) return undefined;
  const marketo = formatDuration(campaign.timeoutMs);
  // Which timeout: the webhook's own when it is lower (a contract's `timeout`, or the run's), else Marketo's.
  const own = webhook.timeoutMs < campaign.timeoutMs;
  const timeout = own
    ? `this webhook's ${formatDuration(webhook.timeoutMs)} timeout (Marketo's is ${marketo})`
    : `Marketo's ${marketo} timeout`;
  const what =
    webhook.timeouts > 0
      ? `${formatCount(webhook.timeouts, 'call')} timed out at ${timeout}`
      : `p95 ${formatDuration(webhook.latencyP95Ms)} is near ${timeout}`;
  const consequence = own
    ? 'a call given up on may still finish on the service, so a retry writes twice'
    : `Marketo gives up after ${marketo} but the service may still finish the work, so a retry writes twice`;
  return `⚠️ ${what}: ${consequence}`;
}
