// The public surface of this module: the only file other modules and scripts import from it
// (lint rule atlas/api-module-surface; docs/architecture.md, "Boundaries").
export { ReportsModule } from './reports.module';
export { ReportsService, type ReportActor, type ReportSource } from './reports.service';
export { ReportQueriesService } from './report-queries.service';
export { ReportCopiesService } from './report-copies.service';
export {
  type BulkLoadSummary,
  type BulkReport,
  type BulkReportVersion,
  ReportBulkLoadService,
} from './report-bulk-load.service';
// How a report's numbers enter its snapshot (analytics' specs build snapshots with it).
export { countedNumbers } from './report-snapshot';
