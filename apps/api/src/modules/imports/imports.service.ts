import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { AgenciesService } from '../agencies';
import { AuditService } from '../audit';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  DEFAULT_IMPORT_PAGE_SIZE,
  type ListImportsQueryDto,
} from './dto/list-imports-query.dto';
import type { ImportCreatedDto, ImportJobDto, ImportJobPageDto } from './dto/import-job.dto';
import { ImportItemEntity } from './entities/import-item.entity';
import { ImportJobEntity } from './entities/import-job.entity';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, readImportArchive } from './import-archive';
import { importJobsLimit, importNotFound, itemFileTooLarge } from './import.errors';
import { type PlannedItem, parseManifest, planItems } from './import-manifest';
import { ImportQueue } from './import-queue.service';
import { ImportResolver } from './import-resolver';
import { type ItemCounts, toImportJobDto, toImportJobSummaryDto } from './import.mapper';

/** Who imports, and from where (for the audit log and the uploads made on their behalf). */
export interface ImportActor {
  readonly user: AuthUser;
  readonly address: string | null;
}

export interface ImportArchiveUpload {
  readonly bytes: Buffer;
  readonly fileName: string;
}

/** A file of a new job, as stored (the worker fills in the rest). */
export type NewImportItem = Pick<
  ImportItemEntity,
  'position' | 'fileName' | 'size' | 'sha256' | 'content' | 'manifestAgencyCode' | 'manifestYear' | 'status' | 'code' | 'message' | 'finishedAt'
> &
  Partial<Pick<ImportItemEntity, 'agencyId' | 'year' | 'inferred' | 'documentAgencyName' | 'reading'>>;

/** Inserted a few at a time: one statement carrying hundreds of megabytes helps nobody. */
const ITEM_INSERT_BATCH_BYTES = 16 * 1024 * 1024;

interface JobListRow {
  id: string;
  total: number;
  imported: number;
  duplicate: number;
  failed: number;
}

/**
 * Bulk imports: accepts a zip (unpacked and checked at once, so a bad zip is refused with nothing
 * written), stores the job and its files in one transaction with the queue's job, and answers
 * what the worker has done so far. Jobs are seen by their creator and by admins.
 */
@Injectable()
export class ImportsService {
  private readonly archiveLimits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS;
  /** Archives being unpacked in this process, per account: unpacking holds the whole zip. */
  private readonly unpacking = new Map<string, number>();

  constructor(
    @InjectRepository(ImportJobEntity) private readonly jobs: Repository<ImportJobEntity>,
    @InjectRepository(ImportItemEntity) private readonly items: Repository<ImportItemEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly audit: AuditService,
    private readonly queue: ImportQueue,
    private readonly resolver: ImportResolver,
  ) {}

  async create(actor: ImportActor, upload: ImportArchiveUpload): Promise<ImportCreatedDto> {
    // Refused before unpacking: three parallel 100 MB imports by one account once took 1 GB.
    // Admins (who load whole regions) are not bounded.
    if (actor.user.role === 'admin') return this.unpackAndQueue(actor, upload);
    const userId = actor.user.id;
    const unpacking = this.unpacking.get(userId) ?? 0;
    if (unpacking + (await this.openJobs(this.dataSource.manager, userId)) >= this.jobsPerAccount)
      throw importJobsLimit(this.jobsPerAccount);
    this.unpacking.set(userId, unpacking + 1);
    try {
      return await this.unpackAndQueue(actor, upload);
    } finally {
      const left = (this.unpacking.get(userId) ?? 1) - 1;
      if (left > 0) this.unpacking.set(userId, left);
      else this.unpacking.delete(userId);
    }
  }

  private get jobsPerAccount(): number {
    return this.config.importJobsPerAccount;
  }

