// The public surface of this module: the only file other modules and scripts import from it
// (lint rule atlas/api-module-surface; docs/architecture.md, "Boundaries").
export { AnalyticsModule } from './analytics.module';
export { AnalyticsProjection } from './projection/analytics-projection.service';
// The answers of GET /api/analytics/* for other modules (the 通报 reads them).
export { AnalyticsAnswers } from './read/analytics-answers.service';
export {
  AnalyticsObservations,
  type ObservedAgency,
  type ObservedValues,
  type RegionObservations,
} from './read/metric-observations.service';
