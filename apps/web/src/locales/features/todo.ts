// vue-i18n message syntax: `{`, `}`, `@`, `$` and `|` are special; avoid them in plain text.
export const zhCN = {
  due: {
    title: '{year} 年度报告',
    deadline: '报送截止日期：{date}',
    daysLeft: '还剩 {days} 天',
    overdue: '已逾期 {days} 天',
    notUploaded: '尚未上传',
    upload: '上传年报',
    open: '打开报告',
  },
  status: {
    draft: '草稿：核对后请报送',
    submitted: '已报送，等待审核',
    accepted: '已接收',
    returned: '已退回：请按意见修改后重新报送',
  },
  actions: {
    title: '需要处理的报告',
    empty: '没有需要处理的报告',
    open: '处理',
  },
  failed: '待办加载失败：{reason}',
};

export const en: typeof zhCN = {
  due: {
    title: 'Report on {year}',
    deadline: 'Due by {date}',
    daysLeft: '{days} days left',
    overdue: '{days} days overdue',
    notUploaded: 'Not uploaded yet',
    upload: 'Upload the report',
    open: 'Open the report',
  },
  status: {
    draft: 'Draft: check it, then submit',
    submitted: 'Submitted, awaiting review',
    accepted: 'Accepted',
    returned: 'Returned: correct it as asked and submit again',
  },
  actions: {
    title: 'Reports that need you',
    empty: 'Nothing needs you now',
    open: 'Open',
  },
  failed: 'Could not load your to-do: {reason}',
};
