// The public surface of this module: the only file other modules and scripts import from it
// (lint rule atlas/api-module-surface; docs/architecture.md, "Boundaries").
export { AgenciesModule } from './agencies.module';
export { AgenciesService, type AgencyDescription } from './agencies.service';
export type { AgencyDto } from './dto/agency.dto';
export { agencyNotFound } from './agency.errors';
export {
  AGENCY_KIND_LABELS,
  AGENCY_LEVEL_LABELS,
  type AgencyKind,
  type AgencyLevel,
} from './agency-taxonomy';
export { pathIdsOf, type StoredAgency } from './agency-tree';
