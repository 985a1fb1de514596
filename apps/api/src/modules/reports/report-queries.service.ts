import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '../audit';
import { DataSource, In, type Repository } from 'typeorm';
import { AgenciesService } from '../agencies';
import type { AuthUser } from '../../common/auth/auth-user';
import { DeadlinesService } from './deadlines.service';
import type { ListReportsQueryDto } from './dto/list-reports-query.dto';
import type {
  ReportDetailDto,
  ReportDiffDto,
  ReportEventDto,
  ReportListItemDto,
  ReportPageDto,
  ReportVersionDetailDto,
  ReportVersionSummaryDto,
} from './dto/report.dto';
import { ReportCorrectionEntity } from './entities/report-correction.entity';
import { ReportEntity } from './entities/report.entity';
import { ReportEventEntity } from './entities/report-event.entity';
import { ReportFileEntity } from './entities/report-file.entity';
import { ReportVersionEntity } from './entities/report-version.entity';
import { findVisibleReport, ReportAccess, type VisibleReport } from './report-access';
import { diffRangeInvalid, reportOriginalMissing, reportVersionNotFound } from './report.errors';
import {
  toCorrectionDto,
  toEventDto,
  toFindingDto,
  toReviewCommentDto,
  toVersionSummaryDto,
} from './report.mapper';
import { pendingSendBack } from './report-history';
import { type ReportStatus, STATUS_AFTER } from './report-status';
import { storedReportWithFindings } from './report-store';
import { readQuery } from '../../database/read-routing';

export const DEFAULT_PAGE_SIZE = 20;

export interface ReportOriginal {
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: Buffer;
}

interface ListRow {
  id: string;
  agency_id: string;
  year: number;
  status: ReportStatus;
  version: number;
  errors: number;
  warnings: number;
  submitted_at: Date | null;
  on_time: boolean | null;
  days_late: number | null;
  updated_at: Date;
}

/** The read side of reports, scoped: uploaders their agency, oversight their subtrees, admins all. */
@Injectable()
export class ReportQueriesService {
  constructor(
    @InjectRepository(ReportEntity) private readonly reports: Repository<ReportEntity>,
    @InjectRepository(ReportVersionEntity)
    private readonly versions: Repository<ReportVersionEntity>,
    @InjectRepository(ReportFileEntity) private readonly files: Repository<ReportFileEntity>,
    @InjectRepository(ReportEventEntity) private readonly events: Repository<ReportEventEntity>,
    @InjectRepository(ReportCorrectionEntity)
    private readonly corrections: Repository<ReportCorrectionEntity>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: ReportAccess,
    private readonly agencies: AgenciesService,
    private readonly deadlines: DeadlinesService,
  ) {}

  async get(user: AuthUser, reportId: string): Promise<ReportDetailDto> {
    const report = await this.findVisible(user, reportId);
    const versions = await this.versions.find({
      where: { reportId: report.id },
      order: { version: 'ASC' },
    });
    const current = versions.find((version) => version.id === report.currentVersionId);
    if (!current) throw new Error(`report ${report.id} has no current version`);
    const events = await this.eventsOf(report);
    const sentBack = pendingSendBack(events);
    const [summaries, description, deadline] = await Promise.all([
      this.summarize(report, versions, events),
      this.agencies.describe(report.agencyId),
      this.deadlines.deadlineFor(report.agencyId, report.year),
    ]);
    return {
      id: report.id,
      agencyId: report.agencyId,
      agencyName: description?.name ?? null,
      year: report.year,
      status: report.status,
      version: current.version,
      report: storedReportWithFindings(current),
      findings: current.findings.map(toFindingDto),
      warnings: current.warnings,
      versions: summaries,
      deadline: deadline.dueDate,
      deadlineSource: deadline.source,
      onTime: current.onTime,
      daysLate: current.daysLate,
      reviewComment: sentBack ? toReviewCommentDto(sentBack) : null,
      createdAt: report.createdAt.toISOString(),
      updatedAt: report.updatedAt.toISOString(),
    };
  }

