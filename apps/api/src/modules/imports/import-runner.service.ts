import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, In, Not, type Repository } from 'typeorm';
import { toErrorBody } from '../../common/filters/all-exceptions.filter';
import { AgenciesService, type AgencyDto } from '../agencies';
import { AuditService } from '../audit';
import type { AuthUser } from '../../common/auth/auth-user';
import { UsersService } from '../auth';
import { type ReportActor, ReportQueriesService, ReportsService } from '../reports';
import { FIRST_REPORT_YEAR, latestEndedYear } from '../../common/reporting-calendar';
import { ImportItemEntity } from './entities/import-item.entity';
import { ImportJobEntity } from './entities/import-job.entity';
import {
  type ItemFailure,
  itemAgencyCodeUnknown,
  itemAgencyNameAmbiguous,
  itemAgencyNameMissing,
  itemAgencyNameUnknown,
  itemAgencyNotOwn,
  itemCreatorUnavailable,
  itemUnresolved,
  itemYearMissing,
  itemYearOutOfRange,
} from './import.errors';
import { type ImportInference, YEAR_SOURCES, type YearSource } from './import-status';

/** What a run did: all done, someone else holds the import, stopped early (process ending), gone. */
export type RunOutcome = 'finished' | 'busy' | 'interrupted' | 'missing';

/** Where an item's agency and year come from, once known. */
interface Resolution {
  readonly agency: Pick<AgencyDto, 'id' | 'code' | 'name'>;
  readonly year: number;
  readonly inferred: ImportInference;
  readonly documentAgencyName: string | null;
}

/** A failure keeps what the document did say (its agency name, its year), to show beside the reason. */
type Unresolved = ItemFailure & Partial<Pick<ImportItemEntity, 'documentAgencyName' | 'year' | 'inferred'>>;
type Resolved = Resolution | Unresolved;

/** The visible agencies by exact name, loaded once per run and only when a document names one. */
type AgenciesByName = Map<string, AgencyDto[]>;

/**
 * Works off one import: first finds every file's agency and year (manifest, else the document),
 * then uploads the files through ReportsService as the job's creator, oldest year first so that
 * each report's carry-over checks see the year before. Each file's outcome is stored as soon as
 * it is known; a bad file never stops the others.
 */
