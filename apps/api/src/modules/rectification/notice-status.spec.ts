import { noticeResolved, noticeStatus, recheckedItemStatus } from './notice-status';

describe('notice status', () => {
  it('is overdue only after the due date, and closed whatever the date', () => {
    expect(noticeStatus('open', '2025-06-30', '2025-06-30')).toBe('open');
    expect(noticeStatus('open', '2025-06-30', '2025-07-01')).toBe('overdue');
    expect(noticeStatus('closed', '2025-06-30', '2025-07-01')).toBe('closed');
  });

  it('re-checks an item against the counted version and the accepted explanations', () => {
    expect(recheckedItemStatus(false, false)).toBe('fixed');
    expect(recheckedItemStatus(false, true)).toBe('fixed');
    expect(recheckedItemStatus(true, true)).toBe('explained');
    expect(recheckedItemStatus(true, false)).toBe('open');
  });

  it('closes a notice when no item is open', () => {
    expect(noticeResolved([{ status: 'fixed' }, { status: 'explained' }])).toBe(true);
    expect(noticeResolved([{ status: 'fixed' }, { status: 'open' }])).toBe(false);
    expect(noticeResolved([])).toBe(false);
  });
});
