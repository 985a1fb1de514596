import { parseCellAddress } from '@atlas/report-model';
import { isMetricKey, metric, METRICS, type MetricKey } from './catalogue';
import { CELL_METRIC_KEYS } from './evaluate';

describe('METRICS', () => {
  it('has unique keys', () => {
    const keys = METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('declares only addresses that parse, and cell metrics declare at least one', () => {
    for (const m of METRICS) {
      if (m.source !== 'cells') continue;
      expect(m.cells.length).toBeGreaterThan(0);
      for (const address of m.cells)
        expect([m.key, parseCellAddress(address)]).not.toEqual([m.key, null]);
    }
  });

  it('declares every cell its formulas read', () => {
    for (const m of METRICS) {
      if (m.source !== 'cells') continue;
      const formulas = m.kind === 'count' ? [m.formula] : [m.numerator, m.denominator];
      for (const formula of formulas) {
        for (const address of formula.cells) expect(m.cells).toContain(address);
      }
    }
  });

  it('gives every metric names, a unit and a Chinese definition', () => {
    for (const m of METRICS) {
      expect(m.nameZh).not.toBe('');
      expect(m.nameEn).not.toBe('');
      expect(m.definition).toMatch(/[\u4e00-\u9fff]/);
      expect(['件', '%', '万元', '元', '个', '份']).toContain(m.unit);
      if (m.source === 'cells' && m.kind === 'ratio') expect(m.unit).toBe('%');
    }
  });

  it('covers the required metrics', () => {
    const required: MetricKey[] = [
      'applicationsNew',
      'applicationsReceived',
      'applicationsHandled',
      'disclosureRate',
      'deniedShare',
      'unavailableShare',
      'notProcessedShare',
      'otherHandlingShare',
      'applicantShare.naturalPerson',
      'applicantShare.otherOrg',
      'carriedForwardRatio',
      'reviewCount',
      'reviewCorrectionRate',
      'litigationCount',
      'litigationCorrectionRate',
      'regulationsInForce',
      'normativeDocumentsRepealed',
      'licensingDecisions',
      'penaltyDecisions',
      'coercionDecisions',
      'feesCollected',
      'completionRate',
      'inspectionPassRateAverage',
      'publishedItemsTotal',
      'reportsWithErrors',
      'onTimeRate',
      'missingReports',
    ];
    for (const key of required) expect(isMetricKey(key)).toBe(true);
    expect(isMetricKey('nope')).toBe(false);
    expect(metric('feesCollected').unit).toBe('万元');
  });

  it('lists the cell metrics apart from narrative and quality ones', () => {
    expect(CELL_METRIC_KEYS).toContain('disclosureRate');
    expect(CELL_METRIC_KEYS).not.toContain('completionRate');
    expect(CELL_METRIC_KEYS).not.toContain('onTimeRate');
  });
});
