import type { AuthUser } from '../../common/auth/auth-user';
import type { AgenciesService } from '../agencies';

/**
 * The agencies whose notices or explanations the caller may count: a region's subtree (404
 * AGENCY_NOT_FOUND outside the caller's scope), else everything visible; an uploader only its
 * own agency; null means no filter (an admin without a region).
 */
export async function agenciesInScope(
  agencies: AgenciesService,
  user: AuthUser,
  region?: string,
): Promise<string[] | null> {
  if (region !== undefined) {
    await agencies.assertVisible(user, region);
    const ids = await agencies.subtreeIds([region]);
    return user.role === 'uploader' ? ids.filter((id) => id === user.agencyId) : ids;
  }
  if (user.role === 'admin') return null;
  if (user.role === 'uploader') return user.agencyId ? [user.agencyId] : [];
  return agencies.visibleAgencyIds(user);
}

/**
 * SQL conditions (with their parameters, numbered from $1) for rows of the rectification tables
 * (which carry `agency_id` and `year`) in a scope from agenciesInScope and, if given, a year.
 */
export function scopeAndYearConditions(
  agencyIds: readonly string[] | null,
  year: number | undefined,
): { conditions: string[]; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (agencyIds !== null) {
    parameters.push(agencyIds);
    conditions.push(`agency_id = ANY($${parameters.length}::uuid[])`);
  }
  if (year !== undefined) {
    parameters.push(year);
    conditions.push(`year = $${parameters.length}`);
  }
  return { conditions, parameters };
}
