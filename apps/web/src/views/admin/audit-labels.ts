/** The families of audit actions an admin filters by (the API matches them as prefixes). */
export const AUDIT_FAMILIES = ['auth.', 'report.', 'agency.', 'user.', 'deadline.', 'import.', 'analytics.'] as const;

/** Known actions in Chinese; an unknown one (a newer API) shows its code. */
const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'report.upload': '上传报告',
  'report.correct': '更正数据',
  'report.submit': '报送',
  'report.accept': '接收',
  'report.return': '退回',
  'report.reopen': '重新打开',
  'report.download': '下载原件',
  'agency.create': '新增机构',
  'agency.update': '修改机构',
  'agency.move': '调整上级机构',
  'agency.delete': '删除机构',
  'agency.import': '导入机构',
  'agency.export': '导出机构',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'deadline.set': '设置截止日期',
  'import.create': '批量导入',
  'import.finish': '批量导入完成',
  'analytics.export': '导出统计',
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Detail fields the API records, in Chinese; others keep their name. */
const DETAIL_LABELS: Record<string, string> = {
  version: '版本',
  reason: '原因',
  comment: '意见',
  username: '用户名',
  role: '角色',
  year: '年度',
  dueDate: '截止日期',
  fileName: '文件名',
  code: '编码',
  name: '名称',
  agencyId: '单位',
  cells: '单元格',
  format: '格式',
};

/** The details of an entry as short `名称：值` text (nested values as JSON). */
export function auditDetailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${DETAIL_LABELS[key] ?? key}：${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('；');
}
