import { setCell } from '../cells';
import { emptyReport, type Report2021 } from '../report';
import { checkTable3Balance, checkTable3Outcomes, checkTable3RowSums } from './table3';

/** 21 applications from natural persons, all granted: every table-3 rule holds. */
function consistentReport(): Report2021 {
  const report = emptyReport('2021');
  const { applications } = report;
  Object.assign(applications.newReceived, { naturalPerson: 21, total: 21 });
  Object.assign(applications.granted, { naturalPerson: 20, total: 20 });
  Object.assign(applications['unavailable.notHeld'], { naturalPerson: 1, total: 1 });
  Object.assign(applications.totalHandled, { naturalPerson: 21, total: 21 });
  return report;
}

describe('T3.BALANCE', () => {
  it('holds when new + carried over = handled + carried forward in every column', () => {
    const report = consistentReport();
    Object.assign(report.applications.carriedOver, { commercial: 2, total: 2 });
    Object.assign(report.applications.carriedForward, { commercial: 2, total: 2 });
    expect(checkTable3Balance(report)).toEqual([]);
  });

  it('names the four cells of each column that does not balance', () => {
    const report = consistentReport();
    Object.assign(report.applications.totalHandled, { naturalPerson: 20, total: 20 });
    expect(checkTable3Balance(report)).toEqual([
      {
        rule: 'T3.BALANCE',
        severity: 'error',
        cells: [
          'applications.newReceived.naturalPerson',
          'applications.carriedOver.naturalPerson',
          'applications.totalHandled.naturalPerson',
          'applications.carriedForward.naturalPerson',
        ],
        message: '表三 自然人列：新收 21 + 上年结转 0 ≠ 办理总计 20 + 结转下年度 0',
      },
      {
        rule: 'T3.BALANCE',
        severity: 'error',
        cells: [
          'applications.newReceived.total',
          'applications.carriedOver.total',
          'applications.totalHandled.total',
          'applications.carriedForward.total',
        ],
        message: '表三 总计列：新收 21 + 上年结转 0 ≠ 办理总计 20 + 结转下年度 0',
      },
    ]);
  });
});

describe('T3.OUTCOMES', () => {
  it('holds when the outcomes add up to the total handled', () => {
    expect(checkTable3Outcomes(consistentReport())).toEqual([]);
  });

  it('names the total and every outcome cell of the column, and shows the non-zero outcomes', () => {
    const report = consistentReport();
    setCell(report, 'applications.otherHandling.other.otherOrg', 1);
    const findings = checkTable3Outcomes(report);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.rule).toBe('T3.OUTCOMES');
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      '表三 其他法人或其他组织列：办理总计 0 ≠ 各项办理结果之和 1（其他处理·其他 1）',
    );
    expect(finding.cells).toHaveLength(1 + 21);
    expect(finding.cells[0]).toBe('applications.totalHandled.otherOrg');
    expect(finding.cells).toContain('applications.denied.stateSecret.otherOrg');
    expect(finding.cells.at(-1)).toBe('applications.otherHandling.other.otherOrg');
  });

  it('sums the single （六） row of a report that prints it as one row', () => {
    const report = emptyReport('2021', 'singleOtherHandling');
    setCell(report, 'applications.otherHandling.naturalPerson', 3);
    setCell(report, 'applications.otherHandling.total', 3);
    Object.assign(report.applications.granted, { naturalPerson: 1, total: 1 });
    Object.assign(report.applications.totalHandled, { naturalPerson: 3, total: 3 });
    const findings = checkTable3Outcomes(report);
    expect(findings.map((finding) => finding.message)).toEqual([
      '表三 自然人列：办理总计 3 ≠ 各项办理结果之和 4（予以公开 1 + 其他处理 3）',
      '表三 总计列：办理总计 3 ≠ 各项办理结果之和 4（予以公开 1 + 其他处理 3）',
    ]);
    expect(findings[0].cells).toHaveLength(1 + 19);
    expect(findings[0].cells).toContain('applications.otherHandling.naturalPerson');
  });

  it('says so when every outcome is 0', () => {
    const report = emptyReport('2021');
    report.applications.totalHandled.naturalPerson = 2;
    expect(checkTable3Outcomes(report)[0].message).toBe(
      '表三 自然人列：办理总计 2 ≠ 各项办理结果之和 0',
    );
  });
});

describe('T3.ROWSUM', () => {
  it('holds when every row total is the sum of its six applicant columns', () => {
    expect(checkTable3RowSums(consistentReport())).toEqual([]);
  });

  it('names the seven cells of a row whose total is wrong', () => {
    const report = consistentReport();
    Object.assign(report.applications['denied.stateSecret'], {
      naturalPerson: 27,
      otherOrg: 1,
      total: 30,
    });
    expect(checkTable3RowSums(report)).toEqual([
      {
        rule: 'T3.ROWSUM',
        severity: 'error',
        cells: [
          'applications.denied.stateSecret.naturalPerson',
          'applications.denied.stateSecret.commercial',
          'applications.denied.stateSecret.research',
          'applications.denied.stateSecret.nonprofit',
          'applications.denied.stateSecret.legalService',
          'applications.denied.stateSecret.otherOrg',
          'applications.denied.stateSecret.total',
        ],
        message:
          '表三 不予公开·属于国家秘密行：自然人 27 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他法人或其他组织 1 = 28 ≠ 总计 30',
      },
    ]);
  });
});
