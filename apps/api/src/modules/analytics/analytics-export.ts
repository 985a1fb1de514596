import { stringify } from 'csv-stringify/sync';
import { Workbook, type Worksheet } from 'exceljs';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from '@atlas/report-model';
import type * as R from './analytics.types';

/*
 * Exports of the analytics answers: each answer becomes one or more plain tables (CSV: the first
 * one; XLSX: one sheet each), except the roll-up, whose XLSX is drawn in the national template's
 * layout with its merged headers. Pure: answer in, bytes out.
 */

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  /** ASCII, for clients that cannot read `displayName` (overview-2025.xlsx). */
  readonly fileName: string;
  /** What the user sees (总览 2025年.xlsx). */
  readonly displayName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

type Cell = string | number | null;

export interface ExportTable {
  readonly sheet: string;
  readonly header: readonly string[];
  readonly rows: readonly Cell[][];
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const STATUS_LABELS: Record<string, string> = {
  ok: '正常',
  warning: '有提示',
  late: '逾期',
  failing: '有错误',
  missing: '未提交',
  'not-expected': '无需提交',
  submitted: '已报送',
  accepted: '已接收',
  returned: '已退回',
  draft: '草稿',
};

const ITEM_TYPE_LABELS: Record<string, string> = {
  failing: '勾稽错误',
  missing: '未提交',
  late: '逾期发布',
  warning: '有提示',
};

function scopeName(scope: R.ScopeRef): string {
  return scope.agencies.map((agency) => agency.name).join('、') || '全部';
}

function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? '是' : '否';
}

// ── tables of each answer ────────────────────────────────────────────────────────────────────

export function overviewTables(answer: R.OverviewDto): ExportTable[] {
  return [
    {
      sheet: '关键指标',
      header: ['指标', '单位', `${answer.year}年`, `${answer.year - 1}年`, '增减', '增减%'],
      rows: answer.kpis.map((kpi) => [
        kpi.metric.nameZh,
        kpi.metric.unit,
        kpi.value,
        kpi.previous,
        kpi.change?.absolute ?? null,
        kpi.change?.percent ?? null,
      ]),
    },
    {
      sheet: '提交情况',
      header: [
        '应提交',
        '已提交',
        '按时',
        '逾期',
        '未提交',
        '已接收',
        '已退回',
        '有错误',
        '有提示',
      ],
      rows: [
        [
          answer.submissions.expected,
          answer.submissions.submitted,
          answer.submissions.onTime,
          answer.submissions.late,
          answer.submissions.missing,
          answer.submissions.accepted,
          answer.submissions.returned,
          answer.submissions.withErrors,
          answer.submissions.withWarnings,
        ],
      ],
    },
  ];
}

export function trendTables(answer: R.TrendDto): ExportTable[] {
  const years = Array.from(
    { length: answer.toYear - answer.fromYear + 1 },
    (_, i) => answer.fromYear + i,
  );
  const names = new Map(answer.metrics.map((m) => [m.key, m]));
  return [
    {
      sheet: '趋势',
      header: ['指标', '单位', '分组', ...years.map((y) => `${y}年`)],
      rows: answer.series.map((series) => [
        names.get(series.metric)?.nameZh ?? series.metric,
        names.get(series.metric)?.unit ?? '',
        series.group.name,
        ...years.map((y) => series.points.find((p) => p.year === y)?.value ?? null),
      ]),
    },
  ];
}

export function compareTables(answer: R.CompareDto): ExportTable[] {
  const second = answer.secondMetric;
  return [
    {
      sheet: '对比',
      header: [
        '排名',
        '单位编码',
        '单位',
        `${answer.metric.nameZh}（${answer.metric.unit}）`,
        '百分位',
        '上年',
        '增减',
        '增减%',
        ...(second ? [`${second.nameZh}（${second.unit}）`] : []),
      ],
      rows: answer.items.map((item) => [
        item.rank,
        item.agency.code,
        item.agency.name,
        item.value,
        item.percentile,
        item.previous,
        item.change?.absolute ?? null,
        item.change?.percent ?? null,
        ...(second ? [item.secondValue] : []),
      ]),
    },
  ];
}

