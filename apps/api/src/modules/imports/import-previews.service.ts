import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ParsedReport } from '@atlas/report-parser';
import { isUUID } from 'class-validator';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, type EntityManager, LessThan, MoreThan, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { ReportsService } from '../reports';
import type { ImportCreatedDto, ImportPreviewDto } from './dto/import-job.dto';
import { ImportPreviewEntity, ImportPreviewFileEntity } from './entities/import-preview.entity';
import { DEFAULT_ARCHIVE_LIMITS, type ImportArchive, readImportArchive } from './import-archive';
import {
  type ItemFailure,
  importPreviewChanged,
  importPreviewExpired,
  itemFileTooLarge,
  type PreviewChange,
} from './import.errors';
import { type PlannedItem, parseManifest, planItems } from './import-manifest';
import { toImportPreviewDto } from './import.mapper';
import {
  failureOf,
  findingCountsOf,
  identityOf,
  type ImportResolution,
  ImportResolver,
  isUnresolved,
} from './import-resolver';
import { uploadFileName } from './import-runner.service';
import {
  type ImportActor,
  type ImportArchiveUpload,
  ImportsService,
  type NewImportItem,
  sha256Hex,
} from './imports.service';

/** How long a preview may wait for its confirmation. */
export const IMPORT_PREVIEW_TTL_MS = 24 * 60 * 60 * 1000;

/** Readings are large (every cell with its provenance): a few files per statement. */
const PREVIEW_INSERT_BATCH = 20;

/** A file of a preview as stored, with the agency it was placed in (for the answer). */
export type PreviewFile = Omit<ImportPreviewFileEntity, 'previewId'> & {
  readonly agency: { readonly code: string; readonly name: string } | null;
};

/**
 * Preview, then confirm: the preview reads every file of the zip once and keeps the reading under
 * the file's SHA-256; the confirmation (the same zip sent again) stores exactly those readings,
 * and refuses, with nothing written, when a file's hash differs or the preview is gone.
 */
@Injectable()
export class ImportPreviewsService {
  constructor(
    @InjectRepository(ImportPreviewEntity) private readonly previews: Repository<ImportPreviewEntity>,
    @InjectRepository(ImportPreviewFileEntity) private readonly previewFiles: Repository<ImportPreviewFileEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly resolver: ImportResolver,
    private readonly imports: ImportsService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ImportPreviewsService.name);
  }

  async preview(actor: ImportActor, upload: ImportArchiveUpload): Promise<ImportPreviewDto> {
    const { archive, planned } = await this.plan(actor, upload);
    const resolve = this.resolver.forUser(actor.user);
    const files: PreviewFile[] = [];
    for (const item of planned) files.push(await this.readFile(item, resolve));

    const preview = await this.dataSource.transaction(async (manager) => {
      // Expired previews hold readings nobody can use any more.
      await manager.getRepository(ImportPreviewEntity).delete({ expiresAt: LessThan(new Date()) });
      const stored = await manager.getRepository(ImportPreviewEntity).save(
        manager.getRepository(ImportPreviewEntity).create({
          createdBy: actor.user.id,
          archiveName: upload.fileName,
          hasManifest: archive.manifest !== null,
          manifestSha256: archive.manifest === null ? null : sha256Hex(archive.manifest),
          expiresAt: new Date(Date.now() + IMPORT_PREVIEW_TTL_MS),
        }),
      );
      await this.insertFiles(manager, stored.id, files);
      return stored;
    });
    return toImportPreviewDto(preview, files);
  }

  /** Stores the previewed readings as a new import job (202, worked off by the queue). */
  async confirm(actor: ImportActor, previewId: string, upload: ImportArchiveUpload): Promise<ImportCreatedDto> {
    const { archive, planned } = await this.plan(actor, upload);
    const preview = isUUID(previewId) ? await this.previews.findOneBy({ id: previewId }) : null;
    if (!preview || preview.createdBy !== actor.user.id || preview.expiresAt <= new Date()) {
      throw importPreviewExpired();
    }
    const files = await this.previewFiles.find({
      where: { previewId },
      order: { position: 'ASC' },
      select: { ...SELECT_PREVIEW_FILE, reading: true },
    });
    const changes = changesSincePreview(preview, files, archive, planned);
    if (changes.length > 0) throw importPreviewChanged(changes);

    const bytesByPath = new Map(planned.map((item) => [item.path, item.bytes]));
    const items = files.map((file) => itemFromPreview(file, bytesByPath.get(file.path) ?? null));
    const id = await this.dataSource.transaction(async (manager) => {
      // Used once: the delete waits for a concurrent confirmation and then finds nothing.
      const used = await manager
        .getRepository(ImportPreviewEntity)
        .delete({ id: preview.id, expiresAt: MoreThan(new Date()) });
      if (!used.affected) throw importPreviewExpired();
      return this.imports.createJob(manager, actor, upload, {
        hasManifest: archive.manifest !== null,
        items,
        previewId: preview.id,
      });
    });
    this.imports.wakeQueue();
    return { id, status: 'queued', total: items.length };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  /** Unpacks and checks the zip and its manifest, as a direct import does (422/413/403 at once). */
  private async plan(
    actor: ImportActor,
    upload: ImportArchiveUpload,
  ): Promise<{ archive: ImportArchive; planned: PlannedItem[] }> {
    const archive = readImportArchive(upload.bytes, DEFAULT_ARCHIVE_LIMITS);
    const planned = planItems(archive.entries, archive.manifest ? parseManifest(archive.manifest) : []);
    await this.resolver.assertOwnAgencyOnly(actor.user, planned);
    return { archive, planned };
  }

  /** Reads a file once (even when the manifest names its agency and year) and places it. */
  private async readFile(item: PlannedItem, resolve: ImportResolution): Promise<PreviewFile> {
    const base = {
      position: item.position,
      path: item.path,
      size: item.bytes.length,
      sha256: sha256Hex(item.bytes),
      manifestAgencyCode: item.agencyCode,
      manifestYear: item.year,
    };
    const limit = this.config.uploadLimitBytes;
    if (item.bytes.length > limit) return failedFile(base, itemFileTooLarge(limit));

    // Parsed once, whether the manifest names the agency and year or the document must.
    let reading: Promise<{ reading: ParsedReport } | ItemFailure> | null = null;
    const readOnce = () => (reading ??= this.readDocument(item));
    const resolved = await resolve({ manifestAgencyCode: item.agencyCode, manifestYear: item.year }, async () => {
      const read = await readOnce();
      return 'reading' in read ? identityOf(read.reading) : read;
    });
    if (isUnresolved(resolved)) {
      const { code, message, ...known } = resolved;
      return failedFile({ ...base, ...known }, { code, message });
    }
    const placed = {
      ...base,
      agencyId: resolved.agency.id,
      year: resolved.year,
      inferred: resolved.inferred,
      documentAgencyName: resolved.documentAgencyName,
    };
    const read = await readOnce();
    if (!('reading' in read)) return failedFile(placed, read);
    const counts = findingCountsOf(read.reading);
    return {
      ...placed,
      reading: read.reading,
      findingErrors: counts.errors,
      findingWarnings: counts.warnings,
      code: null,
      message: null,
      agency: { code: resolved.agency.code, name: resolved.agency.name },
    };
  }

  private async readDocument(item: PlannedItem): Promise<{ reading: ParsedReport } | ItemFailure> {
    try {
      return { reading: await this.reports.read({ bytes: item.bytes, fileName: uploadFileName(item.path) }) };
    } catch (error) {
      return failureOf(error, (err) => this.logger.error({ err, fileName: item.path }, 'import preview: file failed'));
    }
  }

  private async insertFiles(manager: EntityManager, previewId: string, files: readonly PreviewFile[]): Promise<void> {
    const rows = files.map(({ agency: _agency, ...file }) => ({ ...file, previewId }));
    for (let start = 0; start < rows.length; start += PREVIEW_INSERT_BATCH) {
      await manager.getRepository(ImportPreviewFileEntity).insert(rows.slice(start, start + PREVIEW_INSERT_BATCH));
    }
  }
}

