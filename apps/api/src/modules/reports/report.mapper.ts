import type { Finding } from '@atlas/report-model';
import type {
  CellCorrectionDto,
  FindingDto,
  ReportEventDto,
  ReportVersionSummaryDto,
  ReportWriteResultDto,
  ReviewCommentDto,
} from './dto/report.dto';
import type { ReportCorrectionEntity } from './entities/report-correction.entity';
import type { ReportEntity } from './entities/report.entity';
import type { ReportEventEntity } from './entities/report-event.entity';
import type { ReportFileEntity } from './entities/report-file.entity';
import type { ReportVersionEntity } from './entities/report-version.entity';
import { countFindings } from './report-findings';
import type { SendBackAction } from './report-history';
import type { ReportStatus } from './report-status';

/** Entity → response DTO; entities never leave the services. */

export function toFindingDto(finding: Finding): FindingDto {
  return { ...finding, cells: [...finding.cells] };
}

export function toWriteResult(
  report: ReportEntity,
  version: ReportVersionEntity,
): ReportWriteResultDto {
  return {
    id: report.id,
    agencyId: report.agencyId,
    year: report.year,
    version: version.version,
    status: report.status,
    findings: version.findings.map(toFindingDto),
    warnings: version.warnings.map((warning) => ({ ...warning })),
  };
}

export function toVersionSummaryDto(
  version: ReportVersionEntity,
  file: Pick<ReportFileEntity, 'fileName' | 'sha256' | 'size'> | null,
  status: ReportStatus,
  createdByName: string | null,
): ReportVersionSummaryDto {
  return {
    version: version.version,
    status,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
    createdByName,
    fileName: file?.fileName ?? null,
    sha256: file?.sha256 ?? null,
    size: file?.size ?? null,
    format: version.format,
    basedOnVersion: version.basedOnVersion,
    submittedAt: version.submittedAt?.toISOString() ?? null,
    submittedBy: version.submittedBy,
    onTime: version.onTime,
    daysLate: version.daysLate,
    findingCounts: countFindings(version.findings),
  };
}

export function toCorrectionDto(correction: ReportCorrectionEntity): CellCorrectionDto {
  return {
    address: correction.address,
    from: correction.oldValue,
    to: correction.newValue,
    reason: correction.reason,
    userId: correction.userId,
    at: correction.createdAt.toISOString(),
  };
}

export function toEventDto(event: ReportEventEntity): ReportEventDto {
  return {
    version: event.version,
    action: event.action,
    comment: event.comment,
    changes: (event.changes ?? []).map((change) => ({ ...change })),
    actorId: event.actorId,
    actorName: event.actorName,
    at: event.at.toISOString(),
  };
}

export function toReviewCommentDto(
  event: ReportEventEntity & { action: SendBackAction },
): ReviewCommentDto {
  return {
    action: event.action,
    version: event.version,
    comment: event.comment ?? '',
    actorId: event.actorId,
    actorName: event.actorName,
    at: event.at.toISOString(),
  };
}
