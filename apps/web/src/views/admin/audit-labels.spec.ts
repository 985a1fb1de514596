import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetailsText } from './audit-labels';

describe('audit log labels', () => {
  it('names known actions in Chinese and shows an unknown one as its code', () => {
    expect(auditActionLabel('report.reopen')).toBe('重新打开');
    expect(auditActionLabel('auth.login_failed')).toBe('登录失败');
    expect(auditActionLabel('report.future_step')).toBe('report.future_step');
  });

  it('writes details as short 名称：值 text, leaving out empty ones', () => {
    expect(auditDetailsText({ version: 2, reason: '表四有误', empty: null, scope: ['a'] })).toBe('版本：2；原因：表四有误；scope：["a"]');
  });
});