  /** The account's jobs still queued or running. */
  private async openJobs(manager: EntityManager, userId: string): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM import_job
        WHERE created_by = $1 AND status IN ('queued', 'running')`,
      [userId],
    );
    return Number(row?.count ?? 0);
  }

  private async unpackAndQueue(
    actor: ImportActor,
    upload: ImportArchiveUpload,
  ): Promise<ImportCreatedDto> {
    const archive = readImportArchive(upload.bytes, this.archiveLimits);
    const planned = planItems(archive.entries, archive.manifest ? parseManifest(archive.manifest) : []);
    await this.resolver.assertOwnAgencyOnly(actor.user, planned);
    const items = planned.map((item) => this.newItem(item));
    const id = await this.dataSource.transaction((manager) =>
      this.createJob(manager, actor, upload, { hasManifest: archive.manifest !== null, items }),
    );
    this.queue.wake();
    return { id, status: 'queued', total: planned.length };
  }

  /**
   * Stores a job, its files and its audit entry with the queue's job, in the caller's transaction
   * (the caller wakes the queue once it has committed).
   */
  async createJob(
    manager: EntityManager,
    actor: ImportActor,
    upload: ImportArchiveUpload,
    job: { hasManifest: boolean; items: readonly NewImportItem[]; previewId?: string },
  ): Promise<string> {
    if (actor.user.role !== 'admin') {
      // Decided under a per-account lock, so parallel requests (or replicas) cannot all pass.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('atlas.import.' || $1))`, [
        actor.user.id,
      ]);
      if ((await this.openJobs(manager, actor.user.id)) >= this.jobsPerAccount)
        throw importJobsLimit(this.jobsPerAccount);
    }
    const archiveSha256 = sha256Hex(upload.bytes);
    const { id } = await manager.getRepository(ImportJobEntity).save(
      manager.getRepository(ImportJobEntity).create({
        createdBy: actor.user.id,
        createdFrom: actor.address,
        status: 'queued',
        archiveName: upload.fileName,
        archiveSize: upload.bytes.length,
        archiveSha256,
        hasManifest: job.hasManifest,
      }),
    );
    await this.insertItems(manager, id, job.items);
    await this.audit.record(
      {
        actor: actor.user,
        address: actor.address,
        action: 'import.create',
        targetType: 'import',
        targetId: id,
        details: {
          fileName: upload.fileName,
          sha256: archiveSha256,
          size: upload.bytes.length,
          files: job.items.length,
          manifest: job.hasManifest,
          ...(job.previewId === undefined ? {} : { previewId: job.previewId }),
        },
      },
      manager,
    );
    await this.queue.enqueue(id, manager);
    return id;
  }

  /** Lets the queue look for work now rather than at its next poll. */
  wakeQueue(): void {
    this.queue.wake();
  }

  async get(user: AuthUser, id: string): Promise<ImportJobDto> {
    const job = await this.findVisible(user, id);
    const items = await this.items.find({ where: { jobId: job.id }, order: { position: 'ASC' } });
    const described = await this.agencies.describeMany(
      items.flatMap((item) => (item.agencyId === null ? [] : [item.agencyId])),
    );
    return toImportJobDto(job, countItems(items), items, described);
  }

  /** Newest first: an admin's lists every job, anyone else's their own. */
  async list(user: AuthUser, query: ListImportsQueryDto): Promise<ImportJobPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_IMPORT_PAGE_SIZE;
    const where = user.role === 'admin' ? {} : { createdBy: user.id };
    const [jobs, total] = await this.jobs.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const counts = await this.countsOf(jobs.map((job) => job.id));
    return {
      items: jobs.map((job) => toImportJobSummaryDto(job, counts.get(job.id) ?? NO_ITEMS)),
      total,
      page,
      pageSize,
    };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  /** A file to be read and stored by the worker; one over the per-file limit fails at once. */
  private newItem(item: PlannedItem): NewImportItem {
    const limit = this.config.uploadLimitBytes;
    const tooLarge = item.bytes.length > limit;
    const refusal = tooLarge ? itemFileTooLarge(limit) : null;
    return {
      position: item.position,
      fileName: item.path,
      size: item.bytes.length,
      sha256: sha256Hex(item.bytes),
      // A file over the per-file limit fails now; keeping its bytes would only cost space.
      content: tooLarge ? null : item.bytes,
      manifestAgencyCode: item.agencyCode,
      manifestYear: item.year,
      status: refusal ? 'failed' : 'queued',
      code: refusal?.code ?? null,
      message: refusal?.message ?? null,
      finishedAt: refusal ? new Date() : null,
    };
  }

  private async insertItems(
    manager: EntityManager,
    jobId: string,
    items: readonly NewImportItem[],
  ): Promise<void> {
    let batch: (NewImportItem & { jobId: string })[] = [];
    let batchBytes = 0;
    for (const item of items) {
      batch.push({ ...item, jobId });
      batchBytes += item.size;
      if (batchBytes >= ITEM_INSERT_BATCH_BYTES) {
        await manager.getRepository(ImportItemEntity).insert(batch);
        batch = [];
        batchBytes = 0;
      }
    }
    if (batch.length > 0) await manager.getRepository(ImportItemEntity).insert(batch);
  }

  private async findVisible(user: AuthUser, id: string): Promise<ImportJobEntity> {
    const job = isUUID(id) ? await this.jobs.findOneBy({ id }) : null;
    if (!job || (user.role !== 'admin' && job.createdBy !== user.id)) throw importNotFound();
    return job;
  }

  private async countsOf(jobIds: readonly string[]): Promise<Map<string, ItemCounts>> {
    if (jobIds.length === 0) return new Map();
    const rows = await this.dataSource.query<JobListRow[]>(
      `SELECT job_id AS id,
              count(*)::int AS total,
              count(*) FILTER (WHERE status = 'imported')::int AS imported,
              count(*) FILTER (WHERE status = 'duplicate')::int AS duplicate,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM import_item WHERE job_id = ANY($1::uuid[]) GROUP BY job_id`,
      [jobIds],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { total: row.total, imported: row.imported, duplicates: row.duplicate, failed: row.failed },
      ]),
    );
  }
}

const NO_ITEMS: ItemCounts = { total: 0, imported: 0, duplicates: 0, failed: 0 };

function countItems(items: readonly ImportItemEntity[]): ItemCounts {
  const count = (status: ImportItemEntity['status']) => items.filter((item) => item.status === status).length;
  return {
    total: items.length,
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
