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

/** The six parts of a report (一 … 六), in the order the format prescribes. */
export const REPORT_PARTS = [
  { key: 'overview', label: '一、总体情况', labelEn: 'I. Overview' },
  { key: 'proactive', label: '二、主动公开政府信息情况', labelEn: 'II. Proactive disclosure' },
  {
    key: 'applications',
    label: '三、收到和处理政府信息公开申请情况',
    labelEn: 'III. Applications received and handled',
  },
  {
    key: 'reviewLitigation',
    label: '四、政府信息公开行政复议、行政诉讼情况',
    labelEn: 'IV. Administrative review and litigation',
  },
  {
    key: 'problems',
    label: '五、存在的主要问题及改进情况',
    labelEn: 'V. Problems and improvements',
  },
  { key: 'other', label: '六、其他需要报告的事项', labelEn: 'VI. Other matters' },
] as const satisfies readonly KeyLabel[];

export type ReportPartKey = (typeof REPORT_PARTS)[number]['key'];

export const REPORT_PART = indexByKey(REPORT_PARTS);
export const isReportPartKey = keyGuard(REPORT_PARTS);

/** "统计期限自2023年1月1日起至2023年12月31日止" → { start: '2023-01-01', end: '2023-12-31' }. */
export interface StatedPeriod {
  /** YYYY-MM-DD. */
  start: string;
  /** YYYY-MM-DD (the year of the start when the text leaves it out). */
  end: string;
  /** The words as printed. */
  text: string;
}

export interface Narrative {
  /** Text of part 一 总体情况 ('' when the part is missing). */
  overview: string;
  /** Text of part 五 存在的主要问题及改进情况. */
  problems: string;
  /** Text of part 六 其他需要报告的事项. */
  other: string;
  metrics: NarrativeMetrics;
  /**
   * The parts whose headings the document prints, in the order it prints them (the first
   * heading of each part). Absent when the reading does not know it (reports entered as data).
   */
  partsFound?: ReportPartKey[];
  /** The reporting period (统计期限) the text states; null when it states none, absent if unknown. */
  period?: StatedPeriod | null;
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
