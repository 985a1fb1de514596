import { countersFor, totalsReadFor } from './metric-values';

describe('what a metric read selects', () => {
  it('reads the report count for every metric, and other counters only for quality metrics', () => {
    expect(countersFor(['applicationsReceived', 'disclosureRate'])).toEqual(['reportCount']);
    expect(countersFor(['onTimeRate', 'missingReports']).sort()).toEqual([
      'onTimeCount',
      'reportCount',
    ]);
    expect(countersFor(['reportsWithErrors']).sort()).toEqual(['errorReportCount', 'reportCount']);
  });

  it('reads stored values instead of cells when every group is one row', () => {
    const stored = totalsReadFor(['applicationsReceived', 'onTimeRate'], true);
    expect(stored.cells).toEqual([]);
    // onTimeRate is not stored: computed from the counters.
    expect(stored.metrics).toHaveLength(1);
    const computed = totalsReadFor(['applicationsReceived', 'completionRate'], false);
    expect(computed.metrics).toBeUndefined();
    expect((computed.cells as number[]).length).toBeGreaterThan(0);
    expect(computed.narrative).toBe(true);
  });
});
