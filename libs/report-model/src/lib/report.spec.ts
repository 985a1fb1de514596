import { listCells } from './cells';
import { emptyReport, REPORT_SCHEMA } from './report';

describe('emptyReport', () => {
  it('builds a 2021 report with the 2021 table 2 and every cell 0', () => {
    const report = emptyReport('2021');
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.formatVersion).toBe('2021');
    expect(report.proactive.fees).toEqual({ amountWanYuan: 0 });
    expect(report.proactive.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(listCells(report).every((cell) => cell.value === 0)).toBe(true);
    expect(report.narrative.metrics.applicationsReceived).toBeNull();
    expect(report.findings).toEqual([]);
  });

  it('builds a 2019 report with the 2019 table 2 and a single （六） row', () => {
    const report = emptyReport('2019');
    expect(report.proactive.fees).toEqual({ previousYearItems: 0, change: 0 });
    expect(report.proactive.procurement).toEqual({ projects: 0, amount: 0 });
    expect(Object.keys(report.applications)).toContain('otherHandling');
    expect(Object.keys(report.applications)).not.toContain('otherHandling.other');
  });

  it('gives every report its own tables', () => {
    const first = emptyReport('2021');
    first.applications.newReceived.total = 5;
    expect(emptyReport('2021').applications.newReceived.total).toBe(0);
  });
});
