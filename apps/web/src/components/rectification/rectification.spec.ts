import { describe, expect, it } from 'vitest';
import type { RectificationNotice } from '../../api/rectification';
import { i18n } from '../../locales';
import {
  byRegion,
  countByStatus,
  isoDate,
  isPastDate,
  pendingNotices,
  regionLabel,
  reportOf,
} from './rectification';

const notice = (overrides: Partial<RectificationNotice>): RectificationNotice => ({
  id: 'n',
  agencyId: 'a',
  agencyName: '青山县自然资源局',
  regionNames: ['示范省', '示范市', '青山县'],
  year: 2024,
  requirement: null,
  dueDate: '2025-06-30',
  status: 'open',
  sentByName: '县政务公开办',
  sentAt: '2025-05-01T02:00:00.000Z',
  closedAt: null,
  itemCount: 1,
  openItemCount: 1,
  items: [],
  ...overrides,
});

describe('rectification helpers', () => {
  it('leaves closed notices out of the to-do, overdue ones first, then by due date', () => {
    const list = [
      notice({ id: 'late', status: 'overdue', dueDate: '2025-03-01' }),
      notice({ id: 'done', status: 'closed' }),
      notice({ id: 'later', dueDate: '2025-08-01' }),
      notice({ id: 'soon', dueDate: '2025-06-01' }),
    ];
    expect(pendingNotices(list).map((n) => n.id)).toEqual(['late', 'soon', 'later']);
    expect(countByStatus(list)).toEqual({ open: 2, overdue: 1, closed: 1 });
  });

  it('orders the ledger by region and agency, and names the region', () => {
    const list = [
      notice({ id: 'b', regionNames: ['示范省', '乙市'], agencyName: '乙局' }),
      notice({
        id: 'a2',
        regionNames: ['示范省', '甲市'],
        agencyName: '甲局',
        sentAt: '2025-01-01',
      }),
      notice({
        id: 'a1',
        regionNames: ['示范省', '甲市'],
        agencyName: '甲局',
        sentAt: '2025-02-01',
      }),
    ];
    const ordered = byRegion(list).map((n) => n.id);
    expect(ordered.indexOf('a1')).toBeLessThan(ordered.indexOf('a2'));
    expect(new Set(ordered)).toEqual(new Set(['a1', 'a2', 'b']));
    expect(regionLabel(list[0])).toBe('示范省 / 乙市');
    expect(regionLabel(notice({ regionNames: [] }))).toBe('—');
  });

  it('finds the report of a notice through its items', () => {
    expect(reportOf(notice({ items: [] }))).toBeNull();
    expect(
      reportOf(
        notice({
          items: [
            {
              id: 'i',
              reportId: 'r1',
              findingKey: 'N.APPLICATIONS@x',
              rule: 'N.APPLICATIONS',
              severity: 'warning',
              message: '正文申请数与表三不一致',
              status: 'open',
              resolvedAt: null,
            },
          ],
        }),
      ),
    ).toBe('r1');
  });

  it('refuses due dates before today and writes dates as the API takes them', () => {
    const today = new Date(2025, 5, 10, 15, 0);
    expect(isPastDate(new Date(2025, 5, 9), today)).toBe(true);
    expect(isPastDate(new Date(2025, 5, 10, 1), today)).toBe(false);
    expect(isoDate(new Date(2025, 0, 5))).toBe('2025-01-05');
  });

  it('names the notice the agency gets in the bell (kind rectification.sent)', () => {
    // NotificationBell reads notifications.kinds.<kind without "report.">.
    expect(i18n.global.t('notifications.kinds.rectification.sent', {}, { locale: 'zh-CN' })).toBe(
      '整改通知',
    );
    expect(i18n.global.te('notifications.kinds.rectification.sent', 'en')).toBe(true);
  });
});
