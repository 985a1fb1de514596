import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies';
import { NotificationsModule } from '../notifications';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { REPORT_ENTITIES } from './entities';
import { ReportAccess } from './report-access';
import { ReportBulkLoadService } from './report-bulk-load.service';
import { ReportParsingService } from './report-parsing.service';
import { ReportQueriesService } from './report-queries.service';
import { ReportCopiesService } from './report-copies.service';
import { ReportUploadInterceptor } from './report-upload.interceptor';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Annual reports: uploads, versions, corrections, the review workflow and deadlines. */
@Module({
  imports: [TypeOrmModule.forFeature(REPORT_ENTITIES), AgenciesModule, NotificationsModule],
  controllers: [ReportsController, DeadlinesController],
  providers: [
    ReportsService,
    ReportQueriesService,
    ReportCopiesService,
    DeadlinesService,
    ReportParsingService,
    ReportAccess,
    ReportBulkLoadService,
    ReportUploadInterceptor,
  ],
  exports: [
    ReportsService,
    ReportQueriesService,
    ReportCopiesService,
    DeadlinesService,
    ReportBulkLoadService,
  ],
})
export class ReportsModule {}
