import type { EntityManager } from 'typeorm';
import type { AgencyPlacement } from '../../../common/events/agency-tree-changed';
import { RollupDeltas, type ReportFact } from './analytics-fact';
import { FACT_NUMBER_COLUMNS, factFromRow, type FactRow, nextRevision, writeFacts } from './fact-rows';
import { applyRollupDeltas } from './rollup-writes';

/*
 * analytics_agency, analytics' copy of the agency tree, set equal to the tree each
 * 'agency.tree-changed' event carries; and what depends on where agencies are: the reports each
 * subtree expects (analytics_expected), the facts' copies of their agency's place, the codes
 * rankings order by.
 */

/** Whether agency `alias` is active (expected to report) in `year`. */
export function activeSql(alias: string, year: string): string {
  return `((${alias}.active_from_year IS NULL OR ${alias}.active_from_year <= ${year})
       AND (${alias}.active_to_year IS NULL OR ${alias}.active_to_year >= ${year}))`;
}

const INCOMING_SQL = `
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::text[], $8::int[], $9::int[])
    AS t(id, parent_id, code, name, path, kind, level, active_from_year, active_to_year)`;

const PLACE_COLUMNS = 'path, kind, level, active_from_year, active_to_year';
const ALL_COLUMNS = `parent_id, code, name, ${PLACE_COLUMNS}`;

function columnsOf(agencies: readonly AgencyPlacement[]): unknown[] {
  return [
    agencies.map((a) => a.id),
    agencies.map((a) => a.parentId),
    agencies.map((a) => a.code),
    agencies.map((a) => a.name),
    agencies.map((a) => a.path),
    agencies.map((a) => a.kind),
    agencies.map((a) => a.level),
    agencies.map((a) => a.activeFromYear),
    agencies.map((a) => a.activeToYear),
  ];
}

const tuple = (alias: string, columns: string) =>
  `(${columns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ')})`;

/**
 * Makes analytics_agency equal to the tree. Only when a place in the tree or an active year
 * changed are the expected reports recounted and the facts moved; a rename or a new code only
 * changes names and the codes rankings order by. Every change bumps the tree revision (ETags).
 */
export async function projectAgencyTree(
  manager: EntityManager,
  agencies: readonly AgencyPlacement[],
): Promise<void> {
  const columns = columnsOf(agencies);
  const [diff] = await manager.query<{ changed: number; placed: number; recoded: string[] | null }[]>(
    `WITH incoming AS (${INCOMING_SQL})
     SELECT count(*) FILTER (WHERE a.id IS NULL OR i.id IS NULL
                               OR ${tuple('a', ALL_COLUMNS)} IS DISTINCT FROM ${tuple('i', ALL_COLUMNS)})::int AS changed,
            count(*) FILTER (WHERE a.id IS NULL OR i.id IS NULL
                               OR ${tuple('a', PLACE_COLUMNS)} IS DISTINCT FROM ${tuple('i', PLACE_COLUMNS)})::int AS placed,
            array_agg(i.id) FILTER (WHERE a.id IS NOT NULL AND a.code IS DISTINCT FROM i.code) AS recoded
       FROM incoming i FULL JOIN analytics_agency a ON a.id = i.id`,
    columns,
  );
  if (!diff || diff.changed === 0) return;
  await manager.query('DELETE FROM analytics_agency WHERE NOT (id = ANY($1::uuid[]))', [columns[0]]);
  await manager.query(
    `INSERT INTO analytics_agency (id, ${ALL_COLUMNS}) ${INCOMING_SQL}
     ON CONFLICT (id) DO UPDATE SET
       ${ALL_COLUMNS.split(', ')
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}
     WHERE ${tuple('analytics_agency', ALL_COLUMNS)} IS DISTINCT FROM ${tuple('EXCLUDED', ALL_COLUMNS)}`,
    columns,
  );
  if (diff.recoded && diff.recoded.length > 0)
    await manager.query(
      `UPDATE analytics_metric_value m SET agency_code = a.code
         FROM analytics_agency a
        WHERE a.id = m.agency_id AND m.agency_id = ANY($1::uuid[])`,
      [diff.recoded],
    );
  if (diff.placed > 0) {
    await recountExpected(manager);
    await moveFacts(manager);
  }
  await manager.query('UPDATE analytics_state SET tree_revision = tree_revision + 1 WHERE id = 1');
}

/**
 * Counts the agencies under each agency by kind, level and active years: every agency counts in
 * its own row and in each ancestor's (its path lists them). About 0.2 s at 10,000 agencies; the
 * lock makes concurrent recounts take turns.
 */
export async function recountExpected(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('analytics_expected'))`);
  await manager.query('DELETE FROM analytics_expected');
  await manager.query(`
    INSERT INTO analytics_expected
           (node_id, agency_kind, agency_level, active_from_year, active_to_year, agency_count)
    SELECT node.id, a.kind, a.level, a.active_from_year, a.active_to_year, count(*)
      FROM analytics_agency a CROSS JOIN LATERAL unnest(string_to_array(a.path, '.')::uuid[]) AS node(id)
     GROUP BY 1, 2, 3, 4, 5`);
}

/**
 * Every fact whose copy of its agency's place differs from the tree is taken out of its old
 * roll-up rows and into its new ones.
 */
async function moveFacts(manager: EntityManager): Promise<void> {
  const stale = await manager.query<
    (FactRow & { path: string; kind: string; level: string; active: boolean })[]
  >(
    `SELECT * FROM (
       SELECT ${FACT_NUMBER_COLUMNS
         .split(', ')
         .map((c) => `f.${c}`)
         .join(', ')}, f.findings,
              a.path, a.kind, a.level, ${activeSql('a', 'f.year')} AS active
         FROM analytics_report f JOIN analytics_agency a ON a.id = f.agency_id
     ) joined
      WHERE agency_path <> path OR agency_kind <> kind OR agency_level <> level
         OR agency_active <> active
      ORDER BY report_id`,
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
