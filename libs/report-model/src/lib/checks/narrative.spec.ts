import { emptyReport, type Report2021 } from '../report';
import {
  checkNarrativeApplications,
  checkNarrativeCompletion,
  checkNarrativeFee,
  checkNarrativeLitigation,
  checkNarrativePassRates,
  checkNarrativePublished,
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

describe('N.COMPLETION', () => {
  /** 74 new + 1 carried over; 70 handled, 5 carried forward: 93.3 % handled. */
  function handledReport(): Report2021 {
    const report = reportWithTables();
    report.applications.totalHandled.total = 70;
    report.applications.carriedForward.total = 5;
    return report;
  }

  it('is silent when the text states no rate', () => {
    expect(checkNarrativeCompletion(handledReport())).toEqual([]);
  });

  it.each([100, 93, 92.5])(
    'accepts %p %%: between the share handled (rounded) and 100 %%',
    (rate) => {
      const report = handledReport();
      report.narrative.metrics.completionRate = rate;
      expect(checkNarrativeCompletion(report)).toEqual([]);
    },
  );

  it('warns when the rate is below the share the table shows handled', () => {
    const report = handledReport();
    report.applications.totalHandled.total = 75;
    report.narrative.metrics.completionRate = 90;
    expect(checkNarrativeCompletion(report)).toEqual([
      {
        rule: 'N.COMPLETION',
        severity: 'warning',
        cells: [
          'narrative.metrics.completionRate',
          'applications.totalHandled.total',
          'applications.newReceived.total',
          'applications.carriedOver.total',
        ],
        message: '办结率 90% 低于表三 办理总计 75 ÷ (新收 74 + 上年结转 1) = 100%',
      },
    ]);
  });

  it('warns when the rate is above 100 %', () => {
    const report = handledReport();
    report.narrative.metrics.completionRate = 120;
    expect(checkNarrativeCompletion(report)[0]?.message).toBe('办结率 120% 超过 100%');
  });
});

describe('N.PUBLISHED', () => {
  function issuing(documents: number): Report2021 {
    const report = reportWithTables();
    report.proactive.normativeDocuments.issued = documents;
    report.proactive.regulations.issued = 2;
    return report;
  }

  it('is silent when the text states no published items', () => {
    expect(checkNarrativePublished(issuing(300))).toEqual([]);
  });

  it('accepts when the largest channel publishes at least the documents issued', () => {
    const report = issuing(30);
    report.narrative.metrics.publishedItems = [
      { channel: '政务微博', count: 10, approximate: false },
      { channel: '政府网站', count: 160, approximate: true },
    ];
    expect(checkNarrativePublished(report)).toEqual([]);
  });

  it('warns when fewer items were published than documents issued', () => {
    const report = issuing(300);
    report.narrative.metrics.publishedItems = [
      { channel: '政府网站', count: 160, approximate: true },
    ];
    expect(checkNarrativePublished(report)).toEqual([
      {
        rule: 'N.PUBLISHED',
        severity: 'warning',
        cells: ['proactive.regulations.issued', 'proactive.normativeDocuments.issued'],
        parts: ['overview'],
        message:
          '正文所述通过政府网站发布 160 余 条 < 表二 规章本年制发件数 2 + 行政规范性文件本年制发件数 300 = 302',
      },
    ]);
  });
});

describe('N.PASS_RATE', () => {
  it('accepts rates from 0 to 100 %', () => {
    const report = reportWithTables();
    report.narrative.metrics.inspectionPassRates = [
      { subject: '检查通报', rate: 100 },
      { subject: '季度抽查', rate: 0 },
    ];
    expect(checkNarrativePassRates(report)).toEqual([]);
  });

  it('warns about a rate above 100 %', () => {
    const report = reportWithTables();
    report.narrative.metrics.inspectionPassRates = [{ subject: '政务新媒体检查', rate: 150 }];
    expect(checkNarrativePassRates(report)).toEqual([
      {
        rule: 'N.PASS_RATE',
        severity: 'warning',
        cells: [],
        parts: ['overview'],
        message: '正文所述合格率不可能：政务新媒体检查合格率 150%（应在 0 至 100% 之间）',
      },
    ]);
  });
});

describe('N.FEE', () => {
  function withUnpaidFee(unpaid: number): Report2021 {
    const report = reportWithTables();
    const row = report.applications['otherHandling.unpaidFee'];
    if (row === undefined) throw new Error('the 2021 layout itemizes （六）');
    row.total = unpaid;
    return report;
  }

  it('is silent when no fee notice went unpaid and no fee is stated', () => {
    expect(checkNarrativeFee(withUnpaidFee(0))).toEqual([]);
  });

  it('accepts a stated fee when fee notices went unpaid', () => {
    const report = withUnpaidFee(2);
    report.narrative.metrics.processingFeeYuan = 300;
    report.proactive.fees.amountWanYuan = 0.5;
    expect(checkNarrativeFee(report)).toEqual([]);
  });

  it('does not judge a part 六 whose text is not known', () => {
    expect(checkNarrativeFee(withUnpaidFee(2))).toEqual([]);
  });

  it('warns when fee notices went unpaid but part 六 says nothing of fees', () => {
    const report = withUnpaidFee(2);
    report.narrative.other = '本单位无其他需要报告的事项。';
    expect(checkNarrativeFee(report)).toEqual([
      {
        rule: 'N.FEE',
        severity: 'warning',
        cells: ['applications.otherHandling.unpaidFee.total'],
        parts: ['other'],
        message:
          '表三（六）2 逾期未缴纳费用 2 件，说明发出过收费通知，但正文未说明信息处理费收取情况',
      },
    ]);
  });

  it('accepts 未收取 although fee notices went unpaid (nothing was paid)', () => {
    const report = withUnpaidFee(1);
    report.narrative.metrics.processingFeeYuan = 0;
    expect(checkNarrativeFee(report)).toEqual([]);
  });

  it('warns when the stated fee exceeds the fees of table 2', () => {
    const report = withUnpaidFee(0);
    report.narrative.metrics.processingFeeYuan = 3940;
    report.proactive.fees.amountWanYuan = 0.2;
    expect(checkNarrativeFee(report)).toEqual([
      {
        rule: 'N.FEE',
        severity: 'warning',
        cells: ['narrative.metrics.processingFeeYuan', 'proactive.fees.amountWanYuan'],
        parts: ['other'],
        message: '正文所述信息处理费 3940 元 > 表二 行政事业性收费金额 0.2 万元',
      },
    ]);
  });
});
