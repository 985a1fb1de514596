import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies';
import { AnalyticsModule } from '../analytics';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/**
 * Threshold alerts (预警). Owns `alert_rule` and `alert_rule_change`; reads metric values through
 * analytics' AnalyticsObservations and regions through AgenciesService, never their tables.
 */
@Module({
  imports: [AgenciesModule, AnalyticsModule],
  controllers: [AlertsController],
  providers: [AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
