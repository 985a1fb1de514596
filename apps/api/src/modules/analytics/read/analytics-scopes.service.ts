import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user';
import { AnalyticsReader } from './analytics-reader';
import {
  type AnalyticsScope,
  resolveScope,
  type ScopeAgency,
  type ScopeLookups,
  scopeKey,
} from './analytics-scope';
import type { ScopeQuery } from './query-params';
import { readQuery } from '../../../database/read-routing';

/** An agency as read for a scope, with the revision of the tree it was read at. */
type ScopeAgencyRow = ScopeAgency & { tree_revision: string };

/** A scope as resolved, and the revision of analytics' tree it was resolved at. */
interface ResolvedScope {
  readonly scope: AnalyticsScope;
  readonly treeRevision: string;
}

/** Scopes kept for requests seen before (per role, account scope and asked scope). */
const RESOLVED_SCOPES_KEPT = 10_000;

const AGENCY_COLUMNS = `id, code, name, path,
  (SELECT tree_revision FROM analytics_state WHERE id = 1)::text AS tree_revision`;

/** The scope of a request (from analytics' copy of the tree) and its cache validator. */
@Injectable()
export class AnalyticsScopes {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private readonly resolved = new LRUCache<string, ResolvedScope>({ max: RESOLVED_SCOPES_KEPT });

  resolve(user: AuthUser, query: ScopeQuery): Promise<AnalyticsScope> {
    return this.resolveAfresh(user, query).then(({ scope }) => scope);
  }

  /**
   * The scope of a request and the revision of its answers. A request like one seen before, with
   * the tree unchanged since, costs one query (the revision's): an answer in the cache is then
   * a lookup. The tree's revision comes with the agencies read in the same statement, so a
   * scope is never kept under a revision newer than what it was read from.
   */
  async resolveWithRevision(
    user: AuthUser,
    query: ScopeQuery,
  ): Promise<{ scope: AnalyticsScope; revision: string }> {
    const key = JSON.stringify([
      user.role,
      user.agencyId,
      user.scopeAgencyIds,
      query.scope ?? null,
      query.subtree ?? null,
    ]);
    const known = this.resolved.get(key);
    if (known) {
      const revision = await this.revisionOf(known.scope);
      if (revision.tree === known.treeRevision) return { scope: known.scope, revision: revision.text };
    }
    const fresh = await this.resolveAfresh(user, query);
    const revision = await this.revisionOf(fresh.scope);
    if (fresh.treeRevision !== null && fresh.treeRevision === revision.tree) {
      this.resolved.set(key, { scope: fresh.scope, treeRevision: fresh.treeRevision });
    } else {
      this.resolved.delete(key);
    }
    return { scope: fresh.scope, revision: revision.text };
  }

  /** The revision of a scope's answers: changes when a report or agency in it changes. */
  private async revisionOf(scope: AnalyticsScope): Promise<{ text: string; tree: string }> {
    const { data, tree } = await new AnalyticsReader(this.dataSource).revision(scope);
    return { text: `${data}.${tree}`, tree };
  }

  /** The scope read from the tree; its tree revision, or null if its reads saw two. */
  private async resolveAfresh(
    user: AuthUser,
    query: ScopeQuery,
  ): Promise<{ scope: AnalyticsScope; treeRevision: string | null }> {
    const seen = new Set<string>();
    const agencies = (rows: ScopeAgencyRow[]): ScopeAgency[] =>
      rows.map(({ tree_revision, ...agency }) => {
        seen.add(tree_revision);
        return agency;
      });
    const lookups: ScopeLookups = {
      agenciesByIds: async (ids) =>
        ids.length === 0
          ? []
          : agencies(
              await readQuery<ScopeAgencyRow[]>(
                this.dataSource,
                `SELECT ${AGENCY_COLUMNS} FROM analytics_agency WHERE id = ANY($1::uuid[]) ORDER BY path`,
                [ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))],
              ),
            ),
      treeRoots: async () =>
        agencies(
          await readQuery<ScopeAgencyRow[]>(
            this.dataSource,
            `SELECT ${AGENCY_COLUMNS} FROM analytics_agency WHERE parent_id IS NULL ORDER BY code`,
          ),
        ),
    };
    const scope = await resolveScope(user, query, lookups);
    return { scope, treeRevision: seen.size === 1 ? ([...seen][0] ?? null) : null };
  }

  /** The cache validator of one answer (`request`) in the scope at that revision. */
  etag(scope: AnalyticsScope, request: string, revision: string): string {
    return `W/"${Buffer.from(`${scopeKey(scope)}|${request}`)
      .toString('base64url')
      .slice(0, 40)}-${revision}"`;
  }
}
