import { createHash } from 'node:crypto';
import type { Finding } from '@atlas/report-model';
import {
  addCellTotals,
  CELL_LAYOUT,
  CELL_METRIC_KEYS,
  cellTotalsOf,
  cellTotalsSource,
  emptyCellTotals,
  evaluate,
  evaluateNarrativeTotals,
  isZeroCellTotals,
  METRICS,
  NARRATIVE_TOTAL_KEYS,
  type CellTotals,
  type CellVector,
  type NarrativeMetricKey,
  type NarrativeTotals,
} from '@atlas/metrics';
import type { ReportSnapshot } from '../../../common/events/report-snapshot';
import { pathIdsOf } from '../../agencies';

/*
 * What analytics keeps of one report (its fact) and how a fact adds to the totals of every
 * agency above it (its contribution). Pure: the projection reads and writes the rows.
 */

/** Narrative metrics, in catalogue order; they follow the cell metrics in a fact's `metrics`. */
export const NARRATIVE_METRIC_KEYS: readonly NarrativeMetricKey[] = METRICS.filter(
  (m) => m.source === 'narrative',
).map((m) => m.key as NarrativeMetricKey);

/** The order of `analytics_report.metrics`: every metric one report has a value of by itself. */
export const FACT_METRIC_KEYS: readonly string[] = [...CELL_METRIC_KEYS, ...NARRATIVE_METRIC_KEYS];

/**
 * `analytics_metric_value.metric` numbers: the fact metrics, then the on-time rate of the single
 * report (100 or 0), so that agencies can be ranked by it too.
 */
export const RANKED_METRIC_KEYS: readonly string[] = [...FACT_METRIC_KEYS, 'onTimeRate'];

/** The values a fact contributes to analytics_metric_value (null values are left out). */
export function rankedValues(fact: ReportFact): { metric: number; value: number }[] {
  const values = [...fact.metrics, fact.onTime ? 100 : 0];
  return values.flatMap((value, metric) =>
    value === null || !Number.isFinite(value) ? [] : [{ metric, value }],
  );
}

/**
 * The FACT_METRIC_KEYS values of a set of reports' totals, as the roll-up rows of all agencies
 * store them (ratios of sums; null without reports or with a zero denominator).
 */
export function metricValuesOf(
  totals: Pick<RollupTotals, 'reportCount' | 'cells' | 'narrative'>,
): (number | null)[] {
  const source = cellTotalsSource(totals.cells);
  const narrative = narrativeTotalsFromVector(totals.narrative);
  return [
    ...CELL_METRIC_KEYS.map((key) => (totals.reportCount === 0 ? null : evaluate(key, source))),
    ...NARRATIVE_METRIC_KEYS.map((key) => evaluateNarrativeTotals(key, narrative)),
  ];
}

/** Kind and level of the roll-up rows that hold all reporting agencies together. */
export const ALL_AGENCIES = '*';

/**
 * A digest of every order the stored arrays follow. The index rebuilds what it stored when the
 * code's layout no longer matches the database's.
 */
export const ANALYTICS_LAYOUT_SIGNATURE = createHash('sha256')
  .update(
    JSON.stringify({
      // Bumped when what facts and roll-ups hold changes (e.g. a new counter).
      schema: 2,
      cells: CELL_LAYOUT,
      metrics: FACT_METRIC_KEYS,
      narrative: NARRATIVE_TOTAL_KEYS,
    }),
  )
  .digest('hex');

export interface ReportFact {
  readonly reportId: string;
  readonly versionId: string;
  readonly agencyId: string;
  readonly year: number;
  readonly agencyPath: string;
  readonly agencyKind: string;
  readonly agencyLevel: string;
  /** Whether the agency was active (expected to report) in the report's year. */
  readonly agencyActive: boolean;
  /** The report's workflow status (submitted, accepted, returned, or draft for a newer draft). */
  readonly status: string;
  readonly submittedAt: Date;
  readonly onTime: boolean;
  readonly daysLate: number;
  readonly errorCount: number;
  readonly warningCount: number;
  /** Rules with at least one finding, sorted. */
  readonly failingRules: readonly string[];
  readonly cells: CellVector;
  /** Values in FACT_METRIC_KEYS order. */
  readonly metrics: readonly (number | null)[];
  /** NarrativeTotals in NARRATIVE_TOTAL_KEYS order. */
  readonly narrative: readonly number[];
  /** The counted version's findings, for the quality list. */
  readonly findings: readonly FactFinding[];
}

/** A finding as the quality list shows it. */
export interface FactFinding {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly cells: Finding['cells'];
}

