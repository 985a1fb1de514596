import { emptyNarrativeMetrics, type NarrativeMetrics } from '@atlas/report-model';
import {
  addNarrativeTotals,
  completionRateOf,
  EMPTY_NARRATIVE_TOTALS,
  inspectionPassRateAverageOf,
  narrativeTotals,
  narrativeTotalsOf,
  processingFeeTotalOf,
  publishedItemsTotalOf,
  completionRate,
  inspectionPassRateAverage,
  processingFeeTotal,
  publishedItemsTotal,
} from './narrative';

function metrics(values: Partial<NarrativeMetrics>): NarrativeMetrics {
  return { ...emptyNarrativeMetrics(), ...values };
}

describe('narrative metrics', () => {
  const stated = metrics({
    completionRate: 100,
    inspectionPassRates: [
      { subject: '检查通报', rate: 100 },
      { subject: '第三方评估', rate: 90 },
    ],
    publishedItems: [
      { channel: '政府信息公开专栏', count: 160, approximate: true },
      { channel: '政务微博', count: 40, approximate: false },
    ],
    processingFeeYuan: 0,
  });
  const silent = metrics({});

  it('averages the stated rates and skips reports that state none', () => {
    expect(completionRate([stated, metrics({ completionRate: 80 }), silent])).toBe(90);
    expect(inspectionPassRateAverage([stated, silent])).toBe(95);
  });

  it('adds published items and fees', () => {
    expect(publishedItemsTotal([stated, stated])).toBe(400);
    expect(processingFeeTotal([stated, metrics({ processingFeeYuan: 25 })])).toBe(25);
  });

  it('is null when no text states the number', () => {
    expect(completionRate([silent])).toBeNull();
    expect(inspectionPassRateAverage([silent, metrics({ inspectionPassRates: [] })])).toBeNull();
    expect(publishedItemsTotal([])).toBeNull();
    expect(processingFeeTotal([silent])).toBeNull();
  });
});

describe('narrative totals', () => {
  const a = metrics({ completionRate: 100, inspectionPassRates: [{ subject: '检查', rate: 90 }] });
  const b = metrics({ completionRate: 80, processingFeeYuan: 0, publishedItems: [] });

  it('add up across reports and give the same means as the lists', () => {
    const totals = narrativeTotals([a, b]);
    expect(totals).toEqual(addNarrativeTotals(narrativeTotalsOf(a), narrativeTotalsOf(b)));
    expect(completionRateOf(totals)).toBe(completionRate([a, b]));
    expect(completionRateOf(totals)).toBe(90);
    expect(inspectionPassRateAverageOf(totals)).toBe(90);
    expect(processingFeeTotalOf(totals)).toBe(0);
    expect(publishedItemsTotalOf(totals)).toBe(0);
  });

  it('subtract a report out again', () => {
    const totals = addNarrativeTotals(narrativeTotals([a, b]), narrativeTotalsOf(b), -1);
    expect(totals).toEqual(narrativeTotalsOf(a));
    expect(processingFeeTotalOf(totals)).toBeNull();
    expect(completionRateOf(EMPTY_NARRATIVE_TOTALS)).toBeNull();
  });
});
