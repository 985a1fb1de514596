import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CopiedFrom, Finding } from '@atlas/report-model';
import { markSharedPassages } from '@atlas/text-reuse';
import { DataSource, type Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AgenciesService } from '../agencies';
import type {
  CopiedReportItemDto,
  CopiedReportPageDto,
  CopiedReportsQueryDto,
  ReportCopyComparisonDto,
} from './dto/copies.dto';
import { ReportEntity } from './entities/report.entity';
import { ReportVersionEntity } from './entities/report-version.entity';
import { findVisibleReport, ReportAccess } from './report-access';
import { learnedBoilerplate } from './report-copies';
import { DEFAULT_PAGE_SIZE } from './report-queries.service';
import { type ReportStatus } from './report-status';
import { MAX_LEARNED_REPORTS, type NarrativeTexts, readStoredReport } from './report-store';

interface OtherTextRow {
  report_id: string;
  agency_id: string;
  year: number;
  version: number;
  overview: string | null;
  problems: string | null;
  other: string | null;
}

interface CopiedRow {
  report_id: string;
  agency_id: string;
  year: number;
  status: ReportStatus;
  copied: CopiedFrom;
}

const NARRATIVE_PARTS = `v.canonical->'narrative'->>'overview' AS overview,
  v.canonical->'narrative'->>'problems' AS problems,
  v.canonical->'narrative'->>'other' AS other`;

const textsOf = (row: Pick<OtherTextRow, 'overview' | 'problems' | 'other'>): NarrativeTexts => ({
  overview: row.overview ?? '',
  problems: row.problems ?? '',
  other: row.other ?? '',
});

const isCopy = (finding: Finding): finding is Finding & { copiedFrom: CopiedFrom } =>
  finding.rule === 'N.COPIED' && finding.copiedFrom !== undefined;

/**
 * Copied text as a reader checks it (N.COPIED): a report's copied parts beside the parts they
 * stand in, and the copies of a region's year. Whoever may see a report sees the finding, and so
 * the other report's same part it names (an agency must see what it is said to have copied);
 * that report itself opens only for those who may see it.
 */
@Injectable()
export class ReportCopiesService {
  constructor(
    @InjectRepository(ReportEntity) private readonly reports: Repository<ReportEntity>,
    @InjectRepository(ReportVersionEntity)
    private readonly versions: Repository<ReportVersionEntity>,
    private readonly dataSource: DataSource,
    private readonly access: ReportAccess,
    private readonly agencies: AgenciesService,
  ) {}

  /** Per N.COPIED finding of the current version: both parts, shared sentences marked. */
  async comparisons(user: AuthUser, reportId: string): Promise<ReportCopyComparisonDto[]> {
    const report = await findVisibleReport(this.reports, this.access, user, reportId);
    const current = await this.versions.findOneByOrFail({ id: report.currentVersionId });
    const copies = current.findings.filter(isCopy);
    if (copies.length === 0) return [];

    const own = readStoredReport(current).narrative;
    const others = new Map<string, OtherTextRow>();
    for (const { copiedFrom } of copies) {
      const key = `${copiedFrom.reportId}/${copiedFrom.version ?? ''}`;
      if (!others.has(key)) {
        const row = await this.otherText(copiedFrom);
        if (row) others.set(key, row);
      }
    }
    const boilerplate = learnedBoilerplate([
      own,
      ...[...others.values()].map(textsOf),
      ...(await this.yearTexts(report.year, [
        report.id,
        ...copies.map((c) => c.copiedFrom.reportId),
      ])),
    ]);
    const names = await this.agencies.describeMany([
      report.agencyId,
      ...[...others.values()].map((row) => row.agency_id),
    ]);
    const visible = await this.visibility(
      user,
      [...others.values()].map((row) => row.agency_id),
    );

    return copies.flatMap(({ copiedFrom }): ReportCopyComparisonDto[] => {
      const other = others.get(`${copiedFrom.reportId}/${copiedFrom.version ?? ''}`);
      if (!other) return [];
      const part = copiedFrom.part;
      const marked = markSharedPassages(own[part], textsOf(other)[part], boilerplate);
      return [
        {
          part,
          similarity: copiedFrom.similarity,
          report: {
            reportId: report.id,
            agencyId: report.agencyId,
            agencyName: names.get(report.agencyId)?.name ?? null,
            year: report.year,
            version: current.version,
            linkable: true,
            spans: marked.a,
          },
          other: {
            reportId: other.report_id,
            agencyId: other.agency_id,
            agencyName: names.get(other.agency_id)?.name ?? copiedFrom.agencyName,
            year: other.year,
            version: other.version,
            linkable: visible.get(other.agency_id) ?? false,
            spans: marked.b,
          },
        },
      ];
    });
  }

