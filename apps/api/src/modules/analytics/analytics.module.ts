import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsIndexService } from './analytics-index.service';
import { AnalyticsQueriesService } from './analytics-queries.service';

/**
 * Analytics over the submitted reports: per-report facts and per-region roll-ups kept up to
 * date by the reports module (AnalyticsIndexService), and the read endpoints.
 */
@Module({
  imports: [AgenciesModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsIndexService, AnalyticsQueriesService],
  exports: [AnalyticsIndexService],
})
export class AnalyticsModule {}
