import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Finding } from '@atlas/report-model';
import { DataSource, type EntityManager } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { readStoredReport } from '../reports/report-store';
import {
  ALL_AGENCIES,
  ANALYTICS_LAYOUT_SIGNATURE,
  factNumbers,
  metricValuesOf,
  rankedValues,
  RANKED_METRIC_KEYS,
  RollupDeltas,
  type ReportFact,
  type RollupDelta,
} from './analytics-fact';

/**
 * Rebuilds hold this lock exclusively (several replicas may start at once); incremental writers
 * hold it shared, so they never interleave with a rebuild but never wait on each other.
 */
const INDEX_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('atlas.analytics_index'))`;
const INDEX_SHARED_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(hashtext('atlas.analytics_index'))`;
/** Rows per multi-row INSERT. */
const WRITE_BATCH = 200;
/** Reports per read while rebuilding facts (canonical JSON is ~10 KB each). */
const REBUILD_BATCH = 200;

/** Stored amounts have at most four decimals; deltas are rounded so numeric sums stay exact. */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

interface FactSourceRow {
  report_id: string;
  agency_id: string;
  year: number;
  status: string;
  agency_path: string;
  agency_kind: string;
  agency_level: string;
  agency_active: boolean;
  version_id: string | null;
  canonical: unknown;
  findings: Finding[] | null;
  submitted_at: Date | null;
  on_time: boolean | null;
  days_late: number | null;
}

/** Whether agency `alias` is active (expected to report) in `year`. */
export function activeSql(alias: string, year: string): string {
  return `((${alias}.active_from_year IS NULL OR ${alias}.active_from_year <= ${year})
       AND (${alias}.active_to_year IS NULL OR ${alias}.active_to_year >= ${year}))`;
}

/** The latest submitted version of each report, with its agency's place in the tree. */
const FACT_SOURCE_SQL = `
  SELECT r.id AS report_id, r.agency_id, r.year, r.status,
         a.path AS agency_path, a.kind AS agency_kind, a.level AS agency_level,
         ${activeSql('a', 'r.year')} AS agency_active,
         v.id AS version_id, v.canonical, v.findings, v.submitted_at, v.on_time, v.days_late
    FROM report r
    JOIN agency a ON a.id = r.agency_id
    LEFT JOIN LATERAL (
      SELECT id, canonical, findings, submitted_at, on_time, days_late
        FROM report_version
       WHERE report_id = r.id AND submitted_at IS NOT NULL
       ORDER BY version DESC
       LIMIT 1
    ) v ON true`;

interface FactRow {
  report_id: string;
  version_id: string;
  agency_id: string;
  year: number;
  agency_path: string;
  agency_kind: string;
  agency_level: string;
  agency_active: boolean;
  status: string;
  submitted_at: Date;
  on_time: boolean;
  days_late: number;
  error_count: number;
  warning_count: number;
  failing_rules: string[];
  cells: (string | null)[];
  metrics: (number | null)[];
  narrative: number[];
}

export function factFromRow(row: FactRow): ReportFact {
  return {
    reportId: row.report_id,
    versionId: row.version_id,
    agencyId: row.agency_id,
    year: row.year,
    agencyPath: row.agency_path,
    agencyKind: row.agency_kind,
    agencyLevel: row.agency_level,
    agencyActive: row.agency_active,
    status: row.status,
    submittedAt: row.submitted_at,
    onTime: row.on_time,
    daysLate: row.days_late,
    errorCount: row.error_count,
    warningCount: row.warning_count,
    failingRules: row.failing_rules,
    cells: row.cells.map((value) => (value === null ? null : Number(value))),
    metrics: row.metrics,
    narrative: row.narrative,
  };
}

const FACT_COLUMNS = [
  'report_id',
  'version_id',
  'agency_id',
  'year',
  'agency_path',
  'agency_kind',
  'agency_level',
  'agency_active',
  'status',
  'submitted_at',
  'on_time',
  'days_late',
  'error_count',
  'warning_count',
  'failing_rules',
  'cells',
  'metrics',
  'narrative',
  'revision',
] as const;

function factParams(fact: ReportFact, revision: string): unknown[] {
  return [
    fact.reportId,
    fact.versionId,
    fact.agencyId,
    fact.year,
    fact.agencyPath,
    fact.agencyKind,
    fact.agencyLevel,
    fact.agencyActive,
    fact.status,
    fact.submittedAt,
    fact.onTime,
    fact.daysLate,
    fact.errorCount,
    fact.warningCount,
    fact.failingRules,
    fact.cells,
    fact.metrics,
    fact.narrative,
    revision,
  ];
}

function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, row) =>
      `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`,
  ).join(', ');
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
    change.cells.sums.map(tidy),
    change.cells.counts,
    change.narrative.map(tidy),
    revision,
  ];
}

