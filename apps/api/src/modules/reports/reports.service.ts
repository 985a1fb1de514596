import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CanonicalReport,
  type Finding,
  getCell,
  cellValueProblem,
  parseCellAddress,
  setCell,
} from '@atlas/report-model';
import type { ParsedReport } from '@atlas/report-parser';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { DomainEvents } from '../../common/events/domain-events';
import { latestEndedYear, localDate } from '../../common/reporting-calendar';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { AgenciesService, type AgencyDto } from '../agencies';
import { AuditService } from '../audit';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotificationsService } from '../notifications';
import { DeadlinesService } from './deadlines.service';
import type { CorrectCellsDto } from './dto/correct-cells.dto';
import type { ReportWriteResultDto } from './dto/report.dto';
import { ReportCorrectionEntity } from './entities/report-correction.entity';
import { ReportEntity } from './entities/report.entity';
import { type CellChangeRecord, ReportEventEntity } from './entities/report-event.entity';
import { ReportFileEntity } from './entities/report-file.entity';
import { ReportVersionEntity } from './entities/report-version.entity';
import { ReportAccess } from './report-access';
import { assessTimeliness, type EffectiveDeadline } from './report-deadline';
import {
  cellNotInReport,
  cellValueInvalid,
  cellRepeated,
  invalidTransition,
  reportDuplicate,
  reportAwaitingReview,
  reportLocked,
  reportNotEditable,
  reportNotFound,
  storageQuotaExceeded,
  uploadTooLarge,
  yearMismatch,
  yearNotEnded,
} from './report.errors';
import { storeCells } from './report-cells';
import { MEDIA_TYPES, sha256Hex } from './report-file';
import { findingsAfterCorrection, withCrossReportFindings } from './report-findings';
import { toWriteResult } from './report.mapper';
import { ReportParsingService } from './report-parsing.service';
import { replayReportSnapshots, reportSnapshot } from './report-snapshot';
import {
  type ReportAction,
  REPORT_ACTION_LABELS,
  TRANSITIONS,
  type WorkflowStep,
} from './report-status';
import {
  currentReportFor,
  currentVersionOf,
  lockOrCreateReport,
  lockReport,
  nextVersionNumber,
  copyComparisonTexts,
  readStoredReport,
} from './report-store';
import { copiedPartFindings } from './report-copies';
import { coverageFindings, isSubmissionFinding, lateFindings } from './report-submission-findings';
import { assessDocumentYear } from './report-year';

/** The bytes of an upload: a file, or pasted text stored as one. */
export interface ReportSource {
  readonly bytes: Buffer;
  readonly fileName: string;
}

/** Who is acting, and from where (for the audit log). */
export interface ReportActor {
  readonly user: AuthUser;
  readonly address: string | null;
  /**
   * When the step happened, for system tasks that replay history (the demo seed); requests
   * never set it, so their steps happen now.
   */
  readonly at?: Date;
}

export interface UploadOptions {
  /**
   * Refuse instead of replacing a submitted report (REPORT_AWAITING_REVIEW). A person uploading
   * again on the report page means to withdraw what was submitted; a bulk import does not, and
   * must not take a report out of the reviewers' queue behind their back.
   */
  readonly keepSubmitted?: boolean;
  /**
   * What these very bytes were read as before (`read`, kept by a bulk import's preview, which
   * checked the bytes' SHA-256): stored as it is instead of parsing the file a second time.
   */
  readonly reading?: ParsedReport;
}

