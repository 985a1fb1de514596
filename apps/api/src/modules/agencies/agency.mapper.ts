import type { AgencyDto } from '@atlas/api-contract';
import { pathIdsOf, type StoredAgency } from './agency-tree';

export function toAgencyDto(agency: StoredAgency): AgencyDto {
  return {
    id: agency.id,
    code: agency.code,
    name: agency.name,
    level: agency.level,
    kind: agency.kind,
    parentId: agency.parentId,
    path: pathIdsOf(agency.path),
    depth: agency.depth,
    activeFromYear: agency.activeFromYear,
    activeToYear: agency.activeToYear,
  };
}
