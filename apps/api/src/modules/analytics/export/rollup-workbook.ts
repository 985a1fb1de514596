import { Workbook, type Worksheet } from 'exceljs';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from '@atlas/report-model';
import type * as R from '../analytics.types';
import { rollupUnitTables, scopeName } from './answer-tables';
import {
  addTableSheet,
  EXPORT_CONTENT_TYPES,
  type ExportFile,
  thinBorder,
  workbookBuffer,
} from './export-file';

// ── the roll-up in the national layout ───────────────────────────────────────────────────────

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