  /** Newest first; counts of the current version's findings come from its stored jsonb. */
  async list(user: AuthUser, query: ListReportsQueryDto): Promise<ReportPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    if (query.agencyId !== undefined) await this.agencies.assertVisible(user, query.agencyId);
    const visible = await this.access.visibleAgencyIds(user);
    if (visible !== null && visible.length === 0) return { items: [], total: 0, page, pageSize };

    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => `$${parameters.push(value)}`;
    if (visible !== null) conditions.push(`r.agency_id = ANY(${bind(visible)}::uuid[])`);
    if (query.agencyId !== undefined) conditions.push(`r.agency_id = ${bind(query.agencyId)}`);
    if (query.year !== undefined) conditions.push(`r.year = ${bind(query.year)}`);
    if (query.status !== undefined) conditions.push(`r.status = ${bind(query.status)}`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

    // A list may be a second old: on a replica when there is one (read-routing.ts).
    const [counted] = await readQuery<{ total: number }[]>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM report r ${where}`,
      parameters,
    );
    const rows = await readQuery<ListRow[]>(
      this.dataSource,
      `SELECT r.id, r.agency_id, r.year, r.status, r.updated_at, v.version, v.submitted_at, v.on_time, v.days_late,
              (SELECT count(*)::int FROM jsonb_array_elements(v.findings) f WHERE f->>'severity' = 'error') AS errors,
              (SELECT count(*)::int FROM jsonb_array_elements(v.findings) f WHERE f->>'severity' <> 'error') AS warnings
         FROM report r JOIN report_version v ON v.id = r.current_version_id
         ${where}
        ORDER BY r.updated_at DESC, r.id
        LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
      parameters,
    );
    const names = await this.agencies.describeMany([...new Set(rows.map((row) => row.agency_id))]);
    const items: ReportListItemDto[] = rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      agencyName: names.get(row.agency_id)?.name ?? null,
      year: row.year,
      status: row.status,
      version: row.version,
      findingCounts: { errors: row.errors, warnings: row.warnings },
      submittedAt: row.submitted_at?.toISOString() ?? null,
      onTime: row.on_time,
      daysLate: row.days_late,
      updatedAt: row.updated_at.toISOString(),
    }));
    return { items, total: counted?.total ?? 0, page, pageSize };
  }

  async version(
    user: AuthUser,
    reportId: string,
    versionNumber: number,
  ): Promise<ReportVersionDetailDto> {
    const report = await this.findVisible(user, reportId);
    const version = await this.findVersion(report, versionNumber);
    const [[summary], corrections] = await Promise.all([
      this.summarize(report, [version]),
      this.corrections.find({ where: { versionId: version.id }, order: { id: 'ASC' } }),
    ]);
    if (!summary) throw new Error(`no summary for version ${version.id}`);
    return {
      ...summary,
      reportId: report.id,
      report: storedReportWithFindings(version),
      findings: version.findings.map(toFindingDto),
      warnings: version.warnings,
      provenance: version.provenance,
      corrections: corrections.map(toCorrectionDto),
    };
  }

  async original(
    user: AuthUser,
    reportId: string,
    versionNumber: number,
    address: string | null = null,
  ): Promise<ReportOriginal> {
    const report = await this.findVisible(user, reportId);
    const version = await this.findVersion(report, versionNumber);
    const file =
      version.fileId === null
        ? null
        : await this.files.findOne({
            where: { id: version.fileId },
            select: { id: true, fileName: true, mediaType: true, content: true },
          });
    if (!file) throw reportOriginalMissing(versionNumber);
    await this.audit.record({
      actor: user,
      address,
      action: 'report.download',
      targetType: 'report',
      targetId: report.id,
      details: { version: versionNumber, fileName: file.fileName },
    });
    return { fileName: file.fileName, mediaType: file.mediaType, content: file.content };
  }

  /** Cells whose values differ between two versions (a cell missing from one side is null there). */
  async diff(user: AuthUser, reportId: string, from: number, to: number): Promise<ReportDiffDto> {
    if (from === to) throw diffRangeInvalid();
    const report = await this.findVisible(user, reportId);
    const [older, newer] = await Promise.all([
      this.findVersion(report, from),
      this.findVersion(report, to),
    ]);
    const rows = await this.dataSource.query<
      { address: string; from: string | null; to: string | null }[]
    >(
      `SELECT COALESCE(a.address, b.address) AS address, a.value AS "from", b.value AS "to"
         FROM (SELECT address, value FROM report_cell WHERE version_id = $1) a
         FULL OUTER JOIN (SELECT address, value FROM report_cell WHERE version_id = $2) b ON a.address = b.address
        WHERE a.value IS DISTINCT FROM b.value
        ORDER BY 1`,
      [older.id, newer.id],
    );
    const toNumber = (value: string | null) => (value === null ? null : Number(value));
    return {
      from,
      to,
      differences: rows.map((row) => ({
        address: row.address,
        from: toNumber(row.from),
        to: toNumber(row.to),
      })),
    };
  }

  async history(user: AuthUser, reportId: string): Promise<ReportEventDto[]> {
    const report = await this.findVisible(user, reportId);
    return (await this.eventsOf(report)).map(toEventDto);
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private findVisible(user: AuthUser, reportId: string): Promise<VisibleReport> {
    return findVisibleReport(this.reports, this.access, user, reportId);
  }

  /** The report's workflow steps, oldest first. */
  private eventsOf(report: ReportEntity): Promise<ReportEventEntity[]> {
    return this.events.find({ where: { reportId: report.id }, order: { id: 'ASC' } });
  }

  private async findVersion(
    report: ReportEntity,
    versionNumber: number,
  ): Promise<ReportVersionEntity> {
    const version = await this.versions.findOneBy({ reportId: report.id, version: versionNumber });
    if (!version) throw reportVersionNotFound(versionNumber);
    return version;
  }

  /**
   * Version summaries with their files and each version's status: the current one has the
   * report's; an older one the status its last workflow step left it in.
   */
  private async summarize(
    report: ReportEntity,
    versions: ReportVersionEntity[],
    known?: ReportEventEntity[],
  ): Promise<ReportVersionSummaryDto[]> {
    const fileIds = versions.flatMap((version) => (version.fileId ? [version.fileId] : []));
    const [files, events] = await Promise.all([
      fileIds.length === 0 ? [] : this.files.findBy({ id: In(fileIds) }),
      known ?? this.eventsOf(report),
    ]);
    const fileById = new Map(files.map((file) => [file.id, file]));
    return versions.map((version) => {
      const own = events.filter((event) => event.version === version.version);
      const last = own[own.length - 1];
      const status =
        version.id === report.currentVersionId
          ? report.status
          : last
            ? STATUS_AFTER[last.action]
            : 'draft';
      const file = version.fileId ? (fileById.get(version.fileId) ?? null) : null;
      return toVersionSummaryDto(version, file, status, own[0]?.actorName ?? null);
    });
  }
}
