import { emptyReport, type Report2021 } from '@atlas/report-model';
import { coverageFindings, lateFindings, type AgencyBelow } from './report-submission-findings';

const statutory = (dueDate: string) => ({ dueDate, source: 'statutory' as const, agencyId: null });

describe('D.LATE', () => {
  it('is silent on time', () => {
    expect(lateFindings('2024-01-31', statutory('2024-01-31'), 0, 'department')).toEqual([]);
  });

  it("names a department's statutory deadline and the days late", () => {
    expect(lateFindings('2024-02-05', statutory('2024-01-31'), 5, 'department')).toEqual([
      {
        rule: 'D.LATE',
        severity: 'warning',
        cells: [],
        message:
          '报告于 2024-02-05 提交，晚于法定期限（部门及乡镇、街道、开发区：次年1月31日） 2024-01-31，逾期 5 天',
      },
    ]);
  });

  it("names a people's government's deadline, and a region's own rule", () => {
    expect(
      lateFindings('2024-04-02', statutory('2024-03-31'), 2, 'government')[0]?.message,
    ).toContain('人民政府：次年3月31日');
    expect(
      lateFindings(
        '2024-02-20',
        { dueDate: '2024-02-15', source: 'ancestor', agencyId: 'x' },
        5,
        'town',
      )[0]?.message,
    ).toContain('上级地区规定的期限 2024-02-15');
  });
});

describe('H.COVERAGE', () => {
  function withTable3(newReceived: number, handled: number): Report2021 {
    const report = emptyReport('2021');
    report.applications.newReceived.total = newReceived;
    report.applications.totalHandled.total = handled;
    return report;
  }
  const below = (
    name: string,
    kind: AgencyBelow['kind'],
    report: Report2021 | null,
  ): AgencyBelow => ({
    agencyId: `id-${name}`,
    name,
    kind,
    report,
  });

  it('is silent when every department and town has reported (a report of zeros is a report)', () => {
    const agencies = [
      below('教育局', 'department', withTable3(3, 3)),
      below('青山镇', 'town', withTable3(0, 0)),
    ];
    expect(coverageFindings(withTable3(10, 10), agencies, true)).toEqual([]);
  });

  it('names those that have not reported, and lists who has', () => {
    const agencies = [
      below('教育局', 'department', withTable3(3, 3)),
      below('青山镇', 'town', null),
      // Another government below (a county under a city) is not part of this one's coverage.
      below('某县人民政府', 'government', null),
    ];
    expect(coverageFindings(withTable3(10, 10), agencies, false)).toEqual([
      {
        rule: 'H.COVERAGE',
        severity: 'warning',
        cells: [],
        message: '所属 2 个部门和乡镇、街道中，1 个已报送本年度报告，1 个未报送：青山镇',
        coverage: {
          reported: [{ agencyId: 'id-教育局', name: '教育局' }],
          missing: [{ agencyId: 'id-青山镇', name: '青山镇' }],
        },
      },
    ]);
  });

  it("compares table 3 with its departments' sum only where the region rules so", () => {
    const agencies = [
      below('教育局', 'department', withTable3(6, 6)),
      below('财政局', 'department', withTable3(5, 4)),
      below('青山镇', 'town', withTable3(50, 50)),
    ];
    const government = withTable3(10, 10);
    expect(coverageFindings(government, agencies, false)).toEqual([]);
    const findings = coverageFindings(government, agencies, true);
    expect(findings.map((finding) => [finding.cells, finding.message])).toEqual([
      [
        ['applications.newReceived.total'],
        '本级报告表三 新收 10 < 已报送的 2 个部门之和 11（本地区规定本级报告汇总所属部门）',
      ],
    ]);
  });
});
