import { KIND_OF_REVIEW_STEP, reviewMessage } from './notification-kinds';

describe('review notices', () => {
  it('names the kind of each reviewer step', () => {
    expect(KIND_OF_REVIEW_STEP).toEqual({
      accept: 'report.accepted',
      return: 'report.returned',
      reopen: 'report.reopened',
    });
  });

  it('carries the reviewer, the year and the comment or reason', () => {
    expect(reviewMessage('return', 2024, '张审核', '表三数据有误')).toBe(
      '张审核 退回了本单位 2024 年度报告，意见：表三数据有误',
    );
    expect(reviewMessage('reopen', 2023, '张审核', '表四需更正')).toContain('原因：表四需更正');
    expect(reviewMessage('accept', 2024, '张审核', null)).toBe('张审核 已接收本单位 2024 年度报告');
  });
});
