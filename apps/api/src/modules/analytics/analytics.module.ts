import { Module } from '@nestjs/common';
import { AnalyticsController } from './http/analytics.controller';
import { AnalyticsProjection } from './projection/analytics-projection.service';
import { AnalyticsAnswers } from './read/analytics-answers.service';
import { AnalyticsScopes } from './read/analytics-scopes.service';
import { AnalyticsAnswerCache } from './read/answer-cache';
import { BreakdownQuery } from './read/breakdown.query';
import { CompareQuery } from './read/compare.query';
import { ComplianceQuery } from './read/compliance.query';
import { OverviewQuery } from './read/overview.query';
import { QualityQuery } from './read/quality.query';
import { RollupQuery } from './read/rollup.query';
import { TrendQuery } from './read/trend.query';
import { YoyQuery } from './read/yoy.query';
import { AnalyticsObservations } from './read/metric-observations.service';

/**
 * Analytics over the submitted reports, by job: the projection (AnalyticsProjection: analytics'
 * own tables, kept from the reports and agencies modules' events), one query object per answer
 * (read/), the exports (export/) and the HTTP layer (http/: one table of routes). It imports no
 * other context's module; what it knows of reports and agencies comes from
 * their events.
 */
@Module({
  controllers: [AnalyticsController],
  providers: [
    AnalyticsProjection,
    AnalyticsScopes,
    AnalyticsAnswerCache,
    AnalyticsAnswers,
    OverviewQuery,
    TrendQuery,
    CompareQuery,
    YoyQuery,
    BreakdownQuery,
    ComplianceQuery,
    QualityQuery,
    RollupQuery,
    AnalyticsObservations,
  ],
  exports: [AnalyticsProjection, AnalyticsAnswers, AnalyticsObservations],
})
export class AnalyticsModule {}
