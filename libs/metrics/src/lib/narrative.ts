import type { NarrativeMetrics } from '@atlas/report-model';

/*
 * Metrics read from the text of parts 一 and 六 (narrative.metrics). The text states rates, not
 * their numerators, so across reports the only honest aggregate is a plain mean of the stated
 * values; reports that state nothing are left out rather than counted as 0.
 */

/** What narrative metrics read: the `narrative.metrics` of one or more reports. */
export type NarrativeInput = Pick<
  NarrativeMetrics,
  'completionRate' | 'inspectionPassRates' | 'publishedItems' | 'processingFeeYuan'
>;

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function stated<T>(values: readonly (T | null | undefined)[]): T[] {
  return values.filter((value): value is T => value !== null && value !== undefined);
}

/** 办结率 (percent): the mean of the rates the texts state; null if none states one. */
export function completionRate(inputs: readonly NarrativeInput[]): number | null {
  return mean(stated(inputs.map((input) => input.completionRate)));
}

/** Mean of every 合格率 the texts state (several per report count individually). */
export function inspectionPassRateAverage(inputs: readonly NarrativeInput[]): number | null {
  return mean(
    stated(inputs.map((input) => input.inspectionPassRates))
      .flat()
      .map((r) => r.rate),
  );
}

/** Items published through the channels the texts name ("160 余条" counts as 160). */
export function publishedItemsTotal(inputs: readonly NarrativeInput[]): number | null {
  const lists = stated(inputs.map((input) => input.publishedItems));
  return lists.length === 0 ? null : lists.flat().reduce((sum, item) => sum + item.count, 0);
}

/** 信息公开处理费 in yuan, summed over the reports that state it (未收取 → 0 counts). */
export function processingFeeTotal(inputs: readonly NarrativeInput[]): number | null {
  const fees = stated(inputs.map((input) => input.processingFeeYuan));
  return fees.length === 0 ? null : fees.reduce((sum, fee) => sum + fee, 0);
}
