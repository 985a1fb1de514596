import { emptyReport } from '@atlas/report-model';
import { describe, expect, it } from 'vitest';
import {
  applicationsLayout,
  formatCellValue,
  proactiveLayout,
  reviewLitigationLayout,
  type LayoutCell,
} from './report-layout';
import { consistentReport } from './test-fixtures';

const texts = (row: readonly LayoutCell[]) =>
  row.map((cell) => ('text' in cell ? cell.text : cell.address));
const find = (rows: readonly (readonly LayoutCell[])[], text: string) =>
  rows.flat().find((cell) => 'text' in cell && cell.text === text);
/** Grid width of a row (colspans added), to check every row fills the table. */
const width = (row: readonly LayoutCell[]) =>
  row.reduce((sum, cell) => sum + (cell.colspan ?? 1), 0);

describe('table 3 layout', () => {
  it('merges the headers like the national template', () => {
    const layout = applicationsLayout(consistentReport());
    const [top, middle, bottom] = layout.header;
    expect(top?.[0]).toMatchObject({ colspan: 3, rowspan: 3 });
    expect(top?.[1]).toMatchObject({ text: '申请人情况', colspan: 7 });
    expect(texts(middle ?? [])).toEqual(['自然人', '法人或其他组织', '总计']);
    expect(middle?.[0]).toMatchObject({ rowspan: 2 });
    expect(middle?.[1]).toMatchObject({ colspan: 5 });
    expect(texts(bottom ?? [])).toEqual([
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
    expect(layout.columnCount).toBe(10);
  });

  it('spans 三、本年度办理结果 over the 22 result rows of the itemized layout and each group over its items', () => {
    const layout = applicationsLayout(consistentReport());
    expect(layout.body).toHaveLength(25);
    expect(find(layout.body, '三、本年度办理结果')).toMatchObject({ rowspan: 22 });
    expect(find(layout.body, '（三）不予公开')).toMatchObject({ rowspan: 8 });
    expect(find(layout.body, '（四）无法提供')).toMatchObject({ rowspan: 3 });
    expect(find(layout.body, '（五）不予处理')).toMatchObject({ rowspan: 5 });
    expect(find(layout.body, '（六）其他处理')).toMatchObject({ rowspan: 3 });
    expect(find(layout.body, '一、本年新收政府信息公开申请数量')).toMatchObject({ colspan: 3 });
    expect(find(layout.body, '（一）予以公开')).toMatchObject({ colspan: 2 });
    expect(find(layout.body, '1.属于国家秘密')).not.toHaveProperty('colspan');
  });

  it('prints （六）其他处理 as one row in the 2019 layout', () => {
    const layout = applicationsLayout(emptyReport('2019'));
    expect(layout.body).toHaveLength(23);
    expect(find(layout.body, '三、本年度办理结果')).toMatchObject({ rowspan: 20 });
    expect(find(layout.body, '（六）其他处理')).toMatchObject({ colspan: 2 });
  });

  it('puts each value under its column with its address and value', () => {
    const layout = applicationsLayout(consistentReport());
    const firstRow = layout.body[0] ?? [];
    const values = firstRow.filter((cell) => cell.kind === 'value');
    expect(values).toHaveLength(7);
    expect(values[0]).toMatchObject({
      address: 'applications.newReceived.naturalPerson',
      value: 3,
    });
    expect(values[6]).toMatchObject({ address: 'applications.newReceived.total', value: 4 });
  });
});

describe('table 2 layout', () => {
  it('groups the 2021 rows by article with the column headings of each block', () => {
    const layout = proactiveLayout(consistentReport());
    expect(layout.columnCount).toBe(4);
    expect(texts(layout.body[0] ?? [])).toEqual(['第二十条第（一）项']);
    expect(layout.body[0]?.[0]).toMatchObject({ colspan: 4 });
    expect(texts(layout.body[1] ?? [])).toEqual([
      '信息内容',
      '本年制发件数',
      '本年废止件数',
      '现行有效件数',
    ]);
    // A single-column block stretches its column over the three value columns.
    const licensing = layout.body.find((row) => texts(row)[0] === '行政许可') ?? [];
    expect(licensing[1]).toMatchObject({
      address: 'proactive.licensing.decisions',
      value: 35,
      colspan: 3,
    });
    for (const row of layout.body) expect(width(row)).toBe(4);
  });

  it('lays out the 2019 format with its own rows and columns', () => {
    const layout = proactiveLayout(emptyReport('2019'));
    const labels = layout.body.map((row) => texts(row)[0]);
    expect(labels).toContain('其他对外管理服务事项');
    expect(labels).toContain('政府集中采购');
    expect(labels).toContain('第二十条第（九）项');
    for (const row of layout.body) expect(width(row)).toBe(4);
  });
});

describe('table 4 layout', () => {
  it('puts 行政复议 beside 行政诉讼 and its two kinds, fifteen numbers in one row', () => {
    const layout = reviewLitigationLayout(consistentReport());
    const [top, middle, bottom] = layout.header;
    expect(texts(top ?? [])).toEqual(['行政复议', '行政诉讼']);
    expect(top?.map((cell) => cell.colspan)).toEqual([5, 10]);
    expect(texts(middle ?? [])).toEqual([
      '结果维持',
      '结果纠正',
      '其他结果',
      '尚未审结',
      '总计',
      '未经复议直接起诉',
      '复议后起诉',
    ]);
    expect(middle?.[0]).toMatchObject({ rowspan: 2 });
    expect(bottom).toHaveLength(10);
    expect(layout.body[0]).toHaveLength(15);
    expect(layout.body[0]?.[0]).toMatchObject({
      address: 'reviewLitigation.review.upheld',
      value: 1,
    });
  });
});

describe('formatCellValue', () => {
  it('prints integers as they are and decimals without float noise', () => {
    expect(formatCellValue(12)).toBe('12');
    expect(formatCellValue(0.1 + 0.2)).toBe('0.3');
    expect(formatCellValue(undefined)).toBe('—');
  });
});
