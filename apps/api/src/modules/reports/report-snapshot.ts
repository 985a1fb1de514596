import {
  CELL_METRIC_KEYS,
  evaluate,
  evaluateNarrativeTotals,
  METRICS,
  type NarrativeMetricKey,
  narrativeTotalsOf,
  reportCellSource,
  reportCellVector,
} from '@atlas/metrics';
import type { CanonicalReport, Finding } from '@atlas/report-model';
import type { EntityManager } from 'typeorm';
import type { CountedVersion, ReportSnapshot } from '../../common/events/report-snapshot';
import { readStoredReport } from './report-store';

/*
 * What the reports module publishes of a report for analytics (ReportSnapshot): its status and
 * its latest submitted version, reduced to numbers, metric values and findings.
 */

const NARRATIVE_METRIC_KEYS: readonly NarrativeMetricKey[] = METRICS.filter(
  (m) => m.source === 'narrative',
).map((m) => m.key as NarrativeMetricKey);

/** The numbers, metric values and findings of a submitted version. */
export function countedNumbers(
  canonical: CanonicalReport,
  findings: readonly Finding[],
): Pick<CountedVersion, 'cells' | 'metrics' | 'narrative' | 'findings'> {
  const source = reportCellSource(canonical);
  const narrative = narrativeTotalsOf(canonical.narrative.metrics);
  const metrics: Record<string, number | null> = {};
  for (const key of CELL_METRIC_KEYS) metrics[key] = evaluate(key, source);
  for (const key of NARRATIVE_METRIC_KEYS) metrics[key] = evaluateNarrativeTotals(key, narrative);
  return { cells: reportCellVector(canonical), metrics, narrative, findings };
}

interface SnapshotRow {
  report_id: string;
  agency_id: string;
  year: number;
  status: string;
  version_id: string | null;
  canonical: unknown;
  findings: Finding[] | null;
  submitted_at: Date | null;
  on_time: boolean | null;
  days_late: number | null;
}

/** Each report with its latest submitted version (none yet: nulls). */
const SNAPSHOT_SQL = `
  SELECT r.id AS report_id, r.agency_id, r.year, r.status,
         v.id AS version_id, v.canonical, v.findings, v.submitted_at, v.on_time, v.days_late
    FROM report r
    LEFT JOIN LATERAL (
      SELECT id, canonical, findings, submitted_at, on_time, days_late
        FROM report_version
       WHERE report_id = r.id AND submitted_at IS NOT NULL
       ORDER BY version DESC
       LIMIT 1
    ) v ON true`;

/** Reports per read while replaying (canonical JSON is ~10 KB each). */
const REPLAY_BATCH = 200;

function snapshotOf(row: SnapshotRow): ReportSnapshot {
  const counted =
    row.version_id === null || row.submitted_at === null
      ? null
      : {
          versionId: row.version_id,
          submittedAt: row.submitted_at,
          onTime: row.on_time ?? false,
          daysLate: row.days_late ?? 0,
          ...countedNumbers(
            readStoredReport({ id: row.version_id, canonical: row.canonical }),
            row.findings ?? [],
          ),
        };
  return {
    reportId: row.report_id,
    agencyId: row.agency_id,
    year: row.year,
    status: row.status,
    counted,
  };
}

/** The report's snapshot as the caller's transaction sees it. */
export async function reportSnapshot(
  manager: EntityManager,
  reportId: string,
): Promise<ReportSnapshot> {
  const [row] = await manager.query<SnapshotRow[]>(`${SNAPSHOT_SQL} WHERE r.id = $1`, [reportId]);
  if (!row) throw new Error(`report ${reportId} does not exist`);
  return snapshotOf(row);
}

/** Every report's snapshot, in id order, a batch at a time. Returns how many. */
export async function replayReportSnapshots(
  manager: EntityManager,
  emit: (snapshot: ReportSnapshot) => Promise<void>,
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const rows = await manager.query<SnapshotRow[]>(
      `${SNAPSHOT_SQL} WHERE r.id > $1 ORDER BY r.id LIMIT ${REPLAY_BATCH}`,
      [after],
    );
    if (rows.length === 0) return count;
    after = rows[rows.length - 1].report_id;
    for (const row of rows) await emit(snapshotOf(row));
    count += rows.length;
  }
}
