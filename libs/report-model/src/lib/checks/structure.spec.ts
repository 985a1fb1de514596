import { REPORT_PARTS } from '../narrative';
import { emptyReport, type Report2021 } from '../report';
import { checkReportParts, checkReportPeriod, partName, titleYear } from './structure';

const ALL_PARTS = REPORT_PARTS.map((part) => part.key);

function reportOf(year: number | null, title: string | null): Report2021 {
  const report = emptyReport('2021');
  report.year = year;
  report.title = title;
  return report;
}

describe('S.PARTS', () => {
  it('is silent when the six parts are printed in order', () => {
    const report = emptyReport('2021');
    report.narrative.partsFound = [...ALL_PARTS];
    expect(checkReportParts(report)).toEqual([]);
  });

  it('does not judge a report whose parts the reading does not know (entered as data)', () => {
    expect(checkReportParts(emptyReport('2021'))).toEqual([]);
  });

  it('does not judge a document without any part heading (tables alone, a spreadsheet)', () => {
    const report = emptyReport('2021');
    report.narrative.partsFound = [];
    expect(checkReportParts(report)).toEqual([]);
  });

  it('names the missing part', () => {
    const report = emptyReport('2021');
    report.narrative.partsFound = ALL_PARTS.filter((part) => part !== 'problems');
    expect(checkReportParts(report)).toEqual([
      {
        rule: 'S.PARTS',
        severity: 'warning',
        cells: [],
        parts: ['problems'],
        message: '正文六个部分不全或顺序不对：缺少第五部分“存在的主要问题及改进情况”',
      },
    ]);
  });

  it('names a part printed after a later one', () => {
    const report = emptyReport('2021');
    report.narrative.partsFound = [
      'overview',
      'proactive',
      'applications',
      'problems',
      'reviewLitigation',
      'other',
    ];
    const [finding] = checkReportParts(report);
    expect(finding.parts).toEqual(['reviewLitigation']);
    expect(finding.message).toBe(
      '正文六个部分不全或顺序不对：第四部分“政府信息公开行政复议、行政诉讼情况”排在第五部分“存在的主要问题及改进情况”之后',
    );
  });

  it('names a part by its number and title', () => {
    expect(partName('overview')).toBe('第一部分“总体情况”');
  });
});

describe('S.PERIOD', () => {
  const wholeYear = (year: number) => ({
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    text: `${year}年1月1日至${year}年12月31日`,
  });

  it('reads the year of either form of title', () => {
    expect(titleYear('平潭综合实验区2023年度政府信息公开工作年度报告')).toBe(2023);
    expect(titleYear('某局政府信息公开工作年度报告（2020年）')).toBe(2020);
    expect(titleYear(null)).toBeNull();
  });

  it('is silent when title, period and report year agree', () => {
    const report = reportOf(2023, '某局2023年政府信息公开工作年度报告');
    report.narrative.period = wholeYear(2023);
    expect(checkReportPeriod(report)).toEqual([]);
  });

  it('is silent about what the text does not state', () => {
    expect(checkReportPeriod(reportOf(2023, null))).toEqual([]);
  });

  it('warns when the period is of another year than the title and the filing', () => {
    const report = reportOf(2023, '某局2023年政府信息公开工作年度报告');
    report.narrative.period = wholeYear(2022);
    expect(checkReportPeriod(report)).toEqual([
      {
        rule: 'S.PERIOD',
        severity: 'warning',
        cells: [],
        message: '报告年度与统计期限不一致：统计期限年度 2022 ≠ 报告年度 2023',
      },
    ]);
  });

  it('warns when the title names another year than the one filed for', () => {
    const report = reportOf(2024, '某局2023年政府信息公开工作年度报告');
    expect(checkReportPeriod(report)[0]?.message).toBe(
      '报告年度与统计期限不一致：标题年度 2023 ≠ 报告年度 2024',
    );
  });

  it('warns when the period is not a whole year', () => {
    const report = reportOf(2023, null);
    report.narrative.period = {
      start: '2023-01-01',
      end: '2023-11-30',
      text: '2023年1月1日至2023年11月30日',
    };
    expect(checkReportPeriod(report)[0]?.message).toBe(
      '报告年度与统计期限不一致：统计期限“2023年1月1日至2023年11月30日”不是一个完整年度（1月1日至12月31日）',
    );
  });

  it('compares period and title when the filing year is unknown', () => {
    const report = reportOf(null, '某局2023年政府信息公开工作年度报告');
    report.narrative.period = wholeYear(2022);
    expect(checkReportPeriod(report)[0]?.message).toContain('统计期限年度 2022 ≠ 标题年度 2023');
  });
});