/** Every column but the reading (loaded only to be stored). */
const SELECT_PREVIEW_FILE = {
  previewId: true,
  position: true,
  path: true,
  size: true,
  sha256: true,
  manifestAgencyCode: true,
  manifestYear: true,
  agencyId: true,
  year: true,
  inferred: true,
  documentAgencyName: true,
  findingErrors: true,
  findingWarnings: true,
  code: true,
  message: true,
} as const;

type PreviewFileBase = Pick<
  PreviewFile,
  'position' | 'path' | 'size' | 'sha256' | 'manifestAgencyCode' | 'manifestYear'
> &
  Partial<Pick<PreviewFile, 'agencyId' | 'year' | 'inferred' | 'documentAgencyName'>>;

function failedFile(base: PreviewFileBase, failure: ItemFailure): PreviewFile {
  return {
    agencyId: null,
    year: null,
    inferred: {},
    documentAgencyName: null,
    ...base,
    reading: null,
    findingErrors: null,
    findingWarnings: null,
    code: failure.code,
    message: failure.message,
    agency: null,
  };
}

/** The files of the zip sent to confirm, against the preview's: by path, then by SHA-256. */
export function changesSincePreview(
  preview: Pick<ImportPreviewEntity, 'manifestSha256'>,
  files: readonly Pick<ImportPreviewFileEntity, 'path' | 'sha256'>[],
  archive: Pick<ImportArchive, 'manifest'>,
  planned: readonly Pick<PlannedItem, 'path' | 'bytes'>[],
): PreviewChange[] {
  const changes: PreviewChange[] = [];
  const manifestSha256 = archive.manifest === null ? null : sha256Hex(archive.manifest);
  if (manifestSha256 !== preview.manifestSha256) {
    changes.push({
      path: 'manifest.csv',
      change: preview.manifestSha256 === null ? 'added' : manifestSha256 === null ? 'removed' : 'changed',
    });
  }
  const previewed = new Map(files.map((file) => [file.path, file.sha256]));
  const sent = new Set<string>();
  for (const item of planned) {
    sent.add(item.path);
    const sha256 = previewed.get(item.path);
    if (sha256 === undefined) changes.push({ path: item.path, change: 'added' });
    else if (sha256 !== sha256Hex(item.bytes)) changes.push({ path: item.path, change: 'changed' });
  }
  for (const file of files) if (!sent.has(file.path)) changes.push({ path: file.path, change: 'removed' });
  return changes;
}

/** A job's item from a previewed file: ready ones wait with their reading, failed ones are done. */
function itemFromPreview(file: ImportPreviewFileEntity, bytes: Buffer | null): NewImportItem {
  const ready = file.code === null && bytes !== null;
  return {
    position: file.position,
    fileName: file.path,
    size: file.size,
    sha256: file.sha256,
    content: ready ? bytes : null,
    manifestAgencyCode: file.manifestAgencyCode,
    manifestYear: file.manifestYear,
    agencyId: file.agencyId,
    year: file.year,
    inferred: file.inferred,
    documentAgencyName: file.documentAgencyName,
    reading: ready ? file.reading : null,
    status: ready ? 'queued' : 'failed',
    code: file.code,
    message: file.message,
    finishedAt: ready ? null : new Date(),
  };
}
