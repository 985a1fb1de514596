import { emptyReport, setCell, type CanonicalReport } from '@atlas/report-model';
import { cellSourceFromValues, reportCellSource, sumCellSources } from './cell-source';
import { metric } from './catalogue';
import { evaluate, evaluateAll, evaluateNarrative, evaluateQuality } from './evaluate';

function withCells(report: CanonicalReport, cells: Record<string, number>): CanonicalReport {
  for (const [address, value] of Object.entries(cells)) setCell(report, address, value);
  return report;
}

/** A balanced 2021 report with itemized （六）: 10 new + 2 carried = 11 handled + 1 forward. */
function sample2021(): CanonicalReport {
  return withCells(emptyReport('2021'), {
    'applications.newReceived.naturalPerson': 8,
    'applications.newReceived.commercial': 2,
    'applications.newReceived.total': 10,
    'applications.carriedOver.total': 2,
    'applications.granted.total': 5,
    'applications.partiallyGranted.total': 1,
    'applications.denied.stateSecret.total': 1,
    'applications.denied.thirdParty.total': 1,
    'applications.unavailable.notHeld.total': 1,
    'applications.notProcessed.duplicate.total': 1,
    'applications.otherHandling.noCorrection.total': 1,
    'applications.totalHandled.total': 11,
    'applications.carriedForward.total': 1,
    'reviewLitigation.review.upheld': 2,
    'reviewLitigation.review.corrected': 1,
    'reviewLitigation.review.other': 1,
    'reviewLitigation.review.pending': 1,
    'reviewLitigation.review.total': 5,
    'reviewLitigation.litigationDirect.upheld': 1,
    'reviewLitigation.litigationDirect.corrected': 1,
    'reviewLitigation.litigationDirect.total': 2,
    'reviewLitigation.litigationAfterReview.pending': 1,
    'reviewLitigation.litigationAfterReview.total': 1,
    'proactive.regulations.issued': 2,
    'proactive.regulations.repealed': 1,
    'proactive.regulations.inForce': 10,
    'proactive.normativeDocuments.issued': 5,
    'proactive.normativeDocuments.repealed': 3,
    'proactive.normativeDocuments.inForce': 40,
    'proactive.licensing.decisions': 100,
    'proactive.penalty.decisions': 30,
    'proactive.coercion.decisions': 4,
    'proactive.fees.amountWanYuan': 1.5,
  });
}

describe('evaluate on one 2021 report', () => {
  const source = reportCellSource(sample2021());

  it.each([
    ['applicationsNew', 10],
    ['applicationsReceived', 12],
    ['applicationsHandled', 11],
    ['disclosureRate', (6 / 11) * 100],
    ['deniedShare', (2 / 11) * 100],
    ['unavailableShare', (1 / 11) * 100],
    ['notProcessedShare', (1 / 11) * 100],
    ['otherHandlingShare', (1 / 11) * 100],
    ['applicantShare.naturalPerson', 80],
    ['applicantShare.commercial', 20],
    ['applicantShare.research', 0],
    ['carriedForwardRatio', (1 / 12) * 100],
    ['reviewCount', 5],
    ['reviewCorrectionRate', 25],
    ['litigationCount', 3],
    ['litigationCorrectionRate', 50],
    ['regulationsIssued', 2],
    ['regulationsRepealed', 1],
    ['regulationsInForce', 10],
    ['normativeDocumentsIssued', 5],
    ['normativeDocumentsRepealed', 3],
    ['normativeDocumentsInForce', 40],
    ['licensingDecisions', 100],
    ['penaltyDecisions', 30],
    ['coercionDecisions', 4],
    ['feesCollected', 1.5],
  ] as const)('%s = %d', (key, expected) => {
    expect(evaluate(key, source)).toBeCloseTo(expected, 10);
  });

  it('accepts the catalogue entry as well as its key', () => {
    expect(evaluate(metric('disclosureRate'), source)).toBe(evaluate('disclosureRate', source));
  });

  it('evaluates every cell metric at once', () => {
    const all = evaluateAll(source);
    expect(all.applicationsHandled).toBe(11);
    expect(all['applicantShare.naturalPerson']).toBe(80);
  });
});

describe('（六）其他处理 layouts', () => {
  it('sums the three itemized rows', () => {
    const report = withCells(emptyReport('2021', 'itemizedOtherHandling'), {
      'applications.otherHandling.noCorrection.total': 1,
      'applications.otherHandling.unpaidFee.total': 2,
      'applications.otherHandling.other.total': 3,
      'applications.granted.total': 4,
      'applications.totalHandled.total': 10,
    });
    expect(evaluate('otherHandlingShare', reportCellSource(report))).toBe(60);
  });

  it('reads the single row (2021 format printed with one row)', () => {
    const report = withCells(emptyReport('2021', 'singleOtherHandling'), {
      'applications.otherHandling.total': 3,
      'applications.granted.total': 1,
      'applications.totalHandled.total': 4,
    });
    expect(evaluate('otherHandlingShare', reportCellSource(report))).toBe(75);
    expect(evaluate('disclosureRate', reportCellSource(report))).toBe(25);
  });
});