export function yoyTables(answer: R.YoyDto): ExportTable[] {
  const header = (first: string) => [
    first,
    `${answer.year}年`,
    `${answer.baseYear}年`,
    '增减',
    '增减%',
  ];
  return [
    {
      sheet: '表格同比',
      // The cell's code last, for joining with other data; the labels say what it is.
      header: ['表', '行', '列', ...header('单元格编码').slice(1), '单元格编码（供程序对照）'],
      rows: answer.cells.map((cell) => [
        cell.table,
        cell.row,
        cell.column,
        cell.current,
        cell.base,
        cell.change?.absolute ?? null,
        cell.change?.percent ?? null,
        cell.address,
      ]),
    },
    {
      sheet: '指标同比',
      header: header('指标'),
      rows: answer.metrics.map((m) => [
        `${m.metric.nameZh}（${m.metric.unit}）`,
        m.current,
        m.base,
        m.change?.absolute ?? null,
        m.change?.percent ?? null,
      ]),
    },
  ];
}

export function breakdownTables(answer: R.BreakdownDto): ExportTable[] {
  return [
    {
      sheet: '申请人与办理结果',
      header: ['办理情况', ...answer.columns.map((c) => c.label)],
      rows: answer.rows.map((row) => [row.label, ...answer.columns.map((c) => row.values[c.key])]),
    },
  ];
}

export function complianceTables(answer: R.ComplianceDto): ExportTable[] {
  return [
    {
      sheet: '合规',
      header: [
        '单位编码',
        '单位',
        '年度',
        '状态',
        '应提交',
        '已提交',
        '按时',
        '逾期',
        '未提交',
        '有错误',
        '按时率%',
        '检查合格率%',
        '办结率%',
      ],
      rows: answer.rows.flatMap((row) =>
        row.years.map((cell) => [
          row.agency?.code ?? '',
          row.name,
          cell.year,
          STATUS_LABELS[cell.status] ?? cell.status,
          cell.expected,
          cell.submitted,
          cell.onTime,
          cell.late,
          cell.missing,
          cell.withErrors,
          cell.onTimeRate,
          cell.inspectionPassRate,
          cell.completionRate,
        ]),
      ),
    },
  ];
}

export function qualityTables(answer: R.QualityDto): ExportTable[] {
  return [
    {
      sheet: '数据质量',
      header: [
        '问题',
        '单位编码',
        '单位',
        '错误数',
        '提示数',
        '逾期天数',
        '规则',
        '说明',
        '单元格',
      ],
      rows: answer.items.flatMap((item) => {
        const base: Cell[] = [
          ITEM_TYPE_LABELS[item.type] ?? item.type,
          item.agency.code,
          item.agency.name,
          item.errorCount,
          item.warningCount,
          item.daysLate,
        ];
        if (item.findings.length === 0) return [[...base, '', '', '']];
        return item.findings.map((f) => [...base, f.rule, f.message, f.cells.join(' ')]);
      }),
    },
    {
      sheet: '规则统计',
      header: ['规则', '报告数'],
      rows: answer.rules.map((rule) => [rule.rule, rule.reports]),
    },
  ];
}

export function rollupUnitTables(answer: R.RollupDto): ExportTable[] {
  return [
    {
      sheet: '纳入汇总的单位',
      header: ['单位编码', '单位', '状态', '按时发布', '逾期天数', '错误数'],
      rows: answer.units.includedList.map((unit) => [
        unit.agency.code,
        unit.agency.name,
        unit.status ? (STATUS_LABELS[unit.status] ?? unit.status) : '',
        yesNo(unit.onTime),
        unit.daysLate,
        unit.errorCount,
      ]),
    },
    {
      sheet: '未提交的单位',
      header: ['单位编码', '单位'],
      rows: answer.units.missingList.map((unit) => [unit.agency.code, unit.agency.name]),
    },
  ];
}

