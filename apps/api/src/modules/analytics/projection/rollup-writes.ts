import type { EntityManager } from 'typeorm';
import {
  ALL_AGENCIES,
  metricValuesOf,
  RANKED_METRIC_KEYS,
  rankedValues,
  RollupDeltas,
  type ReportFact,
  type RollupDelta,
  type RollupTotals,
} from './analytics-fact';
import { loadWithoutIndexes } from './bulk-load';
import {
  FACT_NUMBER_COLUMNS,
  factFromRow,
  type FactRow,
  numberArray,
  placeholders,
  WRITE_BATCH,
} from './fact-rows';

/*
 * analytics_rollup (totals of the reports under each agency) and analytics_metric_value (one
 * row per report and metric, for rankings): changed by deltas, or rebuilt from the facts.
 */

/** Stored amounts have at most four decimals; deltas are rounded so numeric sums stay exact. */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

const ROLLUP_COLUMNS = [
  'node_id',
  'year',
  'agency_kind',
  'agency_level',
  'report_count',
  'on_time_count',
  'days_late_sum',
  'error_report_count',
  'warning_report_count',
  'accepted_count',
  'returned_count',
  'active_report_count',
  'warning_only_count',
  'late_clean_count',
  'carry_over_count',
  'rule_counts',
  'cells',
  'cell_counts',
  'narrative',
  'revision',
] as const;

function rollupParams(delta: RollupDelta, revision: string): unknown[] {
  const { change } = delta;
  return [
    delta.nodeId,
    delta.year,
    delta.agencyKind,
    delta.agencyLevel,
    change.reportCount,
    change.onTimeCount,
    change.daysLateSum,
    change.errorReportCount,
    change.warningReportCount,
    change.acceptedCount,
    change.returnedCount,
    change.activeReportCount,
    change.warningOnlyCount,
    change.lateCleanCount,
    change.carryOverCount,
    JSON.stringify(change.ruleCounts),
    numberArray(change.cells.sums.map(tidy)),
    numberArray(change.cells.counts),
    numberArray(change.narrative.map(tidy)),
    revision,
  ];
}

const ADDITIVE_COLUMNS = ROLLUP_COLUMNS.slice(4, ROLLUP_COLUMNS.indexOf('rule_counts'));

interface ChangedTotalsRow {
  node_id: string;
  year: number;
  report_count: number;
  cells: (string | number | null)[];
  cell_counts: (number | null)[];
  narrative: number[];
}

/**
 * Adds the deltas to their rows (creating missing ones), in the deltas' order, then stores the
 * metric values of the changed rows of all agencies (read by trends and rankings of regions).
 */
export async function applyRollupDeltas(
  manager: EntityManager,
  deltas: readonly RollupDelta[],
  revision: string,
): Promise<void> {
  for (let start = 0; start < deltas.length; start += WRITE_BATCH) {
    const batch = deltas.slice(start, start + WRITE_BATCH);
    const changed = await manager.query<ChangedTotalsRow[]>(
      `INSERT INTO analytics_rollup (${ROLLUP_COLUMNS.join(', ')})
       VALUES ${placeholders(batch.length, ROLLUP_COLUMNS.length)}
       ON CONFLICT (node_id, year, agency_kind, agency_level) DO UPDATE SET
         ${ADDITIVE_COLUMNS.map((c) => `${c} = analytics_rollup.${c} + EXCLUDED.${c}`).join(', ')},
         rule_counts = analytics_add_counts(analytics_rollup.rule_counts, EXCLUDED.rule_counts),
         cells = analytics_add(analytics_rollup.cells, EXCLUDED.cells),
         cell_counts = analytics_add(analytics_rollup.cell_counts, EXCLUDED.cell_counts),
         narrative = analytics_add(analytics_rollup.narrative, EXCLUDED.narrative),
         revision = EXCLUDED.revision
       RETURNING node_id, year, report_count,
                 CASE WHEN agency_kind = '${ALL_AGENCIES}' THEN cells END AS cells,
                 CASE WHEN agency_kind = '${ALL_AGENCIES}' THEN cell_counts END AS cell_counts,
                 CASE WHEN agency_kind = '${ALL_AGENCIES}' THEN narrative END AS narrative`,
      batch.flatMap((delta) => rollupParams(delta, revision)),
    );
    const totals = changed.filter((row) => row.cells !== null);
    if (totals.length === 0) continue;
    await manager.query(
      `UPDATE analytics_rollup r SET metrics = v.metrics::float8[]
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS v(node_id, year, metrics)
        WHERE r.node_id = v.node_id AND r.year = v.year
          AND r.agency_kind = '${ALL_AGENCIES}' AND r.agency_level = '${ALL_AGENCIES}'`,
      [
        totals.map((row) => row.node_id),
        totals.map((row) => row.year),
        totals.map((row) =>
          storedMetrics({
            reportCount: row.report_count,
            cells: {
              sums: row.cells.map((value) => Number(value ?? 0)),
              counts: row.cell_counts.map((value) => Number(value ?? 0)),
            },
            narrative: row.narrative,
          }),
        ),
      ],
    );
  }
}

