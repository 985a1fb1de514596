import { type CanonicalReport, listCells, readCanonicalReport } from '@atlas/report-model';
import type { EntityManager } from 'typeorm';
import { ReportCellEntity } from './entities/report-cell.entity';
import { ReportEntity } from './entities/report.entity';
import { ReportVersionEntity } from './entities/report-version.entity';

/** Persistence steps the reports services share; each takes the caller's transaction manager. */

/** A stored canonical report, typed; a row that no longer reads is a bug, not a user error. */
export function readStoredReport(
  version: Pick<ReportVersionEntity, 'id' | 'canonical'>,
): CanonicalReport {
  const reading = readCanonicalReport(version.canonical);
  if (!reading.ok) {
    throw new Error(
      `report_version ${version.id} holds an unreadable report: ${reading.problems.join('; ')}`,
    );
  }
  return reading.report;
}

/** The canonical report as the API shows it: with the version's current findings. */
export function storedReportWithFindings(
  version: Pick<ReportVersionEntity, 'id' | 'canonical' | 'findings'>,
): CanonicalReport {
  const report = readStoredReport(version);
  report.findings = version.findings;
  return report;
}

/**
 * The report row for an agency-year, created if missing, locked until the transaction ends.
 * Concurrent uploads for one agency-year queue here, so version numbers never collide.
 */
export async function lockOrCreateReport(
  manager: EntityManager,
  agencyId: string,
  year: number,
): Promise<ReportEntity> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(ReportEntity)
    .values({ agencyId, year })
    .orIgnore()
    .execute();
  return manager.getRepository(ReportEntity).findOneOrFail({
    where: { agencyId, year },
    lock: { mode: 'pessimistic_write' },
  });
}

export async function lockReport(
  manager: EntityManager,
  where: { id: string } | { agencyId: string; year: number },
): Promise<ReportEntity | null> {
  return manager
    .getRepository(ReportEntity)
    .findOne({ where, lock: { mode: 'pessimistic_write' } });
}

export async function currentVersionOf(
  manager: EntityManager,
  report: ReportEntity,
): Promise<ReportVersionEntity> {
  if (report.currentVersionId === null)
    throw new Error(`report ${report.id} has no current version`);
  return manager
    .getRepository(ReportVersionEntity)
    .findOneByOrFail({ id: report.currentVersionId });
}

/** The agency's report on another year, as its current version says; null when there is none. */
export async function currentReportFor(
  manager: EntityManager,
  agencyId: string,
  year: number,
): Promise<{
  report: ReportEntity;
  version: ReportVersionEntity;
  canonical: CanonicalReport;
} | null> {
  const report = await manager.getRepository(ReportEntity).findOneBy({ agencyId, year });
  if (!report || report.currentVersionId === null) return null;
  const version = await currentVersionOf(manager, report);
  return { report, version, canonical: readStoredReport(version) };
}

export async function nextVersionNumber(manager: EntityManager, reportId: string): Promise<number> {
  const [row] = await manager.query<{ next: number }[]>(
    'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM report_version WHERE report_id = $1',
    [reportId],
  );
  return row?.next ?? 1;
}

/** One report_cell row per number of tables 2–4. */
export async function insertCells(
  manager: EntityManager,
  versionId: string,
  report: CanonicalReport,
  owner: { agencyId: string; year: number },
): Promise<void> {
  const rows = listCells(report).map((cell) => ({
    versionId,
    address: cell.address,
    tableKey: cell.table,
    rowKey: cell.row,
    columnKey: cell.column,
    value: cell.value,
    agencyId: owner.agencyId,
    year: owner.year,
  }));
  if (rows.length > 0) await manager.getRepository(ReportCellEntity).insert(rows);
}

/** Reports compared for copied text, at most: a county's agencies and an agency's past years. */
export const MAX_COMPARED_REPORTS = 500;

/**
 * What a report's text is compared with (N.COPIED): the agency's own earlier reports, and the
 * same year's reports of the given agencies (its region), each as its current version; drafts
 * are not published yet and are left out. Newest first, at most MAX_COMPARED_REPORTS.
 */
export async function reportsToCompare(
  manager: EntityManager,
  agencyId: string,
  year: number,
  regionAgencyIds: readonly string[],
): Promise<{ reportId: string; agencyId: string; year: number; canonical: CanonicalReport }[]> {
  const rows = await manager.query<
    { report_id: string; agency_id: string; year: number; version_id: string; canonical: unknown }[]
  >(
    `SELECT r.id AS report_id, r.agency_id, r.year, v.id AS version_id, v.canonical
       FROM report r JOIN report_version v ON v.id = r.current_version_id
      WHERE r.status <> 'draft'
        AND ((r.agency_id = $1 AND r.year < $2)
          OR (r.year = $2 AND r.agency_id <> $1 AND r.agency_id = ANY($3::uuid[])))
      ORDER BY r.year DESC, r.agency_id
      LIMIT ${MAX_COMPARED_REPORTS}`,
    [agencyId, year, regionAgencyIds],
  );
  return rows.map((row) => ({
    reportId: row.report_id,
    agencyId: row.agency_id,
    year: row.year,
    canonical: readStoredReport({ id: row.version_id, canonical: row.canonical }),
  }));
}

/** Reports of a year that teach which wording is common, at most (drafts included). */
export const MAX_LEARNED_REPORTS = 500;

/**
 * Up to MAX_LEARNED_REPORTS current reports of a year, any status, but those named (each text
 * must be learned once: the same text counted twice would make a copied phrase look common).
 */
export async function reportsOfYear(
  manager: EntityManager,
  year: number,
  excludedReportIds: readonly string[],
): Promise<CanonicalReport[]> {
  const rows = await manager.query<{ version_id: string; canonical: unknown }[]>(
    `SELECT v.id AS version_id, v.canonical
       FROM report r JOIN report_version v ON v.id = r.current_version_id
      WHERE r.year = $1 AND NOT (r.id = ANY($2::uuid[]))
      ORDER BY r.id
      LIMIT ${MAX_LEARNED_REPORTS}`,
    [year, excludedReportIds],
  );
  return rows.map((row) => readStoredReport({ id: row.version_id, canonical: row.canonical }));
}