const ADDITIVE_COLUMNS = ROLLUP_COLUMNS.slice(4, ROLLUP_COLUMNS.indexOf('rule_counts'));

/**
 * Keeps analytics_report and analytics_rollup in step with the reports: every report write
 * calls refreshReport inside its own transaction, so the totals never disagree with the reports
 * a committed transaction left behind. Agency tree changes move facts between ancestors.
 */
@Injectable()
export class AnalyticsIndexService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsIndexService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
  ) {}

  onModuleInit(): void {
    this.agencies.registerTreeChangeListener((manager) => this.syncWithTree(manager));
  }

  /** A database written by an older layout (or before analytics existed) is rebuilt once. */
  async onApplicationBootstrap(): Promise<void> {
    const [state] = await this.dataSource.query<{ layout: string | null }[]>(
      'SELECT layout FROM analytics_state WHERE id = 1',
    );
    if (state?.layout === ANALYTICS_LAYOUT_SIGNATURE) return;
    const started = Date.now();
    const reports = await this.rebuild();
    this.logger.log(`analytics index rebuilt: ${reports} reports in ${Date.now() - started} ms`);
  }

  /** Recomputes the report's fact and moves its roll-up contribution accordingly. */
  async refreshReport(manager: EntityManager, reportId: string): Promise<void> {
    await manager.query(INDEX_SHARED_LOCK_SQL);
    // FOR SHARE: a concurrent move of the agency waits for this transaction, or this one for
    // the move, so the fact never keeps a path the tree no longer has.
    const [source] = await manager.query<FactSourceRow[]>(
      `${FACT_SOURCE_SQL} WHERE r.id = $1 FOR SHARE OF a`,
      [reportId],
    );
    const [storedRow] = await manager.query<FactRow[]>(
      'SELECT * FROM analytics_report WHERE report_id = $1 FOR UPDATE',
      [reportId],
    );
    const stored = storedRow ? factFromRow(storedRow) : null;
    const next = source ? factFromSource(source) : null;
    if (stored === null && next === null) return;
    if (stored && next && JSON.stringify(stored) === JSON.stringify(next)) return;

    const deltas = new RollupDeltas();
    if (stored) deltas.apply(stored, -1);
    if (next) deltas.apply(next, 1);
    const revision = await nextRevision(manager);
    if (next) await writeFacts(manager, [next], revision);
    else await manager.query('DELETE FROM analytics_report WHERE report_id = $1', [reportId]);
    await replaceRankedValues(manager, (stored ?? next) as ReportFact, next);
    await applyRollupDeltas(manager, deltas.list(), revision);
  }

  /**
   * After an agency was moved or changed kind or level (inside the tree's transaction): every
   * fact whose copy of the agency differs is taken out of its old rows and into its new ones.
   */
  async syncWithTree(manager: EntityManager): Promise<void> {
    await manager.query(INDEX_SHARED_LOCK_SQL);
    const stale = await manager.query<
      (FactRow & { path: string; kind: string; level: string; active: boolean })[]
    >(
      `SELECT * FROM (
         SELECT f.*, a.path, a.kind, a.level, ${activeSql('a', 'f.year')} AS active
           FROM analytics_report f JOIN agency a ON a.id = f.agency_id
       ) joined
        WHERE agency_path <> path OR agency_kind <> kind OR agency_level <> level
           OR agency_active <> active
        ORDER BY report_id`,
    );
    await manager.query(
      'UPDATE analytics_state SET tree_revision = tree_revision + 1 WHERE id = 1',
    );
    if (stale.length === 0) return;
    const deltas = new RollupDeltas();
    const moved: ReportFact[] = [];
    for (const row of stale) {
      const old = factFromRow(row);
      const now = {
        ...old,
        agencyPath: row.path,
        agencyKind: row.kind,
        agencyLevel: row.level,
        agencyActive: row.active,
      };
      deltas.apply(old, -1).apply(now, 1);
      moved.push(now);
    }
    const revision = await nextRevision(manager);
    await writeFacts(manager, moved, revision);
    await manager.query(
      `UPDATE analytics_metric_value m SET agency_path = f.agency_path
         FROM analytics_report f
        WHERE f.agency_id = m.agency_id AND f.year = m.year AND f.agency_path <> m.agency_path`,
    );
    await applyRollupDeltas(manager, deltas.list(), revision);
  }

  /**
   * Recomputes every fact from the stored versions and every roll-up from the facts. Returns the
   * number of facts. Used when the layout changes and by the benchmark after its bulk load.
   */
  async rebuild(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(INDEX_LOCK_SQL);
      await manager.query('DELETE FROM analytics_rollup');
      await manager.query('DELETE FROM analytics_report');
      const revision = await nextRevision(manager);
      let after = '00000000-0000-0000-0000-000000000000';
      let count = 0;
      for (;;) {
        const rows = await manager.query<FactSourceRow[]>(
          `${FACT_SOURCE_SQL} WHERE r.id > $1 ORDER BY r.id LIMIT ${REBUILD_BATCH}`,
          [after],
        );
        if (rows.length === 0) break;
        after = rows[rows.length - 1].report_id;
        const facts = rows.map(factFromSource).filter((fact): fact is ReportFact => fact !== null);
        await writeFacts(manager, facts, revision);
        count += facts.length;
      }
      await rebuildRollups(manager, revision);
      await manager.query('UPDATE analytics_state SET layout = $1 WHERE id = 1', [
        ANALYTICS_LAYOUT_SIGNATURE,
      ]);
      return count;
    });
  }
}

