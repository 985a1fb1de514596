import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies';
import { AuditModule } from '../audit';
import { NotificationsModule } from '../notifications';
import { ReportsModule } from '../reports';
import { ExplanationsController, RectificationsController } from './rectification.controller';
import { ExplanationsService } from './explanations.service';
import { RectificationsService } from './rectifications.service';

/**
 * Rectification (整改): explanations of findings and rectification notices. Owns
 * `finding_explanation`, `rectification_notice` and `rectification_item`; reads reports through
 * ReportQueriesService and keeps notices current from the reports' `report.snapshot` events.
 */
@Module({
  imports: [AgenciesModule, AuditModule, NotificationsModule, ReportsModule],
  controllers: [ExplanationsController, RectificationsController],
  providers: [ExplanationsService, RectificationsService],
  exports: [ExplanationsService, RectificationsService],
})
export class RectificationModule {}
