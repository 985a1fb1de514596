// The public surface of this module: the only file other modules and scripts import from it
// (lint rule atlas/api-module-surface; docs/architecture.md, "Boundaries").
export { RectificationModule } from './rectification.module';
export { ExplanationsService, type ExplanationActor } from './explanations.service';
export { RectificationsService, type RectificationActor } from './rectifications.service';
export { findingKey } from './finding-identity';
export { ITEM_STATUS_LABELS, NOTICE_STATUS_LABELS } from './rectification-ledger';
