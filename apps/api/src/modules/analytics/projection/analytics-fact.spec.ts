import { emptyReport, setCell, type Finding } from '@atlas/report-model';
import { CELL_LAYOUT, layoutIndexOf } from '@atlas/metrics';
import { countedNumbers } from '../../reports';
import { FACT_METRIC_KEYS, factOf, RollupDeltas, type ReportFact } from './analytics-fact';

function fact(path: string, newApplications: number, extra: Partial<ReportFact> = {}): ReportFact {
  const report = emptyReport('2021');
  setCell(report, 'applications.newReceived.total', newApplications);
  setCell(report, 'applications.granted.total', newApplications);
  setCell(report, 'applications.totalHandled.total', newApplications);
  const findings: Finding[] = [];
  const fact = factOf(
    {
      reportId: `r-${path}`,
      agencyId: path.split('.').at(-1) ?? path,
      year: 2023,
      status: 'submitted',
      counted: {
        versionId: 'v',
        submittedAt: new Date('2024-01-10'),
        onTime: true,
        daysLate: 0,
        ...countedNumbers(report, findings),
      },
    },
    { path, kind: 'department', level: 'county', activeFromYear: null, activeToYear: null },
  );
  if (!fact) throw new Error('a submitted report has a fact');
  return { ...fact, ...extra };
}

const newReceived = layoutIndexOf('applications.newReceived.total') ?? -1;

describe('analytics facts', () => {
  it('counts nothing of a report never submitted', () => {
    expect(
      factOf(
        { reportId: 'r', agencyId: 'a', year: 2023, status: 'draft', counted: null },
        { path: 'a', kind: 'department', level: 'county', activeFromYear: null, activeToYear: null },
      ),
    ).toBeNull();
  });

  it('stores every layout cell and the metrics in catalogue order', () => {
    const numbers = fact('a', 4);
    expect(numbers.cells).toHaveLength(CELL_LAYOUT.length);
    expect(numbers.cells[newReceived]).toBe(4);
    expect(numbers.metrics[FACT_METRIC_KEYS.indexOf('applicationsNew')]).toBe(4);
    expect(numbers.metrics[FACT_METRIC_KEYS.indexOf('disclosureRate')]).toBe(100);
  });

  it('adds a report to every agency on its path', () => {
    const deltas = new RollupDeltas().apply(fact('root.city.dept', 4), 1).list();
    // Each agency gets the report in its row of all agencies ('*') and of the report's kind.
    expect(deltas.map((d) => `${d.nodeId} ${d.agencyKind}`)).toEqual([
      'city *',
      'city department',
      'dept *',
      'dept department',
      'root *',
      'root department',
    ]);
    for (const delta of deltas) {
      expect(delta.change.reportCount).toBe(1);
      expect(delta.change.cells.sums[newReceived]).toBe(4);
    }
  });

  it('moves only the difference when a report is resubmitted, and nothing when it is equal', () => {
    const before = fact('root.dept', 4);
    const after = fact('root.dept', 6, { status: 'accepted' });
    const [delta, ...others] = new RollupDeltas().apply(before, -1).apply(after, 1).list();
    expect(others).toHaveLength(3);
    expect(delta.change.reportCount).toBe(0);
    expect(delta.change.acceptedCount).toBe(1);
    expect(delta.change.cells.sums[newReceived]).toBe(2);
    expect(new RollupDeltas().apply(before, -1).apply(before, 1).list()).toEqual([]);
  });

  it('takes a moved agency out of its old ancestors and into the new ones', () => {
    const old = fact('root.a.dept', 4);
    const moved = { ...old, agencyPath: 'root.b.dept' };
    const deltas = new RollupDeltas().apply(old, -1).apply(moved, 1).list();
    expect(deltas.map((d) => [d.nodeId, d.agencyKind, d.change.reportCount])).toEqual([
      ['a', '*', -1],
      ['a', 'department', -1],
      ['b', '*', 1],
      ['b', 'department', 1],
    ]);
  });
});