  /** The copied parts of a year's reports in a region (or all the caller sees), most similar first. */
  async list(user: AuthUser, query: CopiedReportsQueryDto): Promise<CopiedReportPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const visible = await this.access.visibleAgencyIds(user);
    let agencyIds = visible;
    if (query.scope !== undefined) {
      await this.agencies.assertVisible(user, query.scope);
      const region = await this.agencies.subtreeIds([query.scope]);
      agencyIds = visible === null ? region : region.filter((id) => visible.includes(id));
    }
    const empty = { year: query.year, items: [], total: 0, page, pageSize };
    if (agencyIds !== null && agencyIds.length === 0) return empty;

    const parameters: unknown[] = [query.year];
    const inScope =
      agencyIds === null ? '' : `AND r.agency_id = ANY($${parameters.push(agencyIds)}::uuid[])`;
    const from = `FROM report r JOIN report_version v ON v.id = r.current_version_id
      CROSS JOIN LATERAL jsonb_array_elements(v.findings) f
     WHERE r.year = $1 AND f->>'rule' = 'N.COPIED' AND f ? 'copiedFrom' ${inScope}`;
    const [counted] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from}`,
      parameters,
    );
    const rows = await this.dataSource.query<CopiedRow[]>(
      `SELECT r.id AS report_id, r.agency_id, r.year, r.status, f->'copiedFrom' AS copied ${from}
        ORDER BY (f->'copiedFrom'->>'similarity')::float DESC, r.id, f->'copiedFrom'->>'part'
        LIMIT $${parameters.push(pageSize)} OFFSET $${parameters.push((page - 1) * pageSize)}`,
      parameters,
    );
    const names = await this.agencies.describeMany([
      ...new Set(rows.flatMap((row) => [row.agency_id, row.copied.agencyId])),
    ]);
    const otherVisible = await this.visibility(
      user,
      rows.map((row) => row.copied.agencyId),
    );
    const items: CopiedReportItemDto[] = rows.map((row) => ({
      reportId: row.report_id,
      agencyId: row.agency_id,
      agencyName: names.get(row.agency_id)?.name ?? null,
      year: row.year,
      status: row.status,
      part: row.copied.part,
      similarity: row.copied.similarity,
      sharedSentences: row.copied.sharedSentences.length,
      other: {
        reportId: row.copied.reportId,
        agencyId: row.copied.agencyId,
        agencyName: names.get(row.copied.agencyId)?.name ?? row.copied.agencyName,
        year: row.copied.year,
        visible: otherVisible.get(row.copied.agencyId) ?? false,
      },
    }));
    return { ...empty, items, total: counted?.total ?? 0 };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  /** The other report's version the finding compared (its current one for older findings). */
  private async otherText(copied: CopiedFrom): Promise<OtherTextRow | null> {
    const [row] = await this.dataSource.query<OtherTextRow[]>(
      `SELECT r.id AS report_id, r.agency_id, r.year, v.version, ${NARRATIVE_PARTS}
         FROM report r JOIN report_version v ON v.report_id = r.id
        WHERE r.id = $1 AND (v.version = $2::int OR ($2::int IS NULL AND v.id = r.current_version_id))`,
      [copied.reportId, copied.version ?? null],
    );
    return row ?? null;
  }

  /** Other reports of the year, to learn the common wording from (as on submission). */
  private async yearTexts(year: number, excluded: readonly string[]): Promise<NarrativeTexts[]> {
    const rows = await this.dataSource.query<OtherTextRow[]>(
      `SELECT ${NARRATIVE_PARTS}
         FROM report r JOIN report_version v ON v.id = r.current_version_id
        WHERE r.year = $1 AND NOT (r.id = ANY($2::uuid[]))
        ORDER BY r.id
        LIMIT ${MAX_LEARNED_REPORTS}`,
      [year, excluded],
    );
    return rows.map(textsOf);
  }

  /** Whether the user may see each agency's reports. */
  private async visibility(
    user: AuthUser,
    agencyIds: readonly string[],
  ): Promise<Map<string, boolean>> {
    const seen = new Map<string, boolean>();
    for (const id of new Set(agencyIds)) seen.set(id, await this.access.canSee(user, id));
    return seen;
  }
}