function factFromSource(row: FactSourceRow): ReportFact | null {
  if (row.version_id === null || row.submitted_at === null) return null;
  const canonical = readStoredReport({ id: row.version_id, canonical: row.canonical });
  return {
    reportId: row.report_id,
    versionId: row.version_id,
    agencyId: row.agency_id,
    year: row.year,
    agencyPath: row.agency_path,
    agencyKind: row.agency_kind,
    agencyLevel: row.agency_level,
    agencyActive: row.agency_active,
    status: row.status,
    submittedAt: row.submitted_at,
    onTime: row.on_time ?? false,
    daysLate: row.days_late ?? 0,
    ...factNumbers(canonical, row.findings ?? []),
  };
}

async function nextRevision(manager: EntityManager): Promise<string> {
  const [row] = await manager.query<{ revision: string }[]>(
    "SELECT nextval('analytics_revision_seq')::text AS revision",
  );
  return row.revision;
}

/** Upserts facts (one report each). */
export async function writeFacts(
  manager: EntityManager,
  facts: readonly ReportFact[],
  revision: string,
): Promise<void> {
  for (let start = 0; start < facts.length; start += WRITE_BATCH) {
    const batch = facts.slice(start, start + WRITE_BATCH);
    await manager.query(
      `INSERT INTO analytics_report (${FACT_COLUMNS.join(', ')})
       VALUES ${placeholders(batch.length, FACT_COLUMNS.length)}
       ON CONFLICT (report_id) DO UPDATE SET
         ${FACT_COLUMNS.slice(1)
           .map((column) => `${column} = EXCLUDED.${column}`)
           .join(', ')}`,
      batch.flatMap((fact) => factParams(fact, revision)),
    );
  }
}

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
        totals.map((row) => {
          const values = metricValuesOf({
            reportCount: row.report_count,
            cells: {
              sums: row.cells.map((value) => Number(value ?? 0)),
              counts: row.cell_counts.map((value) => Number(value ?? 0)),
            },
            narrative: row.narrative,
          });
          return `{${values.map((value) => (value === null || !Number.isFinite(value) ? 'NULL' : String(value))).join(',')}}`;
        }),
      ],
    );
  }
}

/** The ranked values of one agency-year: out with the old fact's, in with the new one's. */
async function replaceRankedValues(
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
       FROM unnest($4::smallint[], $5::float8[]) AS u(m, v) JOIN agency a ON a.id = $3`,
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
 * Replaces every roll-up row by sums over the facts, one year at a time (bounded memory), and
 * every ranked value by the facts' own.
 */
export async function rebuildRollups(manager: EntityManager, revision: string): Promise<void> {
  await manager.query('DELETE FROM analytics_metric_value');
  await manager.query(
    `INSERT INTO analytics_metric_value (year, metric, agency_path, agency_id, agency_code, value)
     SELECT f.year, i - 1, f.agency_path, f.agency_id, a.code,
            CASE WHEN i = $1 THEN CASE WHEN f.on_time THEN 100 ELSE 0 END ELSE f.metrics[i] END
       FROM analytics_report f JOIN agency a ON a.id = f.agency_id
      CROSS JOIN generate_series(1, $1) AS i
      WHERE i = $1 OR (f.metrics[i] IS NOT NULL AND f.metrics[i] <> 'NaN'::float8)`,
    [RANKED_METRIC_KEYS.length],
  );
  await manager.query('DELETE FROM analytics_rollup');
  const years = await manager.query<{ year: number }[]>(
    'SELECT DISTINCT year FROM analytics_report ORDER BY year',
  );
  for (const { year } of years) {
    const rows = await manager.query<FactRow[]>('SELECT * FROM analytics_report WHERE year = $1', [
      year,
    ]);
    const deltas = new RollupDeltas();
    for (const row of rows) deltas.apply(factFromRow(row), 1);
    await applyRollupDeltas(manager, deltas.list(), revision);
  }
}
