import { indexByKey, keyGuard, type KeyLabel } from './labels';

/** "通过政府信息公开专栏发布政务信息 160 余条" → { channel: '政府信息公开专栏', count: 160, approximate: true } */
export interface PublishedItemsCount {
  channel: string;
  count: number;
  /** The text says 余 / 多 / 约 (more than, about). */
  approximate: boolean;
}

/** "检查通报中，合格率均为 100%" → { subject: '检查通报', rate: 100 } (percent). */
export interface InspectionPassRate {
  subject: string;
  rate: number;
}

/**
 * Numbers stated in the text of parts 一 and 六; each is null when the text does not state it.
 *
 * `reviewCount` and `litigationCount` are not in the spec's list of metrics: the spec's rules
 * N.REVIEW and N.LITIGATION compare "counts of 行政复议 / 行政诉讼 stated in the text" with
 * table 4, so the report has to carry them. They are optional so that reports written before
 * they existed still type-check; absent means the same as null.
 */
export interface NarrativeMetrics {
  publishedItems: PublishedItemsCount[] | null;
  /** Applications received in the year, as the text says (共收到政府信息公开申请 2 件). */
  applicationsReceived: number | null;
  /** 办结率, percent. */
  completionRate: number | null;
  inspectionPassRates: InspectionPassRate[] | null;
  /** Fees charged for processing requests, in yuan (未收取信息公开处理费用 → 0). */
  processingFeeYuan: number | null;
  /** 行政复议 cases the text states (compared with table 4 review.total, rule N.REVIEW). */
  reviewCount?: number | null;
  /** 行政诉讼 cases the text states (compared with table 4 litigation totals, rule N.LITIGATION). */
  litigationCount?: number | null;
}

/**
 * The metrics that are a single number; they can be named in a finding's cells as
 * `narrative.metrics.<key>` (see cells.ts).
 */
export const NARRATIVE_NUMBERS = [
  {
    key: 'applicationsReceived',
    label: '正文所述收到申请数',
    labelEn: 'Applications received (text)',
  },
  { key: 'completionRate', label: '办结率', labelEn: 'Completion rate (%)' },
  { key: 'processingFeeYuan', label: '信息公开处理费（元）', labelEn: 'Processing fees (yuan)' },
  { key: 'reviewCount', label: '正文所述行政复议数', labelEn: 'Administrative reviews (text)' },
  { key: 'litigationCount', label: '正文所述行政诉讼数', labelEn: 'Lawsuits (text)' },
] as const satisfies readonly KeyLabel<keyof NarrativeMetrics>[];

export type NarrativeNumberKey = (typeof NARRATIVE_NUMBERS)[number]['key'];

export const NARRATIVE_NUMBER = indexByKey(NARRATIVE_NUMBERS);
export const isNarrativeNumberKey = keyGuard(NARRATIVE_NUMBERS);

export interface Narrative {
  /** Text of part 一 总体情况 ('' when the part is missing). */
  overview: string;
  /** Text of part 五 存在的主要问题及改进情况. */
  problems: string;
  /** Text of part 六 其他需要报告的事项. */
  other: string;
  metrics: NarrativeMetrics;
}

export function emptyNarrativeMetrics(): NarrativeMetrics {
  return {
    publishedItems: null,
    applicationsReceived: null,
    completionRate: null,
    inspectionPassRates: null,
    processingFeeYuan: null,
    reviewCount: null,
    litigationCount: null,
  };
}
