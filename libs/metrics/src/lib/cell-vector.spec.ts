import { generateReport, SeededRandom } from '@atlas/demo-data';
import { getCell, listCells, type CanonicalReport } from '@atlas/report-model';
import { reportCellSource, sumCellSources } from './cell-source';
import {
  addCellTotals,
  CELL_LAYOUT,
  cellTotalsOf,
  cellTotalsSource,
  emptyCellTotals,
  isZeroCellTotals,
  layoutIndexOf,
  reportCellVector,
} from './cell-vector';
import { percentileRank, percentileRanks } from './compare';
import { evaluateAll } from './evaluate';

function reports(): CanonicalReport[] {
  const random = new SeededRandom(7);
  return [2019, 2020, 2021, 2022].map((year) =>
    generateReport(random, { year, activity: 1 + (year % 3), agencyName: `单位${year}` }),
  );
}

describe('cell vectors and totals', () => {
  it('lays out every cell of both formats once', () => {
    expect(new Set(CELL_LAYOUT).size).toBe(CELL_LAYOUT.length);
    expect(CELL_LAYOUT).toContain('proactive.regulations.issued');
    expect(CELL_LAYOUT).toContain('proactive.regulations.newlyMade');
    expect(CELL_LAYOUT).toContain('applications.otherHandling.total');
    expect(CELL_LAYOUT).toContain('applications.otherHandling.unpaidFee.total');
    expect(CELL_LAYOUT).toContain('reviewLitigation.review.total');
    expect(layoutIndexOf('narrative.metrics.completionRate')).toBeUndefined();
  });

  it('holds every cell a report has at its layout position, null elsewhere', () => {
    for (const report of reports()) {
      const vector = reportCellVector(report);
      const cells = listCells(report);
      for (const cell of cells) expect(vector[layoutIndexOf(cell.address) ?? -1]).toBe(cell.value);
      expect(vector.filter((value) => value !== null)).toHaveLength(cells.length);
    }
  });

  it('sums reports like summing their cell sources, and evaluates every metric the same way', () => {
    const all = reports();
    const totals = emptyCellTotals();
    for (const report of all) addCellTotals(totals, cellTotalsOf(reportCellVector(report)));
    const expected = sumCellSources(all.map(reportCellSource));
    const source = cellTotalsSource(totals);
    for (const address of CELL_LAYOUT) {
      expect([address, source.cell(address)]).toEqual([address, expected.cell(address)]);
      expect([address, source.has(address)]).toEqual([address, expected.has(address)]);
    }
    expect(evaluateAll(source)).toEqual(evaluateAll(expected));
  });

  it('takes a report out again by subtracting it', () => {
    const [first, second] = reports();
    const totals = emptyCellTotals();
    addCellTotals(totals, cellTotalsOf(reportCellVector(first)));
    addCellTotals(totals, cellTotalsOf(reportCellVector(second)));
    addCellTotals(totals, cellTotalsOf(reportCellVector(first)), -1);
    const source = cellTotalsSource(totals);
    expect(source.cell('applications.newReceived.total')).toBe(
      getCell(second, 'applications.newReceived.total'),
    );
    // The 2019 report is gone: its 2019-only column reads absent again.
    expect(source.has('proactive.regulations.newlyMade')).toBe(
      getCell(second, 'proactive.regulations.newlyMade') !== undefined,
    );
    const same = cellTotalsOf(reportCellVector(second));
    addCellTotals(same, cellTotalsOf(reportCellVector(second)), -1);
    expect(isZeroCellTotals(same)).toBe(true);
  });

  it('reads decimal amounts back without binary drift', () => {
    const totals = emptyCellTotals();
    const index = layoutIndexOf('proactive.fees.amountWanYuan') ?? -1;
    for (const amount of [0.1, 0.2, 0.7]) {
      const vector = CELL_LAYOUT.map(() => null) as (number | null)[];
      vector[index] = amount;
      addCellTotals(totals, cellTotalsOf(vector));
    }
    expect(cellTotalsSource(totals).cell('proactive.fees.amountWanYuan')).toBe(1);
  });
});

describe('percentileRanks', () => {
  it('equals percentileRank for each value, ties included', () => {
    const random = new SeededRandom(3);
    const values = Array.from({ length: 200 }, () => Math.floor(random.next() * 20));
    const ranks = percentileRanks(values);
    values.forEach((value, i) => expect(ranks[i]).toBeCloseTo(percentileRank(values, value) ?? -1, 10));
    expect(percentileRanks([])).toEqual([]);
  });
});
