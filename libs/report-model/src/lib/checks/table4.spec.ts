import { emptyReport } from '../report';
import { checkTable4Totals } from './table4';

describe('T4.TOTAL', () => {
  it('holds when each group total is the sum of its four results', () => {
    const report = emptyReport('2021');
    Object.assign(report.reviewLitigation.review, {
      upheld: 72,
      corrected: 64,
      other: 178,
      pending: 37,
      total: 351,
    });
    expect(checkTable4Totals(report)).toEqual([]);
  });

  it('names the five cells of each group whose total is wrong (hongze-2023 prints totals of 0)', () => {
    const report = emptyReport('2021');
    Object.assign(report.reviewLitigation.review, { upheld: 10, corrected: 1 });
    Object.assign(report.reviewLitigation.litigationAfterReview, { upheld: 5 });
    expect(checkTable4Totals(report)).toEqual([
      {
        rule: 'T4.TOTAL',
        severity: 'error',
        cells: [
          'reviewLitigation.review.upheld',
          'reviewLitigation.review.corrected',
          'reviewLitigation.review.other',
          'reviewLitigation.review.pending',
          'reviewLitigation.review.total',
        ],
        message: '表四 行政复议：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11 ≠ 总计 0',
      },
      {
        rule: 'T4.TOTAL',
        severity: 'error',
        cells: [
          'reviewLitigation.litigationAfterReview.upheld',
          'reviewLitigation.litigationAfterReview.corrected',
          'reviewLitigation.litigationAfterReview.other',
          'reviewLitigation.litigationAfterReview.pending',
          'reviewLitigation.litigationAfterReview.total',
        ],
        message:
          '表四 行政诉讼（复议后起诉）：结果维持 5 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 5 ≠ 总计 0',
      },
    ]);
  });
});
