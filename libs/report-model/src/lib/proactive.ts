import { indexByKey, type KeyLabel } from './labels';

/**
 * Table 2 (二、主动公开政府信息情况), key `proactive`. Its rows and columns differ between the
 * 2021 and the 2019 format, and each row has its own columns, so each row lists its column keys.
 */
export interface ProactiveRowInfo<R extends string, C extends string> extends KeyLabel<R> {
  /** The article of 条例 the row reports on, printed as the row group's heading. */
  readonly clause: string;
  readonly columns: readonly C[];
}

const CLAUSE_1 = '第二十条第（一）项';
const CLAUSE_5 = '第二十条第（五）项';
const CLAUSE_6 = '第二十条第（六）项';
const CLAUSE_8 = '第二十条第（八）项';
const CLAUSE_9 = '第二十条第（九）项';

export const PROACTIVE_COLUMNS_2021 = [
  { key: 'issued', label: '本年制发件数', labelEn: 'Issued this year' },
  { key: 'repealed', label: '本年废止件数', labelEn: 'Repealed this year' },
  { key: 'inForce', label: '现行有效件数', labelEn: 'In force' },
  { key: 'decisions', label: '本年处理决定数量', labelEn: 'Decisions this year' },
  {
    key: 'amountWanYuan',
    label: '本年收费金额（单位：万元）',
    labelEn: 'Fees collected this year (10,000 yuan)',
  },
] as const satisfies readonly KeyLabel[];

export type Proactive2021ColumnKey = (typeof PROACTIVE_COLUMNS_2021)[number]['key'];

export const PROACTIVE_ROWS_2021 = [
  {
    key: 'regulations',
    label: '规章',
    labelEn: 'Regulations',
    clause: CLAUSE_1,
    columns: ['issued', 'repealed', 'inForce'],
  },
  {
    key: 'normativeDocuments',
    label: '行政规范性文件',
    labelEn: 'Normative documents',
    clause: CLAUSE_1,
    columns: ['issued', 'repealed', 'inForce'],
  },
  {
    key: 'licensing',
    label: '行政许可',
    labelEn: 'Administrative licensing',
    clause: CLAUSE_5,
    columns: ['decisions'],
  },
  {
    key: 'penalty',
    label: '行政处罚',
    labelEn: 'Administrative penalties',
    clause: CLAUSE_6,
    columns: ['decisions'],
  },
  {
    key: 'coercion',
    label: '行政强制',
    labelEn: 'Administrative coercion',
    clause: CLAUSE_6,
    columns: ['decisions'],
  },
  {
    key: 'fees',
    label: '行政事业性收费',
    labelEn: 'Administrative fees',
    clause: CLAUSE_8,
    columns: ['amountWanYuan'],
  },
] as const satisfies readonly ProactiveRowInfo<string, Proactive2021ColumnKey>[];

export type Proactive2021RowKey = (typeof PROACTIVE_ROWS_2021)[number]['key'];

export const PROACTIVE_COLUMNS_2019 = [
  { key: 'newlyMade', label: '本年新制作数量', labelEn: 'Newly made this year' },
  { key: 'newlyPublished', label: '本年新公开数量', labelEn: 'Newly published this year' },
  { key: 'totalPublished', label: '对外公开总数量', labelEn: 'Published in total' },
  { key: 'previousYearItems', label: '上一年项目数量', labelEn: 'Items last year' },
  // Printed as "增4" / "减4"; the canonical value is signed ("减4" is -4).
  { key: 'change', label: '本年增/减', labelEn: 'Change this year' },
  { key: 'decisions', label: '处理决定数量', labelEn: 'Decisions' },
  { key: 'projects', label: '采购项目数量', labelEn: 'Procurement projects' },
  // The unit varies between reports; the number is kept as printed.
  { key: 'amount', label: '采购总金额', labelEn: 'Procurement amount' },
] as const satisfies readonly KeyLabel[];

export type Proactive2019ColumnKey = (typeof PROACTIVE_COLUMNS_2019)[number]['key'];

export const PROACTIVE_ROWS_2019 = [
  {
    key: 'regulations',
    label: '规章',
    labelEn: 'Regulations',
    clause: CLAUSE_1,
    columns: ['newlyMade', 'newlyPublished', 'totalPublished'],
  },
  {
    key: 'normativeDocuments',
    label: '规范性文件',
    labelEn: 'Normative documents',
    clause: CLAUSE_1,
    columns: ['newlyMade', 'newlyPublished', 'totalPublished'],
  },
  {
    key: 'licensing',
    label: '行政许可',
    labelEn: 'Administrative licensing',
    clause: CLAUSE_5,
    columns: ['previousYearItems', 'change', 'decisions'],
  },
  {
    key: 'otherServices',
    label: '其他对外管理服务事项',
    labelEn: 'Other public management services',
    clause: CLAUSE_5,
    columns: ['previousYearItems', 'change', 'decisions'],
  },
  {
    key: 'penalty',
    label: '行政处罚',
    labelEn: 'Administrative penalties',
    clause: CLAUSE_6,
    columns: ['previousYearItems', 'change', 'decisions'],
  },
  {
    key: 'coercion',
    label: '行政强制',
    labelEn: 'Administrative coercion',
    clause: CLAUSE_6,
    columns: ['previousYearItems', 'change', 'decisions'],
  },
  {
    key: 'fees',
    label: '行政事业性收费',
    labelEn: 'Administrative fees',
    clause: CLAUSE_8,
    columns: ['previousYearItems', 'change'],
  },
  {
    key: 'procurement',
    label: '政府集中采购',
    labelEn: 'Centralised government procurement',
    clause: CLAUSE_9,
    columns: ['projects', 'amount'],
  },
] as const satisfies readonly ProactiveRowInfo<string, Proactive2019ColumnKey>[];

export type Proactive2019RowKey = (typeof PROACTIVE_ROWS_2019)[number]['key'];

/** Row and column keys of table 2 in either format (cell addresses do not carry the format). */
export type ProactiveRowKey = Proactive2021RowKey | Proactive2019RowKey;
export type ProactiveColumnKey = Proactive2021ColumnKey | Proactive2019ColumnKey;

/** `{ rowKey: { columnKey: number } }` with exactly the columns each row has. */
type ProactiveTableOf<Rows extends readonly { key: string; columns: readonly string[] }[]> = {
  [Row in Rows[number] as Row['key']]: Record<Row['columns'][number], number>;
};

export type ProactiveTable2021 = ProactiveTableOf<typeof PROACTIVE_ROWS_2021>;
export type ProactiveTable2019 = ProactiveTableOf<typeof PROACTIVE_ROWS_2019>;

export const PROACTIVE_ROW_2021 = indexByKey(PROACTIVE_ROWS_2021);
export const PROACTIVE_COLUMN_2021 = indexByKey(PROACTIVE_COLUMNS_2021);
export const PROACTIVE_ROW_2019 = indexByKey(PROACTIVE_ROWS_2019);
export const PROACTIVE_COLUMN_2019 = indexByKey(PROACTIVE_COLUMNS_2019);
