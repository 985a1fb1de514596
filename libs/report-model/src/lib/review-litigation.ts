import { indexByKey, keyGuard, type KeyLabel } from './labels';

/**
 * Table 4 (四、政府信息公开行政复议、行政诉讼情况), key `reviewLitigation`: three groups of
 * five columns, printed side by side in one row of 15 numbers. Same in both formats.
 */
export interface ReviewGroupInfo<K extends string = string> extends KeyLabel<K> {
  /** Merged header cells above the label that complete its meaning. */
  readonly headings: readonly string[];
  /** How findings name the group. */
  readonly shortLabel: string;
}

const LITIGATION = '行政诉讼';

export const REVIEW_GROUPS = [
  {
    key: 'review',
    label: '行政复议',
    shortLabel: '行政复议',
    labelEn: 'Administrative review',
    headings: [],
  },
  {
    key: 'litigationDirect',
    label: '未经复议直接起诉',
    shortLabel: '行政诉讼（未经复议直接起诉）',
    labelEn: 'Litigation without prior review',
    headings: [LITIGATION],
  },
  {
    key: 'litigationAfterReview',
    label: '复议后起诉',
    shortLabel: '行政诉讼（复议后起诉）',
    labelEn: 'Litigation after review',
    headings: [LITIGATION],
  },
] as const satisfies readonly ReviewGroupInfo[];

export type ReviewGroupKey = (typeof REVIEW_GROUPS)[number]['key'];

/** The groups that count as 行政诉讼 (rule N.LITIGATION adds their totals). */
export const LITIGATION_GROUP_KEYS = [
  'litigationDirect',
  'litigationAfterReview',
] as const satisfies readonly ReviewGroupKey[];

export const REVIEW_COLUMNS = [
  { key: 'upheld', label: '结果维持', labelEn: 'Upheld' },
  { key: 'corrected', label: '结果纠正', labelEn: 'Corrected' },
  { key: 'other', label: '其他结果', labelEn: 'Other result' },
  { key: 'pending', label: '尚未审结', labelEn: 'Pending' },
  { key: 'total', label: '总计', labelEn: 'Total' },
] as const satisfies readonly KeyLabel[];

export type ReviewColumnKey = (typeof REVIEW_COLUMNS)[number]['key'];

/** The four result columns whose sum is 总计 (rule T4.TOTAL). */
export const REVIEW_RESULT_COLUMN_KEYS = [
  'upheld',
  'corrected',
  'other',
  'pending',
] as const satisfies readonly ReviewColumnKey[];

export type ReviewCells = Record<ReviewColumnKey, number>;
export type ReviewLitigationTable = Record<ReviewGroupKey, ReviewCells>;

export const REVIEW_GROUP = indexByKey(REVIEW_GROUPS);
export const REVIEW_COLUMN = indexByKey(REVIEW_COLUMNS);
export const isReviewGroupKey = keyGuard(REVIEW_GROUPS);
export const isReviewColumnKey = keyGuard(REVIEW_COLUMNS);
