import { Workbook } from 'exceljs';
import type { RectificationNotice } from '@atlas/api-contract';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const NOTICE_STATUS_LABELS: Record<RectificationNotice['status'], string> = {
  open: '整改中',
  overdue: '已逾期',
  closed: '已办结',
};

export const ITEM_STATUS_LABELS: Record<RectificationNotice['items'][number]['status'], string> = {
  open: '待整改',
  fixed: '已改正',
  explained: '已说明',
};

/** 整改台账: one sheet of notices by region, one of their findings. */
export async function rectificationLedger(
  notices: readonly RectificationNotice[],
): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('整改台账');
  sheet.columns = [
    { header: '所属地区', key: 'region', width: 28 },
    { header: '单位', key: 'agency', width: 28 },
    { header: '年度', key: 'year', width: 8 },
    { header: '问题数', key: 'items', width: 8 },
    { header: '未整改', key: 'open', width: 8 },
    { header: '整改期限', key: 'due', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '发出人', key: 'sentBy', width: 14 },
    { header: '发出时间', key: 'sentAt', width: 20 },
    { header: '办结时间', key: 'closedAt', width: 20 },
    { header: '整改要求', key: 'requirement', width: 40 },
  ];
  const ordered = [...notices].sort(
    (a, b) =>
      a.regionNames.join('/').localeCompare(b.regionNames.join('/'), 'zh-CN') ||
      (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'zh-CN') ||
      a.sentAt.localeCompare(b.sentAt),
  );
  for (const notice of ordered) {
    sheet.addRow({
      region: notice.regionNames.join(' / '),
      agency: notice.agencyName ?? notice.agencyId,
      year: notice.year,
      items: notice.itemCount,
      open: notice.openItemCount,
      due: notice.dueDate,
      status: NOTICE_STATUS_LABELS[notice.status],
      sentBy: notice.sentByName,
      sentAt: notice.sentAt.slice(0, 19).replace('T', ' '),
      closedAt: notice.closedAt ? notice.closedAt.slice(0, 19).replace('T', ' ') : '',
      requirement: notice.requirement ?? '',
    });
  }
  const items = workbook.addWorksheet('问题明细');
  items.columns = [
    { header: '单位', key: 'agency', width: 28 },
    { header: '年度', key: 'year', width: 8 },
    { header: '规则', key: 'rule', width: 16 },
    { header: '级别', key: 'severity', width: 8 },
    { header: '问题', key: 'message', width: 60 },
    { header: '状态', key: 'status', width: 10 },
    { header: '整改期限', key: 'due', width: 12 },
  ];
  for (const notice of ordered)
    for (const item of notice.items)
      items.addRow({
        agency: notice.agencyName ?? notice.agencyId,
        year: notice.year,
        rule: item.rule,
        severity: item.severity === 'error' ? '错误' : '警告',
        message: item.message,
        status: ITEM_STATUS_LABELS[item.status],
        due: notice.dueDate,
      });
  for (const worksheet of [sheet, items]) worksheet.getRow(1).font = { bold: true };
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
