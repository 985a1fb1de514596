import { describe, expect, it } from 'vitest';
import type { BreakdownDto } from '../../api/analytics';
import { breakdownAxes, breakdownTable, buildBreakdownOption } from './breakdown';

const LABELS = { outcome: '办理结果', applicant: '申请人', unit: '件' };
const column = (key: string, label: string) => ({ key, label, labelEn: key });
const row = (key: string, shortLabel: string, outcome: boolean, values: Record<string, number>) => ({
  key,
  label: shortLabel,
  shortLabel,
  labelEn: key,
  outcome,
  values,
});

const ANSWER: BreakdownDto = {
  scope: { agencies: [], subtree: true },
  year: 2024,
  reports: 3,
  columns: [column('naturalPerson', '自然人'), column('commercial', '商业企业'), column('total', '总计')],
  rows: [
    row('newReceived', '新收', false, { naturalPerson: 9, commercial: 3, total: 12 }),
    row('granted', '予以公开', true, { naturalPerson: 5, commercial: 1, total: 6 }),
    row('denied.stateSecret', '不予公开·属于国家秘密', true, { naturalPerson: 0, commercial: 2, total: 2 }),
  ],
};

describe('applicants × outcomes', () => {
  it('maps the outcome rows by applicant, without totals, so colours compare outcomes', () => {
    const { rows, columns } = breakdownAxes(ANSWER);
    expect(rows.map((r) => r.key)).toEqual(['granted', 'denied.stateSecret']);
    expect(columns.map((c) => c.key)).toEqual(['naturalPerson', 'commercial']);
    const option = buildBreakdownOption(ANSWER, LABELS);
    const series = (option.series as { data: number[][] }[])[0];
    expect(series?.data).toEqual([
      [0, 0, 5],
      [1, 0, 1],
      [0, 1, 0],
      [1, 1, 2],
    ]);
    expect((option.visualMap as { max: number }).max).toBe(5);
    expect((option.yAxis as { data: string[] }).data).toEqual(['予以公开', '不予公开·属于国家秘密']);
  });

  it('keeps every row and the total in the table behind it, with the unit', () => {
    const table = breakdownTable(ANSWER, LABELS);
    expect(table.columns.map((c) => c.label)).toEqual(['办理结果', '自然人', '商业企业', '总计']);
    expect(table.columns[1]?.unit).toBe('件');
    expect(table.rows[0]).toEqual({ row: '新收', naturalPerson: 9, commercial: 3, total: 12 });
  });
});