describe('a 2019 report', () => {
  const report = withCells(emptyReport('2019'), {
    'applications.newReceived.total': 4,
    'applications.granted.total': 2,
    'applications.otherHandling.total': 2,
    'applications.totalHandled.total': 4,
    'proactive.licensing.decisions': 7,
    'proactive.regulations.newlyMade': 3,
  });
  const source = reportCellSource(report);

  it('computes table 3 metrics with the single （六） row', () => {
    expect(evaluate('disclosureRate', source)).toBe(50);
    expect(evaluate('otherHandlingShare', source)).toBe(50);
  });

  it('gives null for 2021-only table 2 columns, values for columns both formats have', () => {
    expect(evaluate('regulationsIssued', source)).toBeNull();
    expect(evaluate('normativeDocumentsInForce', source)).toBeNull();
    expect(evaluate('feesCollected', source)).toBeNull();
    expect(evaluate('licensingDecisions', source)).toBe(7);
  });
});

describe('zero denominators', () => {
  const source = reportCellSource(emptyReport('2021'));

  it.each([
    'disclosureRate',
    'deniedShare',
    'otherHandlingShare',
    'applicantShare.naturalPerson',
    'carriedForwardRatio',
    'reviewCorrectionRate',
    'litigationCorrectionRate',
  ] as const)('%s is null', (key) => {
    expect(evaluate(key, source)).toBeNull();
  });

  it('keeps counts at 0 (a blank table reads 0, not unknown)', () => {
    expect(evaluate('applicationsNew', source)).toBe(0);
    expect(evaluate('reviewCount', source)).toBe(0);
  });

  it('ignores pending cases in the correction rate', () => {
    const report = withCells(emptyReport('2021'), {
      'reviewLitigation.review.pending': 3,
      'reviewLitigation.review.total': 3,
    });
    expect(evaluate('reviewCorrectionRate', reportCellSource(report))).toBeNull();
  });
});

describe('summing reports', () => {
  const small = withCells(emptyReport('2021'), {
    'applications.granted.total': 1,
    'applications.totalHandled.total': 1,
    'proactive.regulations.issued': 2,
  });
  const large = withCells(emptyReport('2021'), {
    'applications.granted.total': 0,
    'applications.unavailable.notHeld.total': 9,
    'applications.totalHandled.total': 9,
    'proactive.regulations.issued': 3,
  });

  it('computes 公开率 as the ratio of sums, not the average of ratios', () => {
    const summed = sumCellSources([reportCellSource(small), reportCellSource(large)]);
    expect(evaluate('disclosureRate', reportCellSource(small))).toBe(100);
    expect(evaluate('disclosureRate', reportCellSource(large))).toBe(0);
    expect(evaluate('disclosureRate', summed)).toBe(10);
    expect(evaluate('applicationsHandled', summed)).toBe(10);
    expect(evaluate('regulationsIssued', summed)).toBe(5);
  });

  it('matches sums the API computes over exactly the declared cells', () => {
    const reports = [small, large];
    const sums = new Map<string, number>();
    for (const address of metric('disclosureRate').cells) {
      const total = reports.reduce((sum, r) => sum + reportCellSource(r).cell(address), 0);
      if (reports.some((r) => reportCellSource(r).has(address))) sums.set(address, total);
    }
    expect(evaluate('disclosureRate', cellSourceFromValues(sums))).toBe(10);
    expect(evaluate('disclosureRate', cellSourceFromValues({}))).toBeNull();
  });

  it('sums 2021-only cells over the 2021 reports, null when there are none', () => {
    const only2019 = reportCellSource(withCells(emptyReport('2019'), {}));
    expect(evaluate('regulationsIssued', sumCellSources([only2019, reportCellSource(large)]))).toBe(
      3,
    );
    expect(evaluate('regulationsIssued', sumCellSources([only2019, only2019]))).toBeNull();
    expect(evaluate('applicationsNew', sumCellSources([]))).toBeNull();
  });

  it('mixes the two （六） layouts', () => {
    const single = withCells(emptyReport('2019'), {
      'applications.otherHandling.total': 1,
      'applications.totalHandled.total': 2,
    });
    const itemized = withCells(emptyReport('2021'), {
      'applications.otherHandling.other.total': 1,
      'applications.totalHandled.total': 2,
    });
    const summed = sumCellSources([reportCellSource(single), reportCellSource(itemized)]);
    expect(evaluate('otherHandlingShare', summed)).toBe(50);
  });
});

describe('narrative and quality metrics through the catalogue', () => {
  it('evaluates a narrative metric', () => {
    const metrics = emptyReport('2021').narrative.metrics;
    expect(evaluateNarrative('completionRate', [{ ...metrics, completionRate: 90 }])).toBe(90);
  });

  it('evaluates quality metrics with their typed inputs', () => {
    expect(evaluateQuality('onTimeRate', { expected: 10, submitted: 8, onTime: 6 })).toBe(75);
    expect(evaluateQuality('missingReports', { expected: 10, submitted: 8, onTime: 6 })).toBe(2);
    expect(
      evaluateQuality('reportsWithErrors', [
        { findings: [{ severity: 'error' }] },
        { findings: [{ severity: 'warning' }] },
      ]),
    ).toBe(1);
  });
});
