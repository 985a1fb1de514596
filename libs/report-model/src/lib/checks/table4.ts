import { reviewLitigationCell } from '../cells';
import { REPORT_TABLE } from '../report';
import {
  REVIEW_COLUMN,
  REVIEW_GROUPS,
  REVIEW_RESULT_COLUMN_KEYS,
  type ReviewLitigationTable,
} from '../review-litigation';
import { createFinding, type Finding } from '../rules';
import { formatNumber, formatSum, formatTerm, sameNumber, sum } from './arithmetic';

const TABLE = REPORT_TABLE.reviewLitigation.shortLabel;

/** T4.TOTAL — per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export function checkTable4Totals({
  reviewLitigation,
}: {
  readonly reviewLitigation: ReviewLitigationTable;
}): Finding[] {
  return REVIEW_GROUPS.flatMap((group): Finding[] => {
    const cells = reviewLitigation[group.key];
    const results = REVIEW_RESULT_COLUMN_KEYS.map((column) => ({
      label: REVIEW_COLUMN[column].label,
      value: cells[column],
    }));
    const resultSum = sum(results.map((t) => t.value));
    if (sameNumber(resultSum, cells.total)) return [];
    const total = { label: REVIEW_COLUMN.total.label, value: cells.total };
    return [
      createFinding(
        'T4.TOTAL',
        [...REVIEW_RESULT_COLUMN_KEYS, 'total' as const].map((column) =>
          reviewLitigationCell(group.key, column),
        ),
        `${TABLE} ${group.shortLabel}：${formatSum(results)} = ${formatNumber(resultSum)} ≠ ${formatTerm(total)}`,
      ),
    ];
  });
}
