import { createFinding, type Finding, type NarrativePartKey } from '@atlas/report-model';
import {
  BoilerplateFilter,
  COPY_THRESHOLD,
  fingerprintOf,
  sharedSentences,
  similarityOf,
} from '@atlas/text-reuse';
import type { ComparedNarrative, NarrativeTexts } from './report-store';

/*
 * N.COPIED (内容雷同, 国办公开办函〔2021〕30号): each narrative part of a report against the same
 * part of the agency's earlier reports and of the same year's reports in its region. Wording
 * many of these reports share (set phrases, the template's sentences) is learned from them and
 * left out first, so that only what two reports alone share counts.
 */

export const COPY_PARTS: readonly { key: NarrativePartKey; label: string }[] = [
  { key: 'overview', label: '第一部分“总体情况”' },
  { key: 'problems', label: '第五部分“存在的主要问题及改进情况”' },
  { key: 'other', label: '第六部分“其他需要报告的事项”' },
];

/** A report the submitted one is compared with, and its agency's name. */
export interface ComparedReport extends ComparedNarrative {
  readonly agencyName: string;
}

/**
 * Reports it takes to tell common wording from copying: with fewer, a set phrase three agencies
 * happen to share looks like a copy, so nothing is judged.
 */
export const MIN_LEARNED_REPORTS = 20;

/**
 * At most one finding per part: the report it stands in most. `learnFrom` are other reports of
 * the year (any region, drafts too, none of `others`) that teach which wording is common.
 */
export function copiedPartFindings(
  report: NarrativeTexts,
  agencyId: string,
  others: readonly ComparedReport[],
  learnFrom: readonly NarrativeTexts[],
): Finding[] {
  const learned = [report, ...others.map((other) => other.narrative), ...learnFrom];
  if (others.length === 0 || learned.length < MIN_LEARNED_REPORTS) return [];
  const boilerplate = learnedBoilerplate(learned);
  return COPY_PARTS.flatMap(({ key, label }): Finding[] => {
    const own = fingerprintOf(report[key], boilerplate);
    let best: {
      other: ComparedReport;
      similarity: number;
      print: ReturnType<typeof fingerprintOf>;
    } | null = null;
    for (const other of others) {
      const print = fingerprintOf(other.narrative[key], boilerplate);
      const similarity = similarityOf(own, print);
      if (similarity >= COPY_THRESHOLD && (!best || similarity > best.similarity))
        best = { other, similarity, print };
    }
    if (!best) return [];
    const { other, similarity, print } = best;
    const whose = other.agencyId === agencyId ? '本单位' : other.agencyName;
    return [
      createFinding(
        'N.COPIED',
        [],
        `${label}与${whose}${other.year}年报告的同一部分雷同：去掉套话、数字和日期后，${Math.round(similarity * 100)}%的文字相同`,
        {
          copiedFrom: {
            reportId: other.reportId,
            agencyId: other.agencyId,
            agencyName: other.agencyName,
            year: other.year,
            version: other.version,
            part: key,
            similarity: Math.round(similarity * 1000) / 1000,
            sharedSentences: sharedSentences(own, print).map((sentence) => sentence.text),
          },
        },
      ),
    ];
  });
}

/** Common wording, learned from the parts of these reports (each report once). */
export function learnedBoilerplate(texts: readonly NarrativeTexts[]): BoilerplateFilter {
  const boilerplate = new BoilerplateFilter();
  for (const text of texts) for (const { key } of COPY_PARTS) boilerplate.learn(text[key]);
  return boilerplate;
}
