import type { MappedValue } from '../judging/check-result.js';
import { escapeMarkdownText, formatCodeSpan } from './markdown-safe.js';

/** A written value is cut to this many characters in a table (a Text field may hold 30,000 bytes). */
const VALUE_MAX = 100;
const FIELD_MAX = 100;

/**
 * The values a check's mappings would write, for a Markdown table cell: `leadScore: `87`<br>tier: `"gold"``,
 * fields in name order, each value as JSON in a code span (so a string reads as a string and stays inert).
 * The report is redacted before it gets here. Empty when nothing would be written.
 */
export function formatMappedValues(mapped: Readonly<Record<string, MappedValue>>): string {
  return Object.keys(mapped)
    .sort()
    .map(
      (field) =>
        `${escapeMarkdownText(field, FIELD_MAX)}: ${formatCodeSpan(JSON.stringify(mapped[field] ?? null), VALUE_MAX)}`,
    )
    .join('<br>');
}
