import { TableModelBuilder, type TableModel } from './table-model';

/**
 * Tables 2, 3 and 4 of the 2021 format (国办公开办函〔2021〕30号) laid out and merged as in the
 * official template, filled with given values, for building HTML/DOCX/XLSX fixtures.
 */

/** Keys of the 25 table-3 rows in order (as in annual-report-format.md). */
export const TABLE3_ROW_KEYS: readonly string[] = [
  'newReceived',
  'carriedOver',
  'granted',
  'partiallyGranted',
  'denied.stateSecret',
  'denied.lawProhibited',
  'denied.securityStability',
  'denied.thirdParty',
  'denied.internalAffairs',
  'denied.processInfo',
  'denied.enforcementFile',
  'denied.queryMatter',
  'unavailable.notHeld',
  'unavailable.needsCreation',
  'unavailable.unclear',
  'notProcessed.complaint',
  'notProcessed.duplicate',
  'notProcessed.publication',
  'notProcessed.massRepeat',
  'notProcessed.confirmation',
  'otherHandling.noCorrection',
  'otherHandling.unpaidFee',
  'otherHandling.other',
  'totalHandled',
  'carriedForward',
];

const SUB_ITEMS: Record<string, { group: string; items: string[] }> = {
  denied: {
    group: '（三）不予公开',
    items: [
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '3.危及“三安全一稳定”',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '7.属于行政执法案卷',
      '8.属于行政查询事项',
    ],
  },
  unavailable: {
    group: '（四）无法提供',
    items: ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'],
  },
  notProcessed: {
    group: '（五）不予处理',
    items: [
      '1.信访举报投诉类申请',
      '2.重复申请',
      '3.要求提供公开出版物',
      '4.无正当理由大量反复申请',
      '5.要求行政机关确认或重新出具已获取信息',
    ],
  },
  otherHandling: {
    group: '（六）其他处理',
    items: [
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '3.其他',
    ],
  },
};

/** Values of one table-3 row: the 7 columns 自然人 … 总计, as printed. */
export type Table3Values = Record<string, readonly (string | number)[]>;

export function table3Model(values: Table3Values): TableModel {
  const builder = new TableModelBuilder(10);
  const valuesOf = (key: string): void => {
    const row = values[key] ?? [];
    for (let c = 0; c < 7; c++) builder.cell(row[c] ?? '');
  };
  builder
    .nextRow()
    .cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3)
    .cell('申请人情况', 1, 7);
  builder.nextRow().cell('自然人', 2).cell('法人或其他组织', 1, 5).cell('总计', 2);
  builder.nextRow();
  for (const label of ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'])
    builder.cell(label);

  builder.nextRow().cell('一、本年新收政府信息公开申请数量', 1, 3);
  valuesOf('newReceived');
  builder.nextRow().cell('二、上年结转政府信息公开申请数量', 1, 3);
  valuesOf('carriedOver');
  builder.nextRow().cell('三、本年度办理结果', 22).cell('（一）予以公开', 1, 2);
  valuesOf('granted');
  builder.nextRow().cell('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, 2);
  valuesOf('partiallyGranted');
  for (const [prefix, { group, items }] of Object.entries(SUB_ITEMS)) {
    const keys = TABLE3_ROW_KEYS.filter((key) => key.startsWith(`${prefix}.`));
    items.forEach((item, i) => {
      builder.nextRow();
      if (i === 0) builder.cell(group, items.length);
      builder.cell(item);
      valuesOf(keys[i]);
    });
  }
  builder.nextRow().cell('（七）总计', 1, 2);
  valuesOf('totalHandled');
  builder.nextRow().cell('四、结转下年度继续办理', 1, 3);
  valuesOf('carriedForward');
  return builder.build();
}

/** Table 2 (2021): issued/repealed/inForce for 规章 and 行政规范性文件, then single numbers. */
export function table2Model(values: {
  regulations: readonly (string | number)[];
  normativeDocuments: readonly (string | number)[];
  licensing: string | number;
  penalty: string | number;
  coercion: string | number;
  fees: string | number;
}): TableModel {
  const builder = new TableModelBuilder(4);
  builder.nextRow().cell('第二十条第（一）项', 1, 4);
  builder.nextRow().cell('信息内容').cell('本年制发件数').cell('本年废止件数').cell('现行有效件数');
  builder.nextRow().cell('规章');
  for (const value of values.regulations) builder.cell(value);
  builder.nextRow().cell('行政规范性文件');
  for (const value of values.normativeDocuments) builder.cell(value);
  const single = (heading: string, column: string, rows: [string, string | number][]): void => {
    builder.nextRow().cell(heading, 1, 4);
    builder.nextRow().cell('信息内容').cell(column, 1, 3);
    for (const [label, value] of rows) builder.nextRow().cell(label).cell(value, 1, 3);
  };
  single('第二十条第（五）项', '本年处理决定数量', [['行政许可', values.licensing]]);
  single('第二十条第（六）项', '本年处理决定数量', [
    ['行政处罚', values.penalty],
    ['行政强制', values.coercion],
  ]);
  single('第二十条第（八）项', '本年收费金额（单位：万元）', [['行政事业性收费', values.fees]]);
  return builder.build();
}

/** Table 4: 15 values, 行政复议 then the two 行政诉讼 groups, 5 columns each. */
export function table4Model(values: readonly (string | number)[]): TableModel {
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const builder = new TableModelBuilder(15);
  builder.nextRow().cell('行政复议', 1, 5).cell('行政诉讼', 1, 10);
  builder.nextRow();
  for (const label of results) builder.cell(label, 2);
  builder.cell('未经复议直接起诉', 1, 5).cell('复议后起诉', 1, 5);
  builder.nextRow();
  for (let group = 0; group < 2; group++) for (const label of results) builder.cell(label);
  builder.nextRow();
  for (let c = 0; c < 15; c++) builder.cell(values[c] ?? '');
  return builder.build();
}
