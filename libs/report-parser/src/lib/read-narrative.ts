import type { Narrative } from '@atlas/report-model';
import { extractMetadata, extractNarrative, findStatedPeriod, partOrder } from './narrative';
import { table2HintsFrom } from './table2-hints';

export interface NarrativeReading {
  title: string | null;
  agencyName: string | null;
  year: number | null;
  /** Where the year was read: title and 统计期限 are firm; body and file name are guesses. */
  yearSource: 'title' | 'period' | 'body' | 'fileName' | null;
  narrative: Narrative;
  /** Table-2 values the text states, for splitting digits that ran together. */
  table2Hints: Record<string, number>;
  /** A title or wording of an annual disclosure report was found. */
  looksLikeReport: boolean;
}

const REPORT_WORDING = /政府信息公开.{0,6}(?:年度报告|年报)|政务公开.{0,4}年度报告/;

export function readNarrative(paragraphs: readonly string[], fileName?: string): NarrativeReading {
  const metadata = extractMetadata(paragraphs, fileName);
  // The parts as printed and the stated period only feed rules S.PARTS and S.PERIOD.
  const narrative: Narrative = {
    ...extractNarrative(paragraphs),
    partsFound: partOrder(paragraphs),
    period: findStatedPeriod(paragraphs),
  };
  const wholeText = paragraphs.join('\n');
  return {
    title: metadata.title,
    agencyName: metadata.agencyName,
    year: metadata.year,
    yearSource: metadata.yearSource,
    narrative,
    table2Hints: table2HintsFrom(narrative.overview || wholeText),
    looksLikeReport: metadata.title !== null || REPORT_WORDING.test(wholeText.replace(/\s+/g, '')),
  };
}
