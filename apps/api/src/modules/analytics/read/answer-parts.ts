import { yearOverYearChange, type YearOverYearChange } from '@atlas/metrics';
import type { RollupTotals } from '../projection/analytics-fact';
import type * as R from '../analytics.types';
import type { AnalyticsScope } from './analytics-scope';

/*
 * Pieces every analytics answer is made of: references to agencies and the scope, rounding,
 * year-over-year changes, missing reports.
 */

/** One answer of the analytics API: the caller's scope and the complete request in, a DTO out. */
export interface AnalyticsQuery<Params, Answer> {
  answer(scope: AnalyticsScope, params: Params): Promise<Answer>;
}

/** The group of a region's own agency when its children are compared (本级). */
export const OWN_GROUP = '__own__';

export function yearsBetween(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function agencyRef(agency: { id: string; code: string; name: string }): R.AgencyRef {
  return { id: agency.id, code: agency.code, name: agency.name };
}

export function scopeRef(scope: AnalyticsScope): R.ScopeRef {
  return { agencies: scope.roots.map(agencyRef), subtree: scope.subtree };
}

export function round(value: number | null, digits = 4): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function change(current: number | null, previous: number | null): YearOverYearChange | null {
  const c = yearOverYearChange(current, previous);
  return c === null ? null : { absolute: round(c.absolute) ?? 0, percent: round(c.percent, 2) };
}

/**
 * Active agencies without a report: expected minus the reports of active agencies (each has at
 * most one a year), so a report from an inactive agency never hides a missing one.
 */
export function missingOf(expected: number, totals: RollupTotals): number {
  return Math.max(0, expected - totals.activeReportCount);
}

/** A listed agency, from analytics_agency. */
export interface UnitRow {
  id: string;
  code: string;
  name: string;
  report_id: string | null;
  status: string | null;
  on_time: boolean | null;
  days_late: number | null;
  error_count: number | null;
}
