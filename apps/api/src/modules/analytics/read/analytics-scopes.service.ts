import { Injectable } from '@nestjs/common';
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

/** The scope of a request (from analytics' copy of the tree) and its cache validator. */
@Injectable()
export class AnalyticsScopes {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private readonly lookups: ScopeLookups = {
    agenciesByIds: (ids) =>
      ids.length === 0
        ? Promise.resolve([])
        : readQuery<ScopeAgency[]>(
            this.dataSource,
            'SELECT id, code, name, path FROM analytics_agency WHERE id = ANY($1::uuid[]) ORDER BY path',
            [ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))],
          ),
    treeRoots: () =>
      readQuery<ScopeAgency[]>(
        this.dataSource,
        'SELECT id, code, name, path FROM analytics_agency WHERE parent_id IS NULL ORDER BY code',
      ),
  };

  resolve(user: AuthUser, query: ScopeQuery): Promise<AnalyticsScope> {
    return resolveScope(user, query, this.lookups);
  }

  /** The revision of a scope's answers: changes when a report or agency in it changes. */
  revision(scope: AnalyticsScope): Promise<string> {
    return new AnalyticsReader(this.dataSource).revision(scope);
  }

  /** The cache validator of one answer (`request`) in the scope at that revision. */
  etag(scope: AnalyticsScope, request: string, revision: string): string {
    return `W/"${Buffer.from(`${scopeKey(scope)}|${request}`)
      .toString('base64url')
      .slice(0, 40)}-${revision}"`;
  }
}
