import type {
  CellCorrection,
  Finding,
  ReportEvent,
  ReportVersionSummary,
  ReportWriteResult,
  ReviewComment,
} from '@atlas/api-contract';
import type { ReportCorrectionEntity } from './entities/report-correction.entity';
import type { ReportEntity } from './entities/report.entity';
import type { ReportEventEntity } from './entities/report-event.entity';
import type { ReportFileEntity } from './entities/report-file.entity';
import type { ReportVersionEntity } from './entities/report-version.entity';
import { countFindings } from './report-findings';
import type { SendBackAction } from './report-history';
import type { ReportStatus } from './report-status';

/** Entity → the answer's contract type (@atlas/api-contract); entities never leave the services. */

export function toFindingDto(finding: Finding): Finding {
  return { ...finding, cells: [...finding.cells] };
}

export function toWriteResult(
  report: ReportEntity,
  version: ReportVersionEntity,
): ReportWriteResult {
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
): ReportVersionSummary {
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

export function toCorrectionDto(correction: ReportCorrectionEntity): CellCorrection {
  return {
    address: correction.address,
    from: correction.oldValue,
    to: correction.newValue,
    reason: correction.reason,
    userId: correction.userId,
    at: correction.createdAt.toISOString(),
  };
}

export function toEventDto(event: ReportEventEntity): ReportEvent {
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
): ReviewComment {
  return {
    action: event.action,
    version: event.version,
    comment: event.comment ?? '',
    actorId: event.actorId,
    actorName: event.actorName,
    at: event.at.toISOString(),
  };
}