/** Analytics' copy of an agency's place in the tree (analytics_agency), as facts copy it. */
export interface FactAgency {
  readonly path: string;
  readonly kind: string;
  readonly level: string;
  readonly activeFromYear: number | null;
  readonly activeToYear: number | null;
}

/** Whether the agency is active (expected to report) in the year. */
export function isActiveIn(agency: Pick<FactAgency, 'activeFromYear' | 'activeToYear'>, year: number): boolean {
  return (
    (agency.activeFromYear === null || agency.activeFromYear <= year) &&
    (agency.activeToYear === null || agency.activeToYear >= year)
  );
}

/** The fields of a finding the fact keeps, always in this order (facts are compared as JSON). */
export function factFinding(finding: FactFinding): FactFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    cells: finding.cells,
  };
}

/** What analytics counts of a report, placed where its agency now is; null until submitted. */
export function factOf(snapshot: ReportSnapshot, agency: FactAgency): ReportFact | null {
  const counted = snapshot.counted;
  if (counted === null) return null;
  const findings = counted.findings;
  return {
    reportId: snapshot.reportId,
    versionId: counted.versionId,
    agencyId: snapshot.agencyId,
    year: snapshot.year,
    agencyPath: agency.path,
    agencyKind: agency.kind,
    agencyLevel: agency.level,
    agencyActive: isActiveIn(agency, snapshot.year),
    status: snapshot.status,
    submittedAt: counted.submittedAt,
    onTime: counted.onTime,
    daysLate: counted.daysLate,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    failingRules: [...new Set(findings.map((f) => f.rule))].sort(),
    cells: counted.cells,
    metrics: FACT_METRIC_KEYS.map((key) => counted.metrics[key] ?? null),
    narrative: narrativeVector(counted.narrative),
    findings: findings.map(factFinding),
  };
}

export function narrativeVector(totals: NarrativeTotals): number[] {
  return NARRATIVE_TOTAL_KEYS.map((key) => totals[key]);
}

export function narrativeTotalsFromVector(vector: readonly number[]): NarrativeTotals {
  const totals: Record<string, number> = {};
  NARRATIVE_TOTAL_KEYS.forEach((key, i) => (totals[key] = vector[i] ?? 0));
  return totals as unknown as NarrativeTotals;
}

/** Counters of a set of reports; the scalar part of a roll-up row. */
export interface RollupCounters {
  reportCount: number;
  onTimeCount: number;
  daysLateSum: number;
  errorReportCount: number;
  warningReportCount: number;
  acceptedCount: number;
  returnedCount: number;
  /** Reports of agencies active in the year: expected − this = missing, exactly. */
  activeReportCount: number;
  /** Reports with warnings and no error. */
  warningOnlyCount: number;
  /** Late reports without errors (the quality list shows a report once, worst problem first). */
  lateCleanCount: number;
  /** Reports whose carry-over disagrees with last year's (X.CARRY). */
  carryOverCount: number;
}

export const ROLLUP_COUNTER_KEYS = [
  'reportCount',
  'onTimeCount',
  'daysLateSum',
  'errorReportCount',
  'warningReportCount',
  'acceptedCount',
  'returnedCount',
  'activeReportCount',
  'warningOnlyCount',
  'lateCleanCount',
  'carryOverCount',
] as const satisfies readonly (keyof RollupCounters)[];

/** The rule the carry-over check reports under. */
export const CARRY_OVER_RULE = 'X.CARRY';

/** The totals one roll-up row holds, or the change to apply to one. */
export interface RollupTotals extends RollupCounters {
  cells: CellTotals;
  narrative: number[];
  /** Reports with at least one finding of each rule. */
  ruleCounts: Record<string, number>;
}

export function emptyRollupTotals(): RollupTotals {
  return {
    ...emptyReadTotals(),
    cells: emptyCellTotals(),
    narrative: NARRATIVE_TOTAL_KEYS.map(() => 0),
  };
}

/**
 * Totals of no reports for answers: empty arrays (read as zeros, grown by addRollupTotals), so
 * an answer of a thousand groups does not allocate a thousand full cell vectors.
 */
export function emptyReadTotals(): RollupTotals {
  return {
    reportCount: 0,
    onTimeCount: 0,
    daysLateSum: 0,
    errorReportCount: 0,
    warningReportCount: 0,
    acceptedCount: 0,
    returnedCount: 0,
    activeReportCount: 0,
    warningOnlyCount: 0,
    lateCleanCount: 0,
    carryOverCount: 0,
    cells: { sums: [], counts: [] },
    narrative: [],
    ruleCounts: {},
  };
}