/**
 * The write side of reports: uploads, corrections and the workflow. Every change is one
 * transaction holding the report row's lock, with its event and audit entry inside it.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    @InjectRepository(ReportEntity) private readonly reports: Repository<ReportEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly parsing: ReportParsingService,
    private readonly access: ReportAccess,
    private readonly agencies: AgenciesService,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.agencies.registerDeletionCheck(async (agency, manager) => {
      const count = await manager.getRepository(ReportEntity).countBy({ agencyId: agency.id });
      return count > 0 ? `该机构已有 ${count} 份年报，不能删除` : null;
    });
    this.events.offerReplay('report.snapshot', replayReportSnapshots);
  }

  // ── upload ─────────────────────────────────────────────────────────────────────────────────

  /** Parses, checks and stores a new version (draft) of the agency's report on the year. */
  async upload(
    actor: ReportActor,
    agencyId: string,
    year: number,
    source: ReportSource,
    options: UploadOptions = {},
  ): Promise<ReportWriteResultDto> {
    await this.access.assertCanUploadFor(actor.user, agencyId);
    if (year > latestEndedYear()) throw yearNotEnded(year);
    this.assertWithinLimit(source.bytes);
    const sha256 = sha256Hex(source.bytes);
    // Cheap refusals first: a duplicate or a locked report should not cost a parse.
    const existing = await this.reports.findOneBy({ agencyId, year });
    if (existing)
      await this.assertAcceptsUpload(this.dataSource.manager, existing, sha256, options);
    await this.assertStorageQuota(this.dataSource.manager, agencyId, source.bytes.length);

    const parsed = options.reading
      ? structuredClone(options.reading)
      : await this.parsing.parse(source.bytes, source.fileName);
    const parsedYear = parsed.report.year;
    const yearCheck = assessDocumentYear(year, parsedYear, parsed.yearSource);
    if (yearCheck.kind === 'mismatch') throw yearMismatch(yearCheck.parsedYear, year);
    const warnings = yearCheck.warnings;
    // The stored report is on the year the uploader declared; the document's own is kept apart.
    const canonical = parsed.report;
    canonical.year = year;

    return this.dataSource.transaction(async (manager) => {
      const report = await lockOrCreateReport(manager, agencyId, year);
      await this.assertAcceptsUpload(manager, report, sha256, options);
      await this.assertStorageQuota(manager, agencyId, source.bytes.length);
      const previousYear = await currentReportFor(manager, agencyId, year - 1);
      const findings = withCrossReportFindings(
        canonical.findings,
        canonical,
        previousYear?.canonical ?? null,
      );
      canonical.findings = findings;

      const file = await manager.getRepository(ReportFileEntity).save(
        manager.getRepository(ReportFileEntity).create({
          sha256,
          size: source.bytes.length,
          mediaType: MEDIA_TYPES[parsed.format],
          fileName: source.fileName,
          content: source.bytes,
          uploadedBy: actor.user.id,
        }),
      );
      const version = await this.insertVersion(manager, report, {
        fileId: file.id,
        canonical,
        findings,
        warnings,
        provenance: parsed.provenance,
        format: parsed.format,
        declaredYear: year,
        parsedYear,
        createdBy: actor.user.id,
        basedOnVersion: null,
      });
      await this.makeCurrent(manager, report, version, 'draft');
      await this.recordStep(manager, actor, report, version.version, 'upload', null, {
        fileName: source.fileName,
        sha256,
        size: source.bytes.length,
        format: parsed.format,
        findings: findings.length,
        warnings: warnings.map((warning) => warning.code),
      });
      return toWriteResult(report, version);
    });
  }

  /** The parser's reading of a file (within the upload limit), to be stored later by `upload`. */
  async read(source: ReportSource): Promise<ParsedReport> {
    this.assertWithinLimit(source.bytes);
    return this.parsing.parse(source.bytes, source.fileName);
  }

  /**
   * Parses and checks without storing anything: the answer (composePreview) as JSON in UTF-8,
   * composed in the parse thread.
   */
  async preview(
    user: AuthUser,
    source: ReportSource,
    agencyId?: string,
    year?: number,
  ): Promise<Uint8Array> {
    if (agencyId !== undefined) await this.agencies.assertVisible(user, agencyId);
    this.assertWithinLimit(source.bytes);
    const previousYear =
      agencyId !== undefined && year !== undefined
        ? ((await currentReportFor(this.dataSource.manager, agencyId, year - 1))?.canonical ?? null)
        : undefined;
    return this.parsing.preview(source.bytes, source.fileName, {
      ...(year !== undefined && { year }),
      ...(previousYear !== undefined && { previousYear }),
    });
  }

  // ── corrections ────────────────────────────────────────────────────────────────────────────

  /**
   * Corrects cells of a draft in place; a returned report first gets a new draft version copied
   * from the current one. Findings are recomputed in the same transaction.
   */
  async correct(
    actor: ReportActor,
    reportId: string,
    input: CorrectCellsDto,
  ): Promise<ReportWriteResultDto> {
    const addresses = new Set<string>();
    for (const change of input.changes) {
      const location = parseCellAddress(change.address);
      if (location === null || location.table === 'narrative')
        throw cellNotInReport(change.address);
      const problem = cellValueProblem(location, change.value);
      if (problem !== null) throw cellValueInvalid(change.address, problem);
      if (addresses.has(change.address)) throw cellRepeated(change.address);
      addresses.add(change.address);
    }

    return this.changeVisibleReport(actor.user, reportId, async (manager, report) => {
      this.access.assertCanWrite(actor.user, report.agencyId);
      if (report.status === 'accepted') throw reportLocked();
      if (report.status === 'submitted') throw reportNotEditable(report.status);

      let version = await currentVersionOf(manager, report);
      const basedOnVersion = report.status === 'returned' ? version.version : null;
      if (basedOnVersion !== null)
        version = await this.copyVersion(manager, report, version, actor.user.id);

      const canonical = readStoredReport(version);
      const changes: CellChangeRecord[] = [];
      for (const change of input.changes) {
        const from = getCell(canonical, change.address);
        if (from === undefined) throw cellNotInReport(change.address);
        setCell(canonical, change.address, change.value);
        changes.push({ address: change.address, from, to: change.value });
      }
      await manager.getRepository(ReportCorrectionEntity).insert(
        changes.map((change) => ({
          versionId: version.id,
          address: change.address,
          oldValue: change.from,
          newValue: change.to,
          reason: input.reason,
          userId: actor.user.id,
        })),
      );
      await storeCells(manager, version.id, canonical);

      const previousYear = await currentReportFor(manager, report.agencyId, report.year - 1);
      const findings = findingsAfterCorrection(
        version.findings,
        canonical,
        previousYear?.canonical ?? null,
        addresses,
      );
      await this.storeFindings(manager, version, canonical, findings);
      await this.makeCurrent(manager, report, version, 'draft');
      await this.recordStep(
        manager,
        actor,
        report,
        version.version,
        'correct',
        input.reason,
        { changes, basedOnVersion, findings: findings.length },
        changes,
      );
      return toWriteResult(report, version);
    });
  }

  // ── workflow ───────────────────────────────────────────────────────────────────────────────

  /**
   * Draft → submitted. Records timeliness against the agency's deadline, runs the cross-report
   * rules against last year's report, and re-runs next year's against this one.
   */
  async submit(actor: ReportActor, reportId: string): Promise<ReportWriteResultDto> {
    return this.changeVisibleReport(actor.user, reportId, async (manager, report) => {
      this.access.assertCanWrite(actor.user, report.agencyId);
      this.assertTransition(report, 'submit');
      const version = await currentVersionOf(manager, report);
      const submittedAt = actor.at ?? new Date();
      const deadline = await this.deadlines.deadlineFor(report.agencyId, report.year, manager);
      const timeliness = assessTimeliness(submittedAt, deadline.dueDate);

      const canonical = readStoredReport(version);
      const previousYear = await currentReportFor(manager, report.agencyId, report.year - 1);
      const findings = [
        // Cross-report findings, N.COPIED among them, and the submission's own are made afresh.
        ...withCrossReportFindings(
          version.findings.filter((finding) => !isSubmissionFinding(finding)),
          canonical,
          previousYear?.canonical ?? null,
        ),
        ...(await this.copiedParts(manager, report.id, report.agencyId, report.year, canonical)),
        ...(await this.submissionFindings(manager, report, canonical, submittedAt, deadline)),
      ];
      await this.storeFindings(manager, version, canonical, findings);
      Object.assign(version, { submittedAt, submittedBy: actor.user.id, ...timeliness });
      await manager.getRepository(ReportVersionEntity).update(version.id, {
        submittedAt,
        submittedBy: actor.user.id,
        onTime: timeliness.onTime,
        daysLate: timeliness.daysLate,
      });

      const nextYearReportId = await this.recheckNextYear(manager, report, canonical);
      await this.makeCurrent(manager, report, version, TRANSITIONS.submit.to);
      await this.recheckGovernmentCoverage(manager, report);
      await this.recordStep(manager, actor, report, version.version, 'submit', null, {
        dueDate: deadline.dueDate,
        onTime: timeliness.onTime,
        daysLate: timeliness.daysLate,
        recheckedNextYearReportId: nextYearReportId,
      });
      return toWriteResult(report, version);
    });
  }

  /**
   * Submitted → accepted (locked) or returned (with the reviewer's comment); accepted → returned
   * when a reviewer reopens it (with the reason).
   */
  async review(
    actor: ReportActor,
    reportId: string,
    step: Exclude<WorkflowStep, 'submit'>,
    comment: string | null,
  ): Promise<ReportWriteResultDto> {
    return this.changeVisibleReport(actor.user, reportId, async (manager, report) => {
      this.access.assertCanReview(actor.user);
      this.assertTransition(report, step);
      const version = await currentVersionOf(manager, report);
      await this.makeCurrent(manager, report, version, TRANSITIONS[step].to);
      // A return or reopen takes the report out of its government's count (accepting keeps it).
      if (step !== 'accept') await this.recheckGovernmentCoverage(manager, report);
      await this.recordStep(manager, actor, report, version.version, step, comment, {});
      await this.notifications.notifyReportReviewed(manager, {
        step,
        reportId: report.id,
        agencyId: report.agencyId,
        year: report.year,
        reviewerName: actor.user.displayName,
        comment,
        at: actor.at,
      });
      return toWriteResult(report, version);
    });
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  /**
   * D.LATE and H.COVERAGE on submission: the date against the deadline for the agency's kind,
   * and, for a people's government, the reports of the departments and towns below it.
   */
  private async submissionFindings(
    manager: EntityManager,
    report: ReportEntity,
    canonical: CanonicalReport,
    submittedAt: Date,
    deadline: EffectiveDeadline,
  ): Promise<Finding[]> {
    const agency = await this.agencies.findById(report.agencyId);
    const { daysLate } = assessTimeliness(submittedAt, deadline.dueDate);
    const late = lateFindings(localDate(submittedAt), deadline, daysLate, agency?.kind ?? null);
    if (agency?.kind !== 'government') return late;
    return [...late, ...(await this.coverageOf(manager, agency, report.year, canonical))];
  }

  /** H.COVERAGE of a people's government's report: the agencies below it that filed, and sums. */
  private async coverageOf(
    manager: EntityManager,
    agency: Pick<AgencyDto, 'id' | 'path'>,
    year: number,
    canonical: CanonicalReport,
  ): Promise<Finding[]> {
    const children = await this.agencies.childrenOf(agency.id);
    const below = await Promise.all(
      children.map(async (child) => {
        const filed = await currentReportFor(manager, child.id, year);
        const reported = filed && ['submitted', 'accepted'].includes(filed.report.status);
        return {
          agencyId: child.id,
          name: child.name,
          kind: child.kind,
          report: reported ? filed.canonical : null,
        };
      }),
    );
    const regionCodes = [...(await this.agencies.describeMany(agency.path)).values()].map(
      (region) => region.code,
    );
    const sumRule = regionCodes.some((code) => this.config.coverageSumRegionCodes.includes(code));
    return coverageFindings(canonical, below, sumRule);
  }

  /**
   * H.COVERAGE judged again on the report of the people's government above an agency whose
   * report just entered or left the count (submitted, returned, reopened): the government's
   * finding names the agencies below it that have filed, which it must not keep stale. Only a
   * government report that is itself submitted or accepted carries the finding.
   */
  private async recheckGovernmentCoverage(
    manager: EntityManager,
    report: ReportEntity,
  ): Promise<void> {
    const agency = await this.agencies.findById(report.agencyId);
    const parent = agency?.parentId ? await this.agencies.findById(agency.parentId) : null;
    if (parent?.kind !== 'government') return;
    // Locked after the agency's own report (below it in the tree), always in that order.
    const government = await lockReport(manager, { agencyId: parent.id, year: report.year });
    if (
      !government ||
      government.currentVersionId === null ||
      !['submitted', 'accepted'].includes(government.status)
    )
      return;
    const version = await currentVersionOf(manager, government);
    const canonical = readStoredReport(version);
    await this.storeFindings(manager, version, canonical, [
      ...version.findings.filter((finding) => finding.rule !== 'H.COVERAGE'),
      ...(await this.coverageOf(manager, parent, report.year, canonical)),
    ]);
    await this.publishSnapshot(manager, government.id);
  }

  /**
   * N.COPIED on submission: the report's text against the agency's earlier reports and the same
   * year's reports of its region (the agencies under its parent).
   */
  private async copiedParts(
    manager: EntityManager,
    reportId: string,
    agencyId: string,
    year: number,
    canonical: CanonicalReport,
  ): Promise<Finding[]> {
    const agency = await this.agencies.findById(agencyId);
    const region = agency?.parentId ? await this.agencies.subtreeIds([agency.parentId]) : [];
    const { compared, learnFrom } = await copyComparisonTexts(
      manager,
      { id: reportId, agencyId, year },
      region,
    );
    const names = await this.agencies.describeMany([
      ...new Set(compared.map((other) => other.agencyId)),
    ]);
    return copiedPartFindings(
      canonical.narrative,
      agencyId,
      compared.map((other) => ({
        ...other,
        agencyName: names.get(other.agencyId)?.name ?? '另一单位',
      })),
      learnFrom,
    );
  }

  /** Refuses a file that would take the agency's stored originals past its quota. */
  private async assertStorageQuota(
    manager: EntityManager,
    agencyId: string,
    addedBytes: number,
  ): Promise<void> {
    const [row] = await manager.query<{ stored: string }[]>(
      `SELECT coalesce(sum(f.size), 0) AS stored FROM report_file f
        WHERE f.id IN (SELECT v.file_id FROM report_version v JOIN report r ON r.id = v.report_id
                        WHERE r.agency_id = $1)`,
      [agencyId],
    );
    const stored = Number(row?.stored ?? 0);
    const quota = this.config.storageQuotaBytesPerAgency;
    if (stored + addedBytes > quota) throw storageQuotaExceeded(stored, quota);
  }

  private assertWithinLimit(bytes: Buffer): void {
    if (bytes.length > this.config.uploadLimitBytes)
      throw uploadTooLarge(this.config.uploadLimitBytes);
  }

  private async assertAcceptsUpload(
    manager: EntityManager,
    report: ReportEntity,
    sha256: string,
    options: UploadOptions,
  ): Promise<void> {
    if (report.status === 'accepted') throw reportLocked();
    const [duplicate] = await manager.query<{ version: number }[]>(
      `SELECT v.version FROM report_version v JOIN report_file f ON f.id = v.file_id
        WHERE v.report_id = $1 AND f.sha256 = $2 ORDER BY v.version LIMIT 1`,
      [report.id, sha256],
    );
    if (duplicate) throw reportDuplicate(duplicate.version);
    // After the duplicate check: importing the same archive again reports duplicates, not refusals.
    if (options.keepSubmitted && report.status === 'submitted') throw reportAwaitingReview();
  }

  private assertTransition(report: ReportEntity, step: WorkflowStep): void {
    if (report.status !== TRANSITIONS[step].from)
      throw invalidTransition(report.status, REPORT_ACTION_LABELS[step]);
  }

  /**
   * Runs `work` in a transaction on the locked report, after checking the caller may see it
   * (404 otherwise, so existence does not leak).
   */
  private async changeVisibleReport<T>(
    user: AuthUser,
    reportId: string,
    work: (manager: EntityManager, report: ReportEntity) => Promise<T>,
  ): Promise<T> {
    const found = isUUID(reportId) ? await this.reports.findOneBy({ id: reportId }) : null;
    if (!found || !(await this.access.canSee(user, found.agencyId))) throw reportNotFound();
    return this.dataSource.transaction(async (manager) => {
      const report = await lockReport(manager, { id: reportId });
      if (!report) throw reportNotFound();
      return work(manager, report);
    });
  }

  private async insertVersion(
    manager: EntityManager,
    report: ReportEntity,
    fields: Pick<
      ReportVersionEntity,
      | 'fileId'
      | 'findings'
      | 'warnings'
      | 'provenance'
      | 'format'
      | 'declaredYear'
      | 'parsedYear'
      | 'createdBy'
      | 'basedOnVersion'
    > & { canonical: CanonicalReport },
  ): Promise<ReportVersionEntity> {
    const repository = manager.getRepository(ReportVersionEntity);
    const version = await repository.save(
      repository.create({
        ...fields,
        reportId: report.id,
        version: await nextVersionNumber(manager, report.id),
      }),
    );
    await storeCells(manager, version.id, fields.canonical);
    return version;
  }

  /** A new draft version with the numbers of `source`, to be corrected (a returned report). */
  private async copyVersion(
    manager: EntityManager,
    report: ReportEntity,
    source: ReportVersionEntity,
    userId: string,
  ): Promise<ReportVersionEntity> {
    return this.insertVersion(manager, report, {
      fileId: source.fileId,
      canonical: readStoredReport(source),
      findings: source.findings,
      warnings: source.warnings,
      provenance: source.provenance,
      format: source.format,
      declaredYear: source.declaredYear,
      parsedYear: source.parsedYear,
      createdBy: userId,
      basedOnVersion: source.version,
    });
  }

  private async storeFindings(
    manager: EntityManager,
    version: ReportVersionEntity,
    canonical: CanonicalReport,
    findings: Finding[],
  ): Promise<void> {
    canonical.findings = findings;
    version.canonical = canonical;
    version.findings = findings;
    await manager.getRepository(ReportVersionEntity).update(version.id, { canonical, findings });
  }

  private async makeCurrent(
    manager: EntityManager,
    report: ReportEntity,
    version: ReportVersionEntity,
    status: ReportEntity['status'],
  ): Promise<void> {
    report.currentVersionId = version.id;
    report.status = status;
    report.updatedAt = new Date();
    await manager
      .getRepository(ReportEntity)
      .update(report.id, { currentVersionId: version.id, status, updatedAt: report.updatedAt });
  }

  /**
   * Next year's report compared its carry-over with this one when it was stored; now that this
   * one is submitted, compare again. Its numbers do not change, only its cross-report findings.
   */
  private async recheckNextYear(
    manager: EntityManager,
    report: ReportEntity,
    canonical: CanonicalReport,
  ): Promise<string | null> {
    // Locked in year order (this year, then the next) like every transaction here, so no deadlock.
    const nextYear = await lockReport(manager, {
      agencyId: report.agencyId,
      year: report.year + 1,
    });
    if (!nextYear || nextYear.currentVersionId === null) return null;
    const version = await currentVersionOf(manager, nextYear);
    const nextCanonical = readStoredReport(version);
    await this.storeFindings(
      manager,
      version,
      nextCanonical,
      withCrossReportFindings(version.findings, nextCanonical, canonical),
    );
    await this.publishSnapshot(manager, nextYear.id);
    return nextYear.id;
  }

  /** Tells analytics (and whoever counts reports) what the report now counts as. */
  private async publishSnapshot(manager: EntityManager, reportId: string): Promise<void> {
    await this.events.publish('report.snapshot', await reportSnapshot(manager, reportId), manager);
  }

  private async recordStep(
    manager: EntityManager,
    actor: ReportActor,
    report: ReportEntity,
    version: number,
    action: ReportAction,
    comment: string | null,
    details: Record<string, unknown>,
    changes: CellChangeRecord[] | null = null,
  ): Promise<void> {
    // Every step ends here: the snapshot is published inside its transaction, so analytics
    // counts the report exactly as it is committed (or rolls back with it).
    await this.publishSnapshot(manager, report.id);
    await manager.getRepository(ReportEventEntity).insert({
      reportId: report.id,
      version,
      action,
      comment,
      changes,
      actorId: actor.user.id,
      actorName: actor.user.displayName,
      ...(actor.at ? { at: actor.at } : {}),
    });
    await this.audit.record(
      {
        actor: actor.user,
        address: actor.address,
        action: `report.${action}`,
        targetType: 'report',
        targetId: report.id,
        details: {
          agencyId: report.agencyId,
          year: report.year,
          version,
          status: report.status,
          comment,
          ...details,
        },
      },
      manager,
    );
  }
}
