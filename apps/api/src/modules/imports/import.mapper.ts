import type { AgencyDescription } from '../agencies';
import type {
  ImportItem,
  ImportJob,
  ImportJobSummary,
  ImportPreview,
} from '@atlas/api-contract';
import type { ImportItemEntity } from './entities/import-item.entity';
import type { ImportJobEntity } from './entities/import-job.entity';
import type { ImportPreviewEntity } from './entities/import-preview.entity';
import type { PreviewFile } from './import-previews.service';

/** Entity → the answer's contract type (@atlas/api-contract); entities never leave the services. */

export interface ItemCounts {
  readonly total: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
}

export function toImportJobSummaryDto(job: ImportJobEntity, counts: ItemCounts): ImportJobSummary {
  return {
    id: job.id,
    status: job.status,
    fileName: job.archiveName,
    createdBy: job.createdBy,
    total: counts.total,
    done: counts.imported + counts.duplicates + counts.failed,
    imported: counts.imported,
    duplicates: counts.duplicates,
    failed: counts.failed,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export function toImportJobDto(
  job: ImportJobEntity,
  counts: ItemCounts,
  items: readonly ImportItemEntity[],
  agencies: ReadonlyMap<string, AgencyDescription>,
): ImportJob {
  return {
    ...toImportJobSummaryDto(job, counts),
    items: items.map((item) => toImportItemDto(item, agencies)),
  };
}

export function toImportItemDto(
  item: ImportItemEntity,
  agencies: ReadonlyMap<string, AgencyDescription>,
): ImportItem {
  const agency = item.agencyId === null ? undefined : agencies.get(item.agencyId);
  const stored = item.findingErrors !== null && item.findingWarnings !== null;
  return {
    fileName: item.fileName,
    size: item.size,
    sha256: item.sha256,
    agencyId: agency?.id ?? null,
    // What the manifest or the document said, when no agency of the system matched it.
    agencyCode: agency?.code ?? item.manifestAgencyCode,
    agencyName: agency?.name ?? item.documentAgencyName,
    year: item.year ?? item.manifestYear,
    inferred: { ...item.inferred },
    status: item.status,
    reportId: item.reportId,
    version: item.version,
    findingCounts: stored ? { errors: item.findingErrors ?? 0, warnings: item.findingWarnings ?? 0 } : null,
    code: item.code,
    message: item.message,
    finishedAt: item.finishedAt?.toISOString() ?? null,
  };
}

export function toImportPreviewDto(preview: ImportPreviewEntity, files: readonly PreviewFile[]): ImportPreview {
  const ready = files.filter((file) => file.code === null).length;
  return {
    id: preview.id,
    fileName: preview.archiveName,
    expiresAt: preview.expiresAt.toISOString(),
    total: files.length,
    ready,
    failed: files.length - ready,
    files: files.map((file) => ({
      fileName: file.path,
      size: file.size,
      sha256: file.sha256,
      agencyId: file.agencyId,
      // What the manifest or the document said, when no agency of the system matched it.
      agencyCode: file.agency?.code ?? file.manifestAgencyCode,
      agencyName: file.agency?.name ?? file.documentAgencyName,
      year: file.year ?? file.manifestYear,
      inferred: { ...file.inferred },
      status: file.code === null ? 'ready' : 'failed',
      format: file.reading?.format ?? null,
      findingCounts:
        file.findingErrors === null || file.findingWarnings === null
          ? null
          : { errors: file.findingErrors, warnings: file.findingWarnings },
      code: file.code,
      message: file.message,
    })),
  };
}
