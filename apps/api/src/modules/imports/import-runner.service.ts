import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ParsedReport } from '@atlas/report-parser';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, In, Not, type Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuditService } from '../audit';
import { UsersService } from '../auth';
import { type ReportActor, ReportQueriesService, ReportsService } from '../reports';
import { ImportItemEntity } from './entities/import-item.entity';
import { ImportJobEntity } from './entities/import-job.entity';
import { type ItemFailure, itemCreatorUnavailable, itemUnresolved } from './import.errors';
import { failureOf, identityOf, ImportResolver, isUnresolved } from './import-resolver';

/** What a run did: all done, someone else holds the import, stopped early (process ending), gone. */
export type RunOutcome = 'finished' | 'busy' | 'interrupted' | 'missing';

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
    private readonly resolver: ImportResolver,
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

    const resolve = this.resolver.forUser(user);
    const unresolved = await this.items.find({
      where: { jobId: job.id, status: 'queued' },
      order: { position: 'ASC' },
    });
    for (const item of unresolved) {
      if (item.agencyId !== null && item.year !== null) continue;
      if (shouldStop()) return 'interrupted';
      // The reading made to find the agency and year is the one stored: the file is parsed once.
      let reading: ParsedReport | null = null;
      const resolved = await resolve(item, async () => {
        try {
          const bytes = await this.contentOf(item);
          reading = await this.reports.read({ bytes, fileName: uploadFileName(item.fileName) });
          return identityOf(reading);
        } catch (error) {
          return this.failureOf(error, item);
        }
      });
      if (isUnresolved(resolved)) {
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
            reading,
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
      const { content, reading } = await this.storedFileOf(item);
      const stored = await this.reports.upload(
        actor,
        agencyId,
        year,
        { bytes: content, fileName: uploadFileName(item.fileName) },
        { keepSubmitted: true, reading: reading ?? undefined },
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
    return (await this.storedFileOf(item)).content;
  }

  /** The item's bytes, and the reading of them when one was made (preview or first look). */
  private async storedFileOf(item: ImportItemEntity): Promise<{ content: Buffer; reading: ParsedReport | null }> {
    const row = await this.items.findOne({
      where: { id: item.id },
      select: { id: true, content: true, reading: true },
    });
    if (!row?.content) throw new Error(`import item ${item.id} has no content left`);
    return { content: row.content, reading: row.reading };
  }

  /** Refusals (HTTP errors of the reports context) keep their code; anything else is logged. */
  private failureOf(error: unknown, item: ImportItemEntity): ItemFailure {
    return failureOf(error, (err) =>
      this.logger.error({ err, importItemId: item.id, fileName: item.fileName }, 'import item failed'),
    );
  }

  private fail(
    item: ImportItemEntity,
    failure: ItemFailure,
    extra: Partial<Pick<ImportItemEntity, 'documentAgencyName' | 'year' | 'inferred'>> = {},
  ): Promise<void> {
    return this.settle(item, { status: 'failed', code: failure.code, message: failure.message, ...extra });
  }

  /** An item's outcome, once: its bytes and reading are dropped (report_file and report_version keep what was stored). */
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
      { ...outcome, content: null, reading: null, finishedAt: new Date() },
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

/**
 * The name the report's file is stored under: the path inside the zip flattened
 * (`pingtan-2021/source.txt` → `pingtan-2021_source.txt`), since report files carry no folders
 * and the folder is often what tells two `source.txt` apart.
 */
export function uploadFileName(path: string): string {
  const flat = path.split('/').join('_');
  return flat.length <= 255 ? flat : flat.slice(flat.length - 255);
}