/** target += sign × other, in place. */
export function addRollupTotals(
  target: RollupTotals,
  other: RollupTotals,
  sign: 1 | -1 = 1,
): RollupTotals {
  for (const key of ROLLUP_COUNTER_KEYS) target[key] += sign * other[key];
  addCellTotals(target.cells, other.cells, sign);
  for (let i = 0; i < Math.min(NARRATIVE_TOTAL_KEYS.length, other.narrative.length); i++)
    target.narrative[i] = (target.narrative[i] ?? 0) + sign * (other.narrative[i] ?? 0);
  for (const [rule, count] of Object.entries(other.ruleCounts)) {
    const sum = (target.ruleCounts[rule] ?? 0) + sign * count;
    if (sum === 0) delete target.ruleCounts[rule];
    else target.ruleCounts[rule] = sum;
  }
  return target;
}

/** What one report adds to each roll-up row above it. */
export function contributionOf(fact: ReportFact): RollupTotals {
  return {
    ...countersOf(fact),
    cells: cellTotalsOf(fact.cells),
    narrative: [...fact.narrative],
    ruleCounts: Object.fromEntries(fact.failingRules.map((rule) => [rule, 1])),
  };
}

/** The counters one report adds to each roll-up row above it. */
export function countersOf(
  fact: Pick<
    ReportFact,
    | 'onTime'
    | 'daysLate'
    | 'errorCount'
    | 'warningCount'
    | 'status'
    | 'agencyActive'
    | 'failingRules'
  >,
): Omit<RollupTotals, 'cells' | 'narrative' | 'ruleCounts'> {
  return {
    reportCount: 1,
    onTimeCount: fact.onTime ? 1 : 0,
    daysLateSum: fact.daysLate,
    errorReportCount: fact.errorCount > 0 ? 1 : 0,
    warningReportCount: fact.warningCount > 0 ? 1 : 0,
    acceptedCount: fact.status === 'accepted' ? 1 : 0,
    returnedCount: fact.status === 'returned' ? 1 : 0,
    activeReportCount: fact.agencyActive ? 1 : 0,
    warningOnlyCount: fact.errorCount === 0 && fact.warningCount > 0 ? 1 : 0,
    lateCleanCount: !fact.onTime && fact.errorCount === 0 ? 1 : 0,
    carryOverCount: fact.failingRules.includes(CARRY_OVER_RULE) ? 1 : 0,
  };
}

export function isZeroRollupTotals(totals: RollupTotals): boolean {
  return (
    ROLLUP_COUNTER_KEYS.every((key) => totals[key] === 0) &&
    isZeroCellTotals(totals.cells) &&
    totals.narrative.every((value) => value === 0) &&
    Object.keys(totals.ruleCounts).length === 0
  );
}

/** Identifies a roll-up row. */
export interface RollupKey {
  readonly nodeId: string;
  readonly year: number;
  readonly agencyKind: string;
  readonly agencyLevel: string;
}

export interface RollupDelta extends RollupKey {
  readonly change: RollupTotals;
}

export function rollupKeyString(key: RollupKey): string {
  return `${key.nodeId}|${key.year}|${key.agencyKind}|${key.agencyLevel}`;
}

/**
 * Accumulates the roll-up changes of many fact changes (a report resubmitted: out with the old
 * fact, in with the new one; an agency moved: out of the old ancestors, into the new ones).
 */
export class RollupDeltas {
  private readonly deltas = new Map<string, RollupDelta>();

  /**
   * Adds (sign 1) or removes (sign −1) a fact under every agency on its path: to the row of its
   * kind and level, and to the row of all agencies (kind and level '*').
   */
  apply(fact: ReportFact, sign: 1 | -1): this {
    const contribution = contributionOf(fact);
    for (const nodeId of pathIdsOf(fact.agencyPath)) {
      for (const [agencyKind, agencyLevel] of [
        [fact.agencyKind, fact.agencyLevel],
        [ALL_AGENCIES, ALL_AGENCIES],
      ]) {
        const key = { nodeId, year: fact.year, agencyKind, agencyLevel };
        const id = rollupKeyString(key);
        let delta = this.deltas.get(id);
        if (!delta) {
          delta = { ...key, change: emptyRollupTotals() };
          this.deltas.set(id, delta);
        }
        addRollupTotals(delta.change, contribution, sign);
      }
    }
    return this;
  }

  /**
   * The non-zero changes, in key order: every writer updates rows in the same order, so two
   * transactions never wait on each other in a cycle.
   */
  list(): RollupDelta[] {
    return [...this.deltas.entries()]
      .filter(([, delta]) => !isZeroRollupTotals(delta.change))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, delta]) => delta);
  }
}
