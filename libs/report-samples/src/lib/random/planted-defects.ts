import {
  APPLICANT_TYPE_COLUMN_KEYS,
  REVIEW_GROUPS,
  type ApplicantTypeColumnKey,
  type CanonicalReport,
} from '@atlas/report-model';
import type { SeededRandom } from '../seeded-random';

/**
 * One relation of a consistent report broken on purpose, the way clerks get it wrong: the cells
 * changed are chosen so that exactly that rule fails (on the changed column or row and on the
 * 总计 that follows it), and no other — runTableChecks on the result lists the expected findings.
 */
export const DEFECT_RULES = ['T3.BALANCE', 'T3.OUTCOMES', 'T3.ROWSUM', 'T4.TOTAL'] as const;

export type DefectRule = (typeof DEFECT_RULES)[number];

/** A column that has numbers, if any (a change there looks like a miscount, not a stray digit). */
function busyColumn(report: CanonicalReport, random: SeededRandom): ApplicantTypeColumnKey {
  const used = APPLICANT_TYPE_COLUMN_KEYS.filter(
    (column) => report.applications.totalHandled[column] > 0,
  );
  return used.length > 0 ? random.pick(used) : 'naturalPerson';
}

/** Changes the report so that it breaks `rule`; returns a short description of the change. */
export function plantDefect(
  report: CanonicalReport,
  rule: DefectRule,
  random: SeededRandom,
): string {
  const a = report.applications;
  const delta = random.int(1, 3);
  switch (rule) {
    case 'T3.BALANCE': {
      // 结转下年度 miscounted in one column, and its 总计 summed from that column.
      const column = busyColumn(report, random);
      a.carriedForward[column] += delta;
      a.carriedForward.total += delta;
      return `结转下年度 ${column} +${delta}`;
    }
    case 'T3.OUTCOMES': {
      // 办理总计 and 新收 both off by the same amount: the balance still holds.
      const column = busyColumn(report, random);
      for (const row of ['totalHandled', 'newReceived'] as const) {
        a[row][column] += delta;
        a[row].total += delta;
      }
      return `办理总计 and 新收 ${column} +${delta}`;
    }
    case 'T3.ROWSUM': {
      // 总计 of 新收 and 上年结转 mixed up: their sum (and so the balance) is unchanged.
      const moved = Math.min(delta, a.newReceived.total);
      const shift = moved > 0 ? moved : -delta;
      a.newReceived.total -= shift;
      a.carriedOver.total += shift;
      return `总计 ${shift} moved from 新收 to 上年结转`;
    }
    case 'T4.TOTAL': {
      const groups = REVIEW_GROUPS.map((group) => report.reviewLitigation[group.key]);
      const busy = groups.filter((group) => group.total > 0);
      if (busy.length > 0) {
        // The total left at 0 (hongze-2023) or one off.
        const group = random.pick(busy);
        group.total = random.chance(0.5) ? 0 : group.total + delta;
        return 'table 4 total';
      }
      // Results filled in, the total cell left at 0.
      const review = report.reviewLitigation.review;
      review.upheld = delta;
      return 'table 4 total left 0';
    }
  }
}
