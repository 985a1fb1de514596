import {
  type CanonicalReport,
  type NarrativePartKey,
  readCanonicalReport,
} from '@atlas/report-model';
import type { EntityManager } from 'typeorm';
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

/** Reports compared for copied text, at most: a county's agencies and an agency's past years. */
export const MAX_COMPARED_REPORTS = 500;
/** Reports of a year that teach which wording is common, at most (drafts included). */
export const MAX_LEARNED_REPORTS = 500;

/** The narrative parts copied text is looked for in, as a stored version holds them. */
export type NarrativeTexts = Record<NarrativePartKey, string>;

/** A report a text is compared with for copied parts (N.COPIED). */
export interface ComparedNarrative {
  readonly reportId: string;
  readonly agencyId: string;
  readonly year: number;
  readonly version: number;
  readonly narrative: NarrativeTexts;
}

interface NarrativeRow {
  compared: boolean;
  report_id: string;
  agency_id: string;
  year: number;
  version: number;
  overview: string | null;
  problems: string | null;
  other: string | null;
}

const narrativeOf = (row: NarrativeRow): NarrativeTexts => ({
  overview: row.overview ?? '',
  problems: row.problems ?? '',
  other: row.other ?? '',
});

/**
 * In one query, what a report's text is compared with (N.COPIED) and what teaches the common
 * wording. Compared: the agency's own earlier reports and the same year's reports of the given
 * agencies (its region), each as its current version, newest first, at most MAX_COMPARED_REPORTS;
 * drafts are not published yet and are left out. Learned from: up to MAX_LEARNED_REPORTS other
 * current reports of the year, any status, none of those compared nor the report itself (each
 * text learned once: the same text counted twice would make a copied phrase look common).
 * Only the narrative parts are read, not the whole canonical report.
 */
export async function copyComparisonTexts(
  manager: EntityManager,
  report: { id: string; agencyId: string; year: number },
  regionAgencyIds: readonly string[],
): Promise<{ compared: ComparedNarrative[]; learnFrom: NarrativeTexts[] }> {
  const parts = `v.canonical->'narrative'->>'overview' AS overview,
                 v.canonical->'narrative'->>'problems' AS problems,
                 v.canonical->'narrative'->>'other' AS other`;
  const rows = await manager.query<NarrativeRow[]>(
    `WITH compared AS (
       SELECT r.id AS report_id, r.agency_id, r.year, v.version, ${parts}
         FROM report r JOIN report_version v ON v.id = r.current_version_id
        WHERE r.status <> 'draft'
          AND ((r.agency_id = $2 AND r.year < $3)
            OR (r.year = $3 AND r.agency_id <> $2 AND r.agency_id = ANY($4::uuid[])))
        ORDER BY r.year DESC, r.agency_id
        LIMIT ${MAX_COMPARED_REPORTS}
     ), learned AS (
       SELECT r.id AS report_id, r.agency_id, r.year, v.version, ${parts}
         FROM report r JOIN report_version v ON v.id = r.current_version_id
        WHERE r.year = $3 AND r.id <> $1 AND r.id NOT IN (SELECT report_id FROM compared)
        ORDER BY r.id
        LIMIT ${MAX_LEARNED_REPORTS}
     )
     SELECT true AS compared, * FROM compared
     UNION ALL
     SELECT false AS compared, * FROM learned`,
    [report.id, report.agencyId, report.year, regionAgencyIds],
  );
  return {
    compared: rows
      .filter((row) => row.compared)
      .map((row) => ({
        reportId: row.report_id,
        agencyId: row.agency_id,
        year: row.year,
        version: row.version,
        narrative: narrativeOf(row),
      })),
    learnFrom: rows.filter((row) => !row.compared).map(narrativeOf),
  };
}
