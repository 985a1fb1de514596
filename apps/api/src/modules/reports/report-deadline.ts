import type { AgencyKind } from '@atlas/api-contract';
import { localDate } from '../../common/reporting-calendar';

/**
 * 条例 第四十九条: a department's report on a year is due by 31 January of the next; a people's
 * government's own report (published by its 政务公开 office) by 31 March. Towns, subdistricts and
 * zones report to their county like departments; a region that rules otherwise sets deadlines.
 */
export function statutoryDueDate(year: number, kind: AgencyKind | null = null): string {
  return kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

export type DeadlineSource = 'agency' | 'ancestor' | 'year' | 'statutory';

export interface DeadlineRule {
  readonly agencyId: string | null;
  readonly dueDate: string;
}

export interface EffectiveDeadline {
  readonly dueDate: string;
  readonly source: DeadlineSource;
  /** The agency whose override applies (source agency or ancestor). */
  readonly agencyId: string | null;
}

/**
 * The most specific rule for an agency: its own, else its nearest ancestor's, else the year's
 * default row, else the statutory date for its kind. `agencyPath` lists ids from the root down
 * to the agency.
 */
export function effectiveDeadline(
  year: number,
  agencyPath: readonly string[],
  rules: readonly DeadlineRule[],
  kind: AgencyKind | null = null,
): EffectiveDeadline {
  for (let depth = agencyPath.length - 1; depth >= 0; depth--) {
    const rule = rules.find((candidate) => candidate.agencyId === agencyPath[depth]);
    if (rule) {
      return {
        dueDate: rule.dueDate,
        source: depth === agencyPath.length - 1 ? 'agency' : 'ancestor',
        agencyId: rule.agencyId,
      };
    }
  }
  const yearDefault = rules.find((rule) => rule.agencyId === null);
  if (yearDefault) return { dueDate: yearDefault.dueDate, source: 'year', agencyId: null };
  return { dueDate: statutoryDueDate(year, kind), source: 'statutory', agencyId: null };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    DAY_MS
  );
}

/** On time when submitted on or before the due date (a Chinese calendar day); else days late. */
export function assessTimeliness(
  submittedAt: Date,
  dueDate: string,
): { onTime: boolean; daysLate: number } {
  const daysLate = Math.max(0, dayNumber(localDate(submittedAt)) - dayNumber(dueDate));
  return { onTime: daysLate === 0, daysLate };
}

/** A real calendar date written YYYY-MM-DD (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
