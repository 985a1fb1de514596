import {
  APPLICANT_COLUMNS,
  APPLICATION_OUTCOME_ROW_KEYS,
  APPLICATION_ROW,
  APPLICATION_ROWS,
  applicationRowKeysFor,
  outcomeRowKeysFor,
  table3Layout,
} from './applications';
import { emptyReport } from './report';

describe('table 3 keys', () => {
  it('has 25 rows in the itemized 2021 layout and 23 with a single （六） row', () => {
    expect(applicationRowKeysFor('itemizedOtherHandling')).toHaveLength(25);
    expect(applicationRowKeysFor('singleOtherHandling')).toHaveLength(23);
    expect(applicationRowKeysFor('singleOtherHandling')).toContain('otherHandling');
    expect(applicationRowKeysFor('singleOtherHandling')).not.toContain('otherHandling.other');
  });

  it('keeps （六） where it is printed, between （五） and （七）', () => {
    const rows = applicationRowKeysFor('singleOtherHandling');
    expect(
      rows.slice(rows.indexOf('notProcessed.confirmation'), rows.indexOf('totalHandled') + 1),
    ).toEqual(['notProcessed.confirmation', 'otherHandling', 'totalHandled']);
  });

  it('lists the outcome rows from 予以公开 to （六）', () => {
    expect(APPLICATION_OUTCOME_ROW_KEYS[0]).toBe('granted');
    expect(outcomeRowKeysFor('itemizedOtherHandling')).toHaveLength(21);
    expect(outcomeRowKeysFor('singleOtherHandling')).toHaveLength(19);
    expect(outcomeRowKeysFor('itemizedOtherHandling').at(-1)).toBe('otherHandling.other');
    expect(APPLICATION_OUTCOME_ROW_KEYS).not.toContain('totalHandled');
  });

  it('has unique keys, labels and short labels', () => {
    for (const field of ['key', 'shortLabel'] as const) {
      const values = APPLICATION_ROWS.map((row) => row[field]);
      expect(new Set(values).size).toBe(values.length);
    }
    const columnLabels = APPLICANT_COLUMNS.map((column) => column.shortLabel);
    expect(new Set(columnLabels).size).toBe(7);
  });

  it('looks rows up by key, with the headings a merged label cell gives them', () => {
    expect(APPLICATION_ROW['denied.stateSecret']).toMatchObject({
      label: '1.属于国家秘密',
      headings: ['三、本年度办理结果', '（三）不予公开'],
    });
  });
});

describe('table3Layout', () => {
  it('reads the layout from the rows present', () => {
    expect(table3Layout(emptyReport('2021'))).toBe('itemizedOtherHandling');
    expect(table3Layout(emptyReport('2019'))).toBe('singleOtherHandling');
    expect(table3Layout(emptyReport('2021', 'singleOtherHandling'))).toBe('singleOtherHandling');
  });

  it("falls back on the format's layout when （六） is missing altogether", () => {
    const report = emptyReport('2019');
    delete report.applications.otherHandling;
    expect(table3Layout(report)).toBe('singleOtherHandling');
    expect(table3Layout({ ...report, formatVersion: '2021' })).toBe('itemizedOtherHandling');
  });
});