/** A row of all agencies' metric values as stored (`metrics`; non-finite values as NULL). */
function storedMetrics(totals: Pick<RollupTotals, 'reportCount' | 'cells' | 'narrative'>): string {
  return numberArray(
    metricValuesOf(totals).map((value) =>
      value === null || !Number.isFinite(value) ? null : value,
    ),
  );
}

/**
 * Rows of an emptied analytics_rollup, each delta the whole of its row, with the metric values
 * of the rows of all agencies: one INSERT, where adding to rows takes an upsert, its sums read
 * back and a second write. The metric values come from the sums as stored (rounded by tidy).
 */
async function insertRollupTotals(
  manager: EntityManager,
  deltas: readonly RollupDelta[],
  revision: string,
): Promise<void> {
  const columns = [...ROLLUP_COLUMNS, 'metrics'];
  for (let start = 0; start < deltas.length; start += WRITE_BATCH) {
    const batch = deltas.slice(start, start + WRITE_BATCH);
    await manager.query(
      `INSERT INTO analytics_rollup (${columns.join(', ')})
       VALUES ${placeholders(batch.length, columns.length)}`,
      batch.flatMap((delta) => {
        const { change } = delta;
        const allAgencies =
          delta.agencyKind === ALL_AGENCIES && delta.agencyLevel === ALL_AGENCIES;
        return [
          ...rollupParams(delta, revision),
          allAgencies
            ? storedMetrics({
                reportCount: change.reportCount,
                cells: {
                  sums: Array.from(change.cells.sums, (value) => (value == null ? 0 : tidy(value))),
                  counts: Array.from(change.cells.counts, (value) => value ?? 0),
                },
                narrative: change.narrative.map(tidy),
              })
            : null,
        ];
      }),
    );
  }
}

/** The ranked values of one agency-year: out with the old fact's, in with the new one's. */
export async function replaceRankedValues(
  manager: EntityManager,
  either: ReportFact,
  next: ReportFact | null,
): Promise<void> {
  await manager.query('DELETE FROM analytics_metric_value WHERE agency_id = $1 AND year = $2', [
    either.agencyId,
    either.year,
  ]);
  if (!next) return;
  const values = rankedValues(next);
  if (values.length === 0) return;
  await manager.query(
    `INSERT INTO analytics_metric_value (year, metric, agency_path, agency_id, agency_code, value)
     SELECT $1, m, $2, $3, a.code, v
       FROM unnest($4::smallint[], $5::float8[]) AS u(m, v) JOIN analytics_agency a ON a.id = $3`,
    [
      next.year,
      next.agencyPath,
      next.agencyId,
      values.map((v) => v.metric),
      values.map((v) => v.value),
    ],
  );
}

/**
 * Fills the roll-ups with sums over the facts, one year at a time (bounded memory), and the
 * ranked values with the facts' own. Both tables must be empty: the rebuild truncates them.
 */
export async function rebuildRollups(manager: EntityManager, revision: string): Promise<void> {
  await loadWithoutIndexes(manager, 'analytics_metric_value', () =>
    manager.query(
      `INSERT INTO analytics_metric_value (year, metric, agency_path, agency_id, agency_code, value)
       SELECT f.year, i - 1, f.agency_path, f.agency_id, a.code,
              CASE WHEN i = $1 THEN CASE WHEN f.on_time THEN 100 ELSE 0 END ELSE f.metrics[i] END
         FROM analytics_report f JOIN analytics_agency a ON a.id = f.agency_id
        CROSS JOIN generate_series(1, $1) AS i
        WHERE i = $1 OR (f.metrics[i] IS NOT NULL AND f.metrics[i] <> 'NaN'::float8)`,
      [RANKED_METRIC_KEYS.length],
    ),
  );
  const years = await manager.query<{ year: number }[]>(
    'SELECT DISTINCT year FROM analytics_report ORDER BY year',
  );
  for (const { year } of years) {
    const rows = await manager.query<FactRow[]>(
      `SELECT ${FACT_NUMBER_COLUMNS} FROM analytics_report WHERE year = $1`,
      [year],
    );
    const deltas = new RollupDeltas();
    for (const row of rows) deltas.apply(factFromRow(row), 1);
    await insertRollupTotals(manager, deltas.list(), revision);
  }
}