@Injectable()
export class ImportRunner {
  constructor(
    @InjectRepository(ImportJobEntity) private readonly jobs: Repository<ImportJobEntity>,
    @InjectRepository(ImportItemEntity) private readonly items: Repository<ImportItemEntity>,
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly reportQueries: ReportQueriesService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ImportRunner.name);
  }

  async unfinishedImportIds(): Promise<string[]> {
    const jobs = await this.jobs.find({
      select: { id: true },
      where: { status: Not('finished') },
      order: { createdAt: 'ASC' },
    });
    return jobs.map((job) => job.id);
  }

  /**
   * Runs the import unless another worker already does: a session advisory lock, held on a
   * connection of its own, lets one worker at a time work an import, and frees itself when
   * that worker's process dies.
   */
  async run(importId: string, shouldStop: () => boolean): Promise<RunOutcome> {
    const lockKey = `atlas.import:${importId}`;
    const connection = this.dataSource.createQueryRunner();
    await connection.connect();
    try {
      const rows: { locked: boolean }[] = await connection.query(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [lockKey],
      );
      if (!rows[0]?.locked) return 'busy';
      try {
        return await this.work(importId, shouldStop);
      } finally {
        await connection.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
      }
    } finally {
      await connection.release();
    }
  }

  private async work(importId: string, shouldStop: () => boolean): Promise<RunOutcome> {
    const job = await this.jobs.findOneBy({ id: importId });
    if (!job) return 'missing';
    if (job.status === 'finished') return 'finished';
    if (job.status === 'queued') {
      await this.jobs.update({ id: job.id }, { status: 'running', startedAt: new Date() });
    }

    const user = await this.users.authUserOf(job.createdBy);
    if (!user) {
      const pending = await this.items.find({ where: { jobId: job.id, status: 'queued' } });
      for (const item of pending) await this.fail(item, itemCreatorUnavailable());
      await this.finish(job);
      return 'finished';
    }
    const actor: ReportActor = { user, address: job.createdFrom };

    let byName: AgenciesByName | null = null;
    const unresolved = await this.items.find({
      where: { jobId: job.id, status: 'queued' },
      order: { position: 'ASC' },
    });
    for (const item of unresolved) {
      if (item.agencyId !== null && item.year !== null) continue;
      if (shouldStop()) return 'interrupted';
      const resolved = await this.resolve(item, user, async () => {
        byName ??= await this.agenciesByName(user);
        return byName;
      });
      if ('code' in resolved) {
        const { code, message, ...known } = resolved;
        await this.fail(item, { code, message }, known);
      } else {
        await this.items.update(
          { id: item.id, status: 'queued' },
          {
            agencyId: resolved.agency.id,
            year: resolved.year,
            inferred: resolved.inferred,
            documentAgencyName: resolved.documentAgencyName,
          },
        );
      }
    }

    const ready = await this.items.find({ where: { jobId: job.id, status: 'queued' } });
    ready.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.position - b.position);
    for (const item of ready) {
      if (shouldStop()) return 'interrupted';
      await this.importItem(actor, item, shouldStop);
    }
    await this.finish(job);
    return 'finished';
  }

  // ── finding the agency and the year ─────────────────────────────────────────────────────────

  private async resolve(
    item: ImportItemEntity,
    user: AuthUser,
    agenciesByName: () => Promise<AgenciesByName>,
  ): Promise<Resolved> {
    let agency: Resolution['agency'] | null = null;
    if (item.manifestAgencyCode !== null) {
      agency = await this.visibleAgencyByCode(user, item.manifestAgencyCode);
      if (!agency) return itemAgencyCodeUnknown(item.manifestAgencyCode);
    }
    if (agency !== null && item.manifestYear !== null) {
      return { agency, year: item.manifestYear, inferred: {}, documentAgencyName: null };
    }

    let document: DocumentIdentity;
    try {
      document = await this.readDocument(user, item);
    } catch (error) {
      return this.failureOf(error, item);
    }
    const documentAgencyName = document.agencyName;
    const inferred: ImportInference = {};
    let year = item.manifestYear;
    if (year === null) {
      if (document.year === null) return { ...itemYearMissing(), documentAgencyName };
      year = document.year;
      inferred.year = 'document';
      if (document.yearSource) inferred.yearSource = document.yearSource;
    }
    // Only a year that has ended has a published report.
    const latest = latestEndedYear();
    if (year < FIRST_REPORT_YEAR || year > latest) {
      return { ...itemYearOutOfRange(year, latest), documentAgencyName, inferred };
    }
    if (agency === null) {
      const found = await this.agencyNamed(user, documentAgencyName, agenciesByName);
      // The year is known by now: shown beside the reason the agency is not.
      if (!('agency' in found)) return { ...found, documentAgencyName, year, inferred };
      agency = found.agency;
      inferred.agency = found.how;
    }
    return { agency, year, inferred, documentAgencyName };
  }

  private async visibleAgencyByCode(user: AuthUser, code: string): Promise<AgencyDto | null> {
    const agency = await this.agencies.findByCode(code);
    if (!agency) return null;
    try {
      return await this.agencies.assertVisible(user, agency.id);
    } catch {
      return null;
    }
  }

  /**
   * The agency a document names: exactly one visible agency of that name. An uploader sees only
   * its own agency, and a document that names none is taken to be its own.
   */
  private async agencyNamed(
    user: AuthUser,
    name: string | null,
    agenciesByName: () => Promise<AgenciesByName>,
  ): Promise<{ agency: AgencyDto; how: 'name' | 'uploader' } | ItemFailure> {
    if (user.role === 'uploader' && user.agencyId !== null) {
      const own = await this.agencies.assertVisible(user, user.agencyId);
      if (name === null) return { agency: own, how: 'uploader' };
      return name === own.name ? { agency: own, how: 'name' } : itemAgencyNotOwn(name, own.name);
    }
    if (name === null) return itemAgencyNameMissing();
    const matches = (await agenciesByName()).get(name) ?? [];
    const [only] = matches;
    if (only === undefined) return itemAgencyNameUnknown(name);
    if (matches.length > 1) return itemAgencyNameAmbiguous(name, matches.map((agency) => agency.code).sort());
    return { agency: only, how: 'name' };
  }

  private async agenciesByName(user: AuthUser): Promise<AgenciesByName> {
    const byName: AgenciesByName = new Map();
    for (const agency of await this.agencies.list(user, {})) {
      byName.set(agency.name, [...(byName.get(agency.name) ?? []), agency]);
    }
    return byName;
  }

  /** Parses without storing (the reports context's preview) to read the agency name and year. */
  private async readDocument(user: AuthUser, item: ImportItemEntity): Promise<DocumentIdentity> {
    const preview = await this.reports.preview(user, {
      bytes: await this.contentOf(item),
      fileName: uploadFileName(item.fileName),
    });
    // The preview's report is the canonical model, typed loosely at the HTTP edge.
    const { agencyName, year } = preview.report as { agencyName?: unknown; year?: unknown };
    const yearSource = YEAR_SOURCES.find((source) => source === preview.yearSource) ?? null;
    return {
      agencyName: typeof agencyName === 'string' && agencyName.trim() !== '' ? agencyName.trim() : null,
      year: typeof year === 'number' && Number.isInteger(year) ? year : null,
      yearSource,
    };
  }

  // ── uploading ───────────────────────────────────────────────────────────────────────────────

  private async importItem(
    actor: ReportActor,
    item: ImportItemEntity,
    shouldStop: () => boolean,
  ): Promise<void> {
    const agencyId = item.agencyId;
    const year = item.year;
    // Only if its agency was deleted between the two phases: say so rather than leave it waiting.
    if (agencyId === null || year === null) return this.fail(item, itemUnresolved());
    try {
      // A submitted report awaits review: the import refuses the file rather than turn it back
      // into a draft (REPORT_AWAITING_REVIEW), as it refuses one for an accepted report.
      const stored = await this.reports.upload(
        actor,
        agencyId,
        year,
        { bytes: await this.contentOf(item), fileName: uploadFileName(item.fileName) },
        { keepSubmitted: true },
      );
      const errors = stored.findings.filter((finding) => finding.severity === 'error').length;
      await this.settle(item, {
        status: 'imported',
        reportId: stored.id,
        version: stored.version,
        findingErrors: errors,
        findingWarnings: stored.findings.length - errors,
      });
    } catch (error) {
      // A process that is stopping may lose its database mid-upload: leave the file for the next run.
      if (shouldStop()) throw error;
      const failure = this.failureOf(error, item);
      if (failure.code === 'REPORT_DUPLICATE') {
        const existing = await this.existingVersion(actor.user, agencyId, year, item.sha256);
        if (existing) {
          await this.settle(item, { status: 'duplicate', ...existing, message: failure.message });
          return;
        }
      }
      await this.fail(item, failure);
    }
  }

  /** The report and version that already hold these bytes (what a duplicate points at). */
  private async existingVersion(
    user: AuthUser,
    agencyId: string,
    year: number,
    sha256: string,
  ): Promise<{ reportId: string; version: number } | null> {
    const [report] = (await this.reportQueries.list(user, { agencyId, year, pageSize: 1 })).items;
    if (!report) return null;
    const detail = await this.reportQueries.get(user, report.id);
    const version = detail.versions.find((candidate) => candidate.sha256 === sha256) ?? null;
    return { reportId: report.id, version: version?.version ?? detail.version };
  }

  // ── storing outcomes ────────────────────────────────────────────────────────────────────────

  private async contentOf(item: ImportItemEntity): Promise<Buffer> {
    const row = await this.items.findOne({
      where: { id: item.id },
      select: { id: true, content: true },
    });
    if (!row?.content) throw new Error(`import item ${item.id} has no content left`);
    return row.content;
  }

  /** Refusals (HTTP errors of the reports context) keep their code; anything else is logged. */
  private failureOf(error: unknown, item: ImportItemEntity): ItemFailure {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) {
      this.logger.error({ err: error, importItemId: item.id, fileName: item.fileName }, 'import item failed');
    }
    return { code: body.code, message: body.message };
  }

  private fail(
    item: ImportItemEntity,
    failure: ItemFailure,
    extra: Partial<Pick<ImportItemEntity, 'documentAgencyName' | 'year' | 'inferred'>> = {},
  ): Promise<void> {
    return this.settle(item, { status: 'failed', code: failure.code, message: failure.message, ...extra });
  }

  /** An item's outcome, once: its bytes are dropped (report_file keeps what was stored). */
  private async settle(
    item: ImportItemEntity,
    outcome: Partial<
      Pick<
        ImportItemEntity,
        | 'status'
        | 'reportId'
        | 'version'
        | 'findingErrors'
        | 'findingWarnings'
        | 'code'
        | 'message'
        | 'documentAgencyName'
        | 'year'
        | 'inferred'
      >
    >,
  ): Promise<void> {
    await this.items.update(
      { id: item.id, status: 'queued' },
      { ...outcome, content: null, finishedAt: new Date() },
    );
  }

  /** The worker, not a person, ends a job: its audit entry names the creator in its details. */
  private async finish(job: ImportJobEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(ImportJobEntity)
        .update({ id: job.id, status: In(['queued', 'running']) }, { status: 'finished', finishedAt: new Date() });
      if (!result.affected) return;
      const counts = await manager.query<{ status: string; n: number }[]>(
        'SELECT status, count(*)::int AS n FROM import_item WHERE job_id = $1 GROUP BY status',
        [job.id],
      );
      await this.audit.record(
        {
          actor: null,
          address: null,
          action: 'import.finish',
          targetType: 'import',
          targetId: job.id,
          details: {
            createdBy: job.createdBy,
            ...Object.fromEntries(counts.map((row) => [row.status, row.n])),
          },
        },
        manager,
      );
    });
  }
}

interface DocumentIdentity {
  readonly agencyName: string | null;
  readonly year: number | null;
  readonly yearSource: YearSource | null;
}

/**
 * The name the report's file is stored under: the path inside the zip flattened
 * (`pingtan-2021/source.txt` → `pingtan-2021_source.txt`), since report files carry no folders
 * and the folder is often what tells two `source.txt` apart.
 */
export function uploadFileName(path: string): string {
  const flat = path.split('/').join('_');
  return flat.length <= 255 ? flat : flat.slice(flat.length - 255);
}
