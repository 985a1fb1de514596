import type { AuthUser } from '../../../common/auth/auth-user';
import { agencyNotFound, pathIdsOf } from '../../agencies';

/** An agency as analytics names it. */
export interface ScopeAgency {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly path: string;
}

/**
 * What a request is about: the root agencies and whether everything below them counts
 * (`subtree`) or only the roots themselves (an uploader's own agency, or `subtree=false`).
 * Roots are disjoint: none lies below another.
 */
export interface AnalyticsScope {
  readonly roots: readonly ScopeAgency[];
  readonly subtree: boolean;
  /** Every agency there is (the admin's default): no path condition at all. */
  readonly wholeTree?: boolean;
}

/** Reads agencies by id, or the tree roots; the query service passes SQL-backed lookups. */
export interface ScopeLookups {
  agenciesByIds(ids: readonly string[]): Promise<ScopeAgency[]>;
  treeRoots(): Promise<ScopeAgency[]>;
}

/** Drops roots that lie below another root, so no report is counted twice. */
export function disjointRoots(roots: readonly ScopeAgency[]): ScopeAgency[] {
  const ids = new Set(roots.map((root) => root.id));
  const seen = new Set<string>();
  return roots
    .filter(
      (root) =>
        !pathIdsOf(root.path)
          .slice(0, -1)
          .some((ancestor) => ids.has(ancestor)),
    )
    .filter((root) => !seen.has(root.id) && seen.add(root.id) !== undefined)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The scope of a request: the asked agency if the caller may see it (404 otherwise, so existence
 * does not leak), else everything the caller may see. Uploaders see their own agency alone.
 */
export async function resolveScope(
  user: AuthUser,
  requested: { scope?: string; subtree?: boolean },
  lookups: ScopeLookups,
): Promise<AnalyticsScope> {
  const subtreeAsked = requested.subtree ?? true;
  if (user.role === 'uploader') {
    if (!user.agencyId || (requested.scope !== undefined && requested.scope !== user.agencyId))
      throw agencyNotFound();
    return { roots: await lookups.agenciesByIds([user.agencyId]), subtree: false };
  }

  if (requested.scope === undefined) {
    const visibleRoots =
      user.role === 'admin'
        ? await lookups.treeRoots()
        : disjointRoots(await lookups.agenciesByIds(user.scopeAgencyIds));
    return user.role === 'admin' && subtreeAsked
      ? { roots: visibleRoots, subtree: true, wholeTree: true }
      : { roots: visibleRoots, subtree: subtreeAsked };
  }

  // The asked agency is visible when its path passes through one of the caller's scope
  // agencies: one lookup, not the caller's roots first.
  const [agency] = await lookups.agenciesByIds([requested.scope]);
  const visible =
    agency !== undefined &&
    (user.role === 'admin' ||
      pathIdsOf(agency.path).some((id) => user.scopeAgencyIds.includes(id)));
  if (!visible) throw agencyNotFound();
  return { roots: [agency], subtree: subtreeAsked };
}

/** A stable description of the scope for cache keys. */
export function scopeKey(scope: AnalyticsScope): string {
  if (scope.wholeTree) return 'all';
  return `${scope.subtree ? 'tree' : 'self'}:${scope.roots.map((root) => root.id).join(',')}`;
}
