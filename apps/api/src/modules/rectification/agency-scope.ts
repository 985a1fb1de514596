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
