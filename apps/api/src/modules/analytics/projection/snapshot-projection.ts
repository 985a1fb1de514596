import type { EntityManager } from 'typeorm';
import type { ReportSnapshot } from '../../../common/events/report-snapshot';
import { type FactAgency, factOf, RollupDeltas } from './analytics-fact';
import { factFromRow, type FactRow, nextRevision, writeFacts } from './fact-rows';
import { applyRollupDeltas, replaceRankedValues } from './rollup-writes';

/**
 * Rebuilds hold this lock exclusively (several replicas may start at once); incremental writers
 * hold it shared, so they never interleave with a rebuild but never wait on each other.
 */
export const PROJECTION_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('atlas.analytics_index'))`;
export const PROJECTION_SHARED_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(hashtext('atlas.analytics_index'))`;

/** analytics_agency columns as a FactAgency. */
export const FACT_AGENCY_COLUMNS = `path, kind, level, active_from_year AS "activeFromYear",
  active_to_year AS "activeToYear"`;

/**
 * Replaces the report's fact by the snapshot's and moves its roll-up contribution accordingly,
 * in the publisher's transaction.
 */
export async function projectSnapshot(
  manager: EntityManager,
  snapshot: ReportSnapshot,
): Promise<void> {
  await manager.query(PROJECTION_SHARED_LOCK_SQL);
  // FOR SHARE: a concurrent move of the agency waits for this transaction, or this one for the
  // move, so the fact never keeps a place the tree no longer has.
  const [agency] = await manager.query<FactAgency[]>(
    `SELECT ${FACT_AGENCY_COLUMNS} FROM analytics_agency WHERE id = $1 FOR SHARE`,
    [snapshot.agencyId],
  );
  if (!agency)
    throw new Error(
      `agency ${snapshot.agencyId} is not in analytics' copy of the tree (was the tree published?)`,
    );
  const [storedRow] = await manager.query<FactRow[]>(
    'SELECT * FROM analytics_report WHERE report_id = $1 FOR UPDATE',
    [snapshot.reportId],
  );
  const stored = storedRow ? factFromRow(storedRow) : null;
  const next = factOf(snapshot, agency);
  if (stored === null && next === null) return;
  if (stored && next && JSON.stringify(stored) === JSON.stringify(next)) return;

  const deltas = new RollupDeltas();
  if (stored) deltas.apply(stored, -1);
  if (next) deltas.apply(next, 1);
  const revision = await nextRevision(manager);
  if (next) await writeFacts(manager, [next], revision);
  else
    await manager.query('DELETE FROM analytics_report WHERE report_id = $1', [snapshot.reportId]);
  await replaceRankedValues(manager, stored ?? (next as NonNullable<typeof next>), next);
  await applyRollupDeltas(manager, deltas.list(), revision);
}
