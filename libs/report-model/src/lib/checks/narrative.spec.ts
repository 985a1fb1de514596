import { emptyReport, type Report2021 } from '../report';
import {
  checkNarrativeApplications,
  checkNarrativeLitigation,
  checkNarrativeReview,
} from './narrative';

/** 74 new applications and 1 carried over; 3 reviews; 26 + 20 lawsuits. */
function reportWithTables(): Report2021 {
  const report = emptyReport('2021');
  report.applications.newReceived.total = 74;
  report.applications.carriedOver.total = 1;
  report.reviewLitigation.review.total = 3;
  report.reviewLitigation.litigationDirect.total = 26;
  report.reviewLitigation.litigationAfterReview.total = 20;
  return report;
}

describe('N.APPLICATIONS', () => {
  it('is silent when the text states no count', () => {
    expect(checkNarrativeApplications(reportWithTables())).toEqual([]);
  });

  it.each([74, 75])('accepts %p: new applications, or new + carried over', (stated) => {
    const report = reportWithTables();
    report.narrative.metrics.applicationsReceived = stated;
    expect(checkNarrativeApplications(report)).toEqual([]);
  });

  it('warns when the text matches neither', () => {
    const report = reportWithTables();
    report.narrative.metrics.applicationsReceived = 17;
    expect(checkNarrativeApplications(report)).toEqual([
      {
        rule: 'N.APPLICATIONS',
        severity: 'warning',
        cells: [
          'narrative.metrics.applicationsReceived',
          'applications.newReceived.total',
          'applications.carriedOver.total',
        ],
        message: '正文所述收到申请数 17 ≠ 表三 新收 74，也 ≠ 新收 74 + 上年结转 1 = 75',
      },
    ]);
  });
});

describe('N.REVIEW', () => {
  it('is silent when the text states no count (absent or null)', () => {
    const report = reportWithTables();
    expect(checkNarrativeReview(report)).toEqual([]);
    delete report.narrative.metrics.reviewCount;
    expect(checkNarrativeReview(report)).toEqual([]);
  });

  it('accepts the table-4 review total', () => {
    const report = reportWithTables();
    report.narrative.metrics.reviewCount = 3;
    expect(checkNarrativeReview(report)).toEqual([]);
  });

  it('warns when the text says otherwise', () => {
    const report = reportWithTables();
    report.narrative.metrics.reviewCount = 4;
    expect(checkNarrativeReview(report)).toEqual([
      {
        rule: 'N.REVIEW',
        severity: 'warning',
        cells: ['narrative.metrics.reviewCount', 'reviewLitigation.review.total'],
        message: '正文所述行政复议数 4 ≠ 表四 行政复议总计 3',
      },
    ]);
  });
});

describe('N.LITIGATION', () => {
  it('accepts the sum of both litigation totals (huaian-2024: 46 = 26 + 20)', () => {
    const report = reportWithTables();
    report.narrative.metrics.litigationCount = 46;
    expect(checkNarrativeLitigation(report)).toEqual([]);
  });

  it('warns when the text counts only one kind of lawsuit', () => {
    const report = reportWithTables();
    report.narrative.metrics.litigationCount = 26;
    expect(checkNarrativeLitigation(report)).toEqual([
      {
        rule: 'N.LITIGATION',
        severity: 'warning',
        cells: [
          'narrative.metrics.litigationCount',
          'reviewLitigation.litigationDirect.total',
          'reviewLitigation.litigationAfterReview.total',
        ],
        message:
          '正文所述行政诉讼数 26 ≠ 表四 行政诉讼（未经复议直接起诉）总计 26 + 行政诉讼（复议后起诉）总计 20 = 46',
      },
    ]);
  });
});
