import type { NarrativeMetrics } from '@atlas/report-model';

/*
 * Metrics read from the text of parts 一 and 六 (narrative.metrics). The text states rates, not
 * their numerators, so across reports the only honest aggregate is a plain mean of the stated
 * values; reports that state nothing are left out rather than counted as 0.
 *
 * Every aggregate goes through NarrativeTotals (sums and counts), which add up across reports:
 * the API keeps them per region and year and evaluates the same functions on them.
 */

/** What narrative metrics read: the `narrative.metrics` of one or more reports. */
export type NarrativeInput = Pick<
  NarrativeMetrics,
  'completionRate' | 'inspectionPassRates' | 'publishedItems' | 'processingFeeYuan'
>;

/** Sums and counts of what the texts state; adding two totals merges two sets of reports. */
export interface NarrativeTotals {
  readonly completionRateSum: number;
  /** Reports that state a 办结率. */
  readonly completionRateCount: number;
  readonly inspectionPassRateSum: number;
  /** Stated 合格率 (several per report count individually). */
  readonly inspectionPassRateCount: number;
  readonly publishedItemsSum: number;
  /** Reports that name at least a list of channels (possibly empty). */
  readonly publishedItemsReports: number;
  readonly processingFeeSum: number;
  /** Reports that state the fee (未收取 → 0 counts). */
  readonly processingFeeReports: number;
}

export const NARRATIVE_TOTAL_KEYS = [
  'completionRateSum',
  'completionRateCount',
  'inspectionPassRateSum',
  'inspectionPassRateCount',
  'publishedItemsSum',
  'publishedItemsReports',
  'processingFeeSum',
  'processingFeeReports',
] as const satisfies readonly (keyof NarrativeTotals)[];

export const EMPTY_NARRATIVE_TOTALS: NarrativeTotals = Object.freeze({
  completionRateSum: 0,
  completionRateCount: 0,
  inspectionPassRateSum: 0,
  inspectionPassRateCount: 0,
  publishedItemsSum: 0,
  publishedItemsReports: 0,
  processingFeeSum: 0,
  processingFeeReports: 0,
});

function isStated<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** The totals of one report's text. */
export function narrativeTotalsOf(input: NarrativeInput): NarrativeTotals {
  const rates = input.inspectionPassRates ?? [];
  const items = input.publishedItems;
  return {
    completionRateSum: input.completionRate ?? 0,
    completionRateCount: isStated(input.completionRate) ? 1 : 0,
    inspectionPassRateSum: rates.reduce((sum, rate) => sum + rate.rate, 0),
    inspectionPassRateCount: rates.length,
    publishedItemsSum: (items ?? []).reduce((sum, item) => sum + item.count, 0),
    publishedItemsReports: isStated(items) ? 1 : 0,
    processingFeeSum: input.processingFeeYuan ?? 0,
    processingFeeReports: isStated(input.processingFeeYuan) ? 1 : 0,
  };
}

/** a + sign × b, field by field (sign −1 takes a report out again). */
export function addNarrativeTotals(
  a: NarrativeTotals,
  b: NarrativeTotals,
  sign: 1 | -1 = 1,
): NarrativeTotals {
  const sum: Record<string, number> = {};
  for (const key of NARRATIVE_TOTAL_KEYS) sum[key] = a[key] + sign * b[key];
  return sum as unknown as NarrativeTotals;
}

export function narrativeTotals(inputs: readonly NarrativeInput[]): NarrativeTotals {
  return inputs.reduce<NarrativeTotals>(
    (totals, input) => addNarrativeTotals(totals, narrativeTotalsOf(input)),
    EMPTY_NARRATIVE_TOTALS,
  );
}

function meanOf(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

/** 办结率 (percent): the mean of the rates the texts state; null if none states one. */
export function completionRateOf(totals: NarrativeTotals): number | null {
  return meanOf(totals.completionRateSum, totals.completionRateCount);
}

/** Mean of every 合格率 the texts state. */
export function inspectionPassRateAverageOf(totals: NarrativeTotals): number | null {
  return meanOf(totals.inspectionPassRateSum, totals.inspectionPassRateCount);
}

/** Items published through the channels the texts name ("160 余条" counts as 160). */
export function publishedItemsTotalOf(totals: NarrativeTotals): number | null {
  return totals.publishedItemsReports === 0 ? null : totals.publishedItemsSum;
}

/** 信息公开处理费 in yuan, summed over the reports that state it. */
export function processingFeeTotalOf(totals: NarrativeTotals): number | null {
  return totals.processingFeeReports === 0 ? null : totals.processingFeeSum;
}

export const completionRate = (inputs: readonly NarrativeInput[]) =>
  completionRateOf(narrativeTotals(inputs));
export const inspectionPassRateAverage = (inputs: readonly NarrativeInput[]) =>
  inspectionPassRateAverageOf(narrativeTotals(inputs));
export const publishedItemsTotal = (inputs: readonly NarrativeInput[]) =>
  publishedItemsTotalOf(narrativeTotals(inputs));
export const processingFeeTotal = (inputs: readonly NarrativeInput[]) =>
  processingFeeTotalOf(narrativeTotals(inputs));
