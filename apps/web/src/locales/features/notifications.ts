// vue-i18n message syntax: `{`, `}`, `@`, `$` and `|` are special; avoid them in plain text.
export const zhCN = {
  title: '通知',
  bell: '通知',
  bellUnread: '通知（{count} 条未读）',
  empty: '暂无通知',
  markAllRead: '全部标为已读',
  unread: '未读',
  failed: '通知加载失败：{reason}',
  kinds: {
    returned: '已退回',
    reopened: '重新打开',
    accepted: '已接收',
    rectification: { sent: '整改通知' },
  },
};

export const en: typeof zhCN = {
  title: 'Notifications',
  bell: 'Notifications',
  bellUnread: 'Notifications ({count} unread)',
  empty: 'No notifications',
  markAllRead: 'Mark all as read',
  unread: 'Unread',
  failed: 'Could not load notifications: {reason}',
  kinds: {
    returned: 'Returned',
    reopened: 'Reopened',
    accepted: 'Accepted',
    rectification: { sent: 'Rectification' },
  },
};
