import { attachmentDisposition } from './attachment';

describe('attachmentDisposition', () => {
  it('names downloads with an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(attachmentDisposition('2023年报告 (终稿).pdf')).toBe(
      `attachment; filename="2023___ (__).pdf"; filename*=UTF-8''2023%E5%B9%B4%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
    expect(attachmentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });

  it('takes a readable ASCII name for old clients when there is one', () => {
    expect(attachmentDisposition('总览 2025年.xlsx', 'overview-2025.xlsx')).toBe(
      `attachment; filename="overview-2025.xlsx"; filename*=UTF-8''${encodeURIComponent('总览 2025年.xlsx')}`,
    );
  });
});
