import { ReportCorrectionEntity } from './report-correction.entity';
import { ReportDeadlineEntity } from './report-deadline.entity';
import { ReportEntity } from './report.entity';
import { ReportEventEntity } from './report-event.entity';
import { ReportFileEntity } from './report-file.entity';
import { ReportVersionEntity } from './report-version.entity';

/** Every entity of the reports context (for ENTITIES in database/typeorm-options.ts and forFeature). */
export const REPORT_ENTITIES = [
  ReportEntity,
  ReportFileEntity,
  ReportVersionEntity,
  ReportCorrectionEntity,
  ReportEventEntity,
  ReportDeadlineEntity,
];