/** Tables 2–4 summed, flattened to one row per cell, for the roll-up's CSV. */
export function rollupCellTable(answer: R.RollupDto): ExportTable {
  const rows: Cell[][] = [];
  for (const row of answer.proactive)
    for (const cell of row.cells) rows.push(['二', row.label, cell.label, cell.value]);
  for (const row of answer.applications)
    for (const column of APPLICANT_COLUMNS)
      rows.push([
        '三',
        [...row.headings, row.label].join(' '),
        column.shortLabel,
        row.values[column.key],
      ]);
  for (const row of answer.reviewLitigation)
    for (const column of REVIEW_COLUMNS)
      rows.push(['四', row.label, column.label, row.values[column.key]]);
  return { sheet: '汇总', header: ['表', '行', '列', '数值'], rows };
}

// ── files ────────────────────────────────────────────────────────────────────────────────────

/** CSV of a table, UTF-8 with a BOM so that Excel reads the Chinese correctly. */
export function toCsv(table: ExportTable): Buffer {
  const text = stringify([table.header as Cell[], ...table.rows], {
    cast: { number: (value) => String(value) },
  });
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(text, 'utf8')]);
}

function addTableSheet(workbook: Workbook, table: ExportTable, title: string | null): void {
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31));
  if (title) {
    sheet.addRow([title]).font = { bold: true, size: 13 };
    sheet.mergeCells(1, 1, 1, Math.max(1, table.header.length));
  }
  const header = sheet.addRow([...table.header]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = thinBorder;
  });
  for (const row of table.rows) sheet.addRow(row.map((value) => value ?? null));
  table.header.forEach((name, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, name.length * 2 + 4));
  });
  sheet.views = [{ state: 'frozen', ySplit: title ? 2 : 1 }];
}

