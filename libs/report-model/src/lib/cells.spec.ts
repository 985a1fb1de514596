import {
  applicationCell,
  cellAddress,
  getCell,
  listCells,
  narrativeMetricCell,
  parseCellAddress,
  proactiveCell,
  reviewLitigationCell,
  setCell,
} from './cells';
import { emptyReport, type CanonicalReport } from './report';

/** A report whose every cell holds a different value, so a wrong lookup cannot pass. */
function numberedReport(report: CanonicalReport): CanonicalReport {
  listCells(report).forEach((cell, index) => setCell(report, cell.address, index + 1));
  return report;
}

describe('cell addresses', () => {
  it('builds addresses from keys', () => {
    expect(applicationCell('newReceived', 'naturalPerson')).toBe(
      'applications.newReceived.naturalPerson',
    );
    expect(reviewLitigationCell('review', 'total')).toBe('reviewLitigation.review.total');
    expect(proactiveCell('normativeDocuments', 'inForce')).toBe(
      'proactive.normativeDocuments.inForce',
    );
    expect(narrativeMetricCell('applicationsReceived')).toBe(
      'narrative.metrics.applicationsReceived',
    );
  });

  it('splits a table-3 address whose row key contains a dot', () => {
    expect(parseCellAddress('applications.denied.stateSecret.total')).toEqual({
      table: 'applications',
      row: 'denied.stateSecret',
      column: 'total',
    });
    expect(parseCellAddress('applications.otherHandling.naturalPerson')).toEqual({
      table: 'applications',
      row: 'otherHandling',
      column: 'naturalPerson',
    });
  });

  it('accepts table-2 cells of either format, with the columns of their row only', () => {
    expect(parseCellAddress('proactive.procurement.amount')).toEqual({
      table: 'proactive',
      row: 'procurement',
      column: 'amount',
    });
    expect(parseCellAddress('proactive.fees.amountWanYuan')).not.toBeNull();
    expect(parseCellAddress('proactive.fees.issued')).toBeNull();
  });

  it.each([
    '',
    'applications',
    'applications.newReceived',
    'applications.newReceived.nobody',
    'applications.denied.naturalPerson',
    'applications.denied.stateSecret.extra.total',
    'reviewLitigation.review.sum',
    'narrative.metrics.overview',
    'narrative.other.applicationsReceived',
    'proactive.constructor.issued',
    'findings.0.rule',
  ])('rejects %p', (address) => {
    expect(parseCellAddress(address)).toBeNull();
  });
});

describe.each([
  ['2021, three （六） rows', () => emptyReport('2021'), 10 + 25 * 7 + 15],
  ['2021, single （六） row', () => emptyReport('2021', 'singleOtherHandling'), 10 + 23 * 7 + 15],
  ['2019', () => emptyReport('2019'), 22 + 23 * 7 + 15],
])('listCells of a %s report', (_name, makeReport, cellCount) => {
  it('lists every cell once', () => {
    const cells = listCells(makeReport());
    expect(cells).toHaveLength(cellCount);
    expect(new Set(cells.map((cell) => cell.address)).size).toBe(cellCount);
  });

  it('round-trips every address through parseCellAddress, cellAddress and getCell', () => {
    const report = numberedReport(makeReport());
    for (const cell of listCells(report)) {
      const { address, value, ...location } = cell;
      expect(parseCellAddress(address)).toEqual(location);
      expect(cellAddress(location)).toBe(address);
      expect(getCell(report, address)).toBe(value);
    }
  });
});

describe('getCell and setCell', () => {
  it('finds no cell of the other format or layout', () => {
    const report = emptyReport('2019');
    expect(getCell(report, 'proactive.regulations.inForce')).toBeUndefined();
    expect(getCell(report, 'applications.otherHandling.other.total')).toBeUndefined();
    expect(getCell(report, 'applications.otherHandling.total')).toBe(0);
    expect(getCell(report, 'no.such.cell')).toBeUndefined();
  });

  it('refuses to create cells the report does not have', () => {
    const report = emptyReport('2021');
    expect(() => setCell(report, 'applications.otherHandling.total', 1)).toThrow(RangeError);
    expect(() => setCell(report, 'proactive.procurement.amount', 1)).toThrow(RangeError);
    expect(report.applications.otherHandling).toBeUndefined();
  });

  it('reads and writes the narrative numbers, which are not table cells', () => {
    const report = emptyReport('2021');
    expect(getCell(report, 'narrative.metrics.applicationsReceived')).toBeUndefined();
    setCell(report, 'narrative.metrics.applicationsReceived', 21);
    expect(report.narrative.metrics.applicationsReceived).toBe(21);
    expect(getCell(report, 'narrative.metrics.applicationsReceived')).toBe(21);
    expect(listCells(report).some((cell) => cell.address.startsWith('narrative'))).toBe(false);
  });

  it('writes decimals and negative changes as given', () => {
    const report = emptyReport('2019');
    setCell(report, 'proactive.licensing.change', -4);
    setCell(report, 'proactive.procurement.amount', 5949.088667);
    expect(report.proactive.licensing.change).toBe(-4);
    expect(report.proactive.procurement.amount).toBe(5949.088667);
  });
});
