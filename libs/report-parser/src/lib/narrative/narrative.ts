/**
 * The canonical `narrative` of a report: the text of parts 一, 五 and 六 and the metrics stated
 * in parts 一 and 六.
 */
import type { Narrative } from '@atlas/report-model';
import { extractNarrativeMetrics } from './metrics';
import { splitParts, type ReportParts } from './parts';

/** True when no part heading was found at all. */
function noPartFound(parts: ReportParts): boolean {
  return Object.values(parts).every((text) => text === '');
}

/**
 * Narrative of a report given as ordered paragraphs. When no part heading is found at all, the
 * metrics are read from the whole text (texts are '' as the model asks for missing parts).
 */
export function extractNarrative(paragraphs: readonly string[]): Narrative {
  const parts = splitParts(paragraphs);
  const metrics = noPartFound(parts)
    ? extractNarrativeMetrics(paragraphs.join('\n'), '')
    : extractNarrativeMetrics(parts.overview, parts.other);
  return { overview: parts.overview, problems: parts.problems, other: parts.other, metrics };
}