async function workbookBuffer(workbook: Workbook): Promise<Buffer> {
  // exceljs declares its own Buffer type; the bytes are a Node Buffer.
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function tablesToFile(
  tables: readonly ExportTable[],
  format: ExportFormat,
  baseName: string,
  title: string,
): Promise<ExportFile> {
  // Titles carry the year and the view in Chinese; a name may not hold a path separator.
  const display = (title || baseName).replace(/[\\/:*?"<>|]/g, '-');
  if (format === 'csv')
    return {
      fileName: `${baseName}.csv`,
      displayName: `${display}.csv`,
      contentType: EXPORT_CONTENT_TYPES.csv,
      content: toCsv(tables[0]),
    };
  const workbook = new Workbook();
  workbook.creator = '政务公开年报汇聚分析平台';
  tables.forEach((table, i) => addTableSheet(workbook, table, i === 0 ? title : null));
  return {
    fileName: `${baseName}.xlsx`,
    displayName: `${display}.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    content: await workbookBuffer(workbook),
  };
}

// ── the roll-up in the national layout ───────────────────────────────────────────────────────

const thinBorder = {
  top: { style: 'thin' as const },
  left: { style: 'thin' as const },
  bottom: { style: 'thin' as const },
  right: { style: 'thin' as const },
};

function boxed(sheet: Worksheet, fromRow: number, toRow: number, columns: number): void {
  for (let r = fromRow; r <= toRow; r++)
    for (let c = 1; c <= columns; c++) {
      const cell = sheet.getCell(r, c);
      cell.border = thinBorder;
      cell.alignment = {
        vertical: 'middle',
        horizontal: c === 1 ? 'left' : 'center',
        wrapText: true,
      };
    }
}

function mergeTitle(sheet: Worksheet, row: number, columns: number, text: string): void {
  sheet.getCell(row, 1).value = text;
  sheet.getCell(row, 1).font = { bold: true, size: 12 };
  sheet.mergeCells(row, 1, row, columns);
}

/** Columns 1–3 hold row labels in every table, numbers start at column 4. */
const LABEL_COLUMNS = 3;

/** Rows grow with wrapped labels (spreadsheet programs do not size merged cells themselves). */
function fitRowHeight(sheet: Worksheet, row: number, text: string, charsPerLine: number): void {
  const lines = Math.max(1, Math.ceil(text.length / charsPerLine));
  if (lines > 1) sheet.getRow(row).height = Math.max(sheet.getRow(row).height ?? 15, lines * 15);
}

/** 表二 as printed: clause headings as merged rows, then a header row and the data rows. */
function drawProactive(sheet: Worksheet, answer: R.RollupDto, start: number): number {
  const widest = Math.max(...answer.proactive.map((item) => item.cells.length));
  const columns = LABEL_COLUMNS + widest;
  mergeTitle(sheet, start, columns, '二、主动公开政府信息情况');
  let row = start + 1;
  let clause = '';
  const firstBoxed = row;
  const labelled = (r: number, label: string, values: (string | number)[], bold: boolean) => {
    sheet.getCell(r, 1).value = label;
    sheet.mergeCells(r, 1, r, LABEL_COLUMNS);
    values.forEach((value, i) => (sheet.getCell(r, LABEL_COLUMNS + 1 + i).value = value));
    if (bold) sheet.getRow(r).font = { bold: true };
    // A number column is about five characters wide.
    const longest = values.map(String).reduce((a, b) => (b.length > a.length ? b : a), '');
    fitRowHeight(sheet, r, longest, 5);
  };
  for (const item of answer.proactive) {
    if (item.clause !== clause) {
      clause = item.clause;
      sheet.getCell(row, 1).value = clause;
      sheet.getCell(row, 1).font = { bold: true };
      sheet.mergeCells(row, 1, row, columns);
      row++;
      labelled(
        row,
        '信息内容',
        item.cells.map((cell) => cell.label),
        true,
      );
      row++;
    }
    labelled(
      row,
      item.label,
      item.cells.map((cell) => cell.value ?? ''),
      false,
    );
    row++;
  }
  boxed(sheet, firstBoxed, row - 1, columns);
  return row + 1;
}

/**
 * 表三 as printed: the column header is three rows deep (申请人情况 › 法人或其他组织 › 商业企业 …),
 * the row labels carry their merged headings on the left.
 */
function drawApplications(sheet: Worksheet, answer: R.RollupDto, start: number): number {
  const labelColumns = LABEL_COLUMNS;
  const columns = labelColumns + APPLICANT_COLUMNS.length;
  mergeTitle(sheet, start, columns, '三、收到和处理政府信息公开申请情况');
  const top = start + 1;
  // Header: (本列数据的勾稽关系…) label area spans 3 rows × 3 columns.
  sheet.getCell(top, 1).value =
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  sheet.mergeCells(top, 1, top + 2, labelColumns);
  sheet.getCell(top, labelColumns + 1).value = '申请人情况';
  sheet.mergeCells(top, labelColumns + 1, top, columns);
  const natural = labelColumns + 1;
  sheet.getCell(top + 1, natural).value = '自然人';
  sheet.mergeCells(top + 1, natural, top + 2, natural);
  const orgFirst = natural + 1;
  const orgLast = natural + 5;
  sheet.getCell(top + 1, orgFirst).value = '法人或其他组织';
  sheet.mergeCells(top + 1, orgFirst, top + 1, orgLast);
  APPLICANT_COLUMNS.slice(1, 6).forEach((column, i) => {
    sheet.getCell(top + 2, orgFirst + i).value = column.label;
  });
  sheet.getCell(top + 1, columns).value = '总计';
  sheet.mergeCells(top + 1, columns, top + 2, columns);
  for (let r = top; r <= top + 2; r++) sheet.getRow(r).font = { bold: true };

  let row = top + 3;
  // Rows under the same heading are merged vertically on the left, like the template.
  const spans: { column: number; text: string; from: number; to: number }[] = [];
  for (const item of answer.applications) {
    const labels = [...item.headings, item.label];
    for (let level = 0; level < labelColumns; level++) {
      const text = labels[level] ?? null;
      if (text === null) continue;
      const last = spans.filter((s) => s.column === level + 1).at(-1);
      const isLastLabel = level === labels.length - 1;
      if (!isLastLabel && last && last.text === text && last.to === row - 1) {
        last.to = row;
        continue;
      }
      // The deepest label stretches over the label columns left free (a negative column).
      const stretches = isLastLabel && level < labelColumns - 1;
      spans.push({ column: stretches ? -(level + 1) : level + 1, text, from: row, to: row });
    }
    APPLICANT_COLUMNS.forEach((column, i) => {
      sheet.getCell(row, labelColumns + 1 + i).value = item.values[column.key] ?? '';
    });
    row++;
  }
  for (const span of spans) {
    const column = Math.abs(span.column);
    sheet.getCell(span.from, column).value = span.text;
    // Label widths in characters: columns 1–3 are about 6, 7 and 16 characters wide.
    const width = span.column < 0 ? [29, 23, 16][column - 1] : [6, 7, 16][column - 1];
    if (span.to === span.from) fitRowHeight(sheet, span.from, span.text, width ?? 16);
    if (span.column < 0) sheet.mergeCells(span.from, column, span.to, labelColumns);
    else if (span.to > span.from) sheet.mergeCells(span.from, column, span.to, column);
  }
  boxed(sheet, top, row - 1, columns);
  return row + 1;
}

/** 表四 as printed: 行政复议 (5 columns) then 行政诉讼 split into 未经复议 / 复议后 (5 each). */
function drawReviewLitigation(sheet: Worksheet, answer: R.RollupDto, start: number): number {
  const groups = answer.reviewLitigation;
  const perGroup = REVIEW_COLUMNS.length;
  const columns = groups.length * perGroup;
  mergeTitle(sheet, start, columns, '四、政府信息公开行政复议、行政诉讼情况');
  const top = start + 1;
  const [review, ...litigation] = groups;
  sheet.getCell(top, 1).value = review?.label ?? '行政复议';
  sheet.mergeCells(top, 1, top + 1, perGroup);
  if (litigation.length > 0) {
    sheet.getCell(top, perGroup + 1).value = '行政诉讼';
    sheet.mergeCells(top, perGroup + 1, top, columns);
    litigation.forEach((group, i) => {
      const from = perGroup + 1 + i * perGroup;
      sheet.getCell(top + 1, from).value = group.label;
      sheet.mergeCells(top + 1, from, top + 1, from + perGroup - 1);
    });
  }
  groups.forEach((group, g) =>
    REVIEW_COLUMNS.forEach((column, c) => {
      sheet.getCell(top + 2, g * perGroup + c + 1).value = column.label;
      sheet.getCell(top + 3, g * perGroup + c + 1).value = group.values[column.key] ?? '';
    }),
  );
  for (let r = top; r <= top + 2; r++) sheet.getRow(r).font = { bold: true };
  boxed(sheet, top, top + 3, columns);
  return top + 5;
}

/** The roll-up XLSX: tables 2–4 in the national layout, then the units included and missing. */
export async function rollupWorkbook(answer: R.RollupDto, baseName: string): Promise<ExportFile> {
  const workbook = new Workbook();
  workbook.creator = '政务公开年报汇聚分析平台';
  const sheet = workbook.addWorksheet('汇总表');
  sheet.getCell(1, 1).value =
    `${scopeName(answer.scope)}${answer.year}年度政府信息公开工作年度报告汇总`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, 10);
  sheet.getCell(2, 1).value =
    `纳入汇总 ${answer.units.included} 家单位，未提交 ${answer.units.missing} 家；表格格式：${answer.formatVersion === '2021' ? '国办公开办函〔2021〕30号' : '2019年试行格式'}`;
  sheet.mergeCells(2, 1, 2, 10);
  let row = 4;
  row = drawProactive(sheet, answer, row);
  row = drawApplications(sheet, answer, row);
  drawReviewLitigation(sheet, answer, row);
  sheet.getColumn(1).width = 13;
  sheet.getColumn(2).width = 15;
  sheet.getColumn(3).width = 34;
  for (let c = 4; c <= 15; c++) sheet.getColumn(c).width = 11;
  // Printed like the template: landscape, one page wide.
  sheet.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  for (const table of rollupUnitTables(answer)) addTableSheet(workbook, table, null);
  return {
    fileName: `${baseName}.xlsx`,
    displayName: `区域汇总 ${answer.year}年.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    content: await workbookBuffer(workbook),
  };
}
