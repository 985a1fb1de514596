import type { AgencyKind } from '@atlas/api-contract';
import {
  APPLICATION_ROW,
  applicationCell,
  type CanonicalReport,
  createFinding,
  type Finding,
  RULE,
} from '@atlas/report-model';
import type { EffectiveDeadline } from './report-deadline';

/*
 * The rules judged when a report is submitted (scope `submission`): D.LATE, its date against the
 * deadline, and H.COVERAGE, a people's government's report against the agencies below it.
 */

/** Whether a finding is one of the rules made afresh at each submission. */
export function isSubmissionFinding(finding: Finding): boolean {
  return RULE[finding.rule].scope === 'submission';
}

const STATUTORY_WORDING: Record<'government' | 'department', string> = {
  government: '人民政府：次年3月31日',
  department: '部门及乡镇、街道、开发区：次年1月31日',
};

/** What the deadline is, in words: the statutory date for the kind, or the region's own rule. */
function deadlineBasis(deadline: EffectiveDeadline, kind: AgencyKind | null): string {
  if (deadline.source === 'statutory')
    return `法定期限（${STATUTORY_WORDING[kind === 'government' ? 'government' : 'department']}）`;
  if (deadline.source === 'year') return '本年度统一规定的期限';
  return deadline.source === 'agency' ? '为本单位规定的期限' : '上级地区规定的期限';
}

/**
 * D.LATE — submitted after the deadline that applies (the agency's, its region's, the year's, or
 * the statutory date for its kind). What the report says is not read: a report of zeros
 * (no request received) is a report, on time or late like any other.
 */
export function lateFindings(
  submittedOn: string,
  deadline: EffectiveDeadline,
  daysLate: number,
  kind: AgencyKind | null,
): Finding[] {
  if (daysLate <= 0) return [];
  return [
    createFinding(
      'D.LATE',
      [],
      `报告于 ${submittedOn} 提交，晚于${deadlineBasis(deadline, kind)} ${deadline.dueDate}，逾期 ${daysLate} 天`,
    ),
  ];
}

/** The kinds of agency a people's government's report is checked against (its 本级 and towns). */
export const COVERED_KINDS: ReadonlySet<AgencyKind> = new Set([
  'department',
  'town',
  'subdistrict',
  'development_zone',
]);

/** An agency below the government, with its report on the year if it has filed one. */
export interface AgencyBelow {
  readonly agencyId: string;
  readonly name: string;
  readonly kind: AgencyKind;
  /** Its report, when submitted or accepted; null when it has filed none. */
  readonly report: CanonicalReport | null;
}

/** The table-3 totals a government's own report must reach when it reports for its 本级. */
const SUMMED_ROWS = ['newReceived', 'totalHandled'] as const;

/**
 * H.COVERAGE — a people's government's report at submission: which of its departments and towns
 * have filed the year's report (the finding lists them all, those missing named in the message);
 * and, where the region rules that the government reports for its 本级 as a whole
 * (`sumOfDepartments`), whether its table 3 reaches the sum of its departments'.
 */
export function coverageFindings(
  government: CanonicalReport,
  below: readonly AgencyBelow[],
  sumOfDepartments: boolean,
): Finding[] {
  const covered = below.filter((agency) => COVERED_KINDS.has(agency.kind));
  const reported = covered.filter((agency) => agency.report !== null);
  const missing = covered.filter((agency) => agency.report === null);
  const coverage = {
    reported: reported.map(({ agencyId, name }) => ({ agencyId, name })),
    missing: missing.map(({ agencyId, name }) => ({ agencyId, name })),
  };
  const findings: Finding[] = [];
  if (missing.length > 0) {
    findings.push(
      createFinding(
        'H.COVERAGE',
        [],
        `所属 ${covered.length} 个部门和乡镇、街道中，${reported.length} 个已报送本年度报告，${missing.length} 个未报送：${missing.map((agency) => agency.name).join('、')}`,
        { coverage },
      ),
    );
  }
  if (!sumOfDepartments) return findings;
  const departments = reported.filter((agency) => agency.kind === 'department');
  for (const row of SUMMED_ROWS) {
    const own = government.applications[row].total;
    const sum = departments.reduce(
      (total, agency) => total + (agency.report?.applications[row].total ?? 0),
      0,
    );
    if (own >= sum) continue;
    findings.push(
      createFinding(
        'H.COVERAGE',
        [applicationCell(row, 'total')],
        `本级报告表三 ${APPLICATION_ROW[row].shortLabel} ${own} < 已报送的 ${departments.length} 个部门之和 ${sum}（本地区规定本级报告汇总所属部门）`,
        { coverage },
      ),
    );
  }
  return findings;
}
