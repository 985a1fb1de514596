import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import type * as R from '../analytics.types';
import { AnalyticsScopes } from './analytics-scopes.service';
import { BreakdownQuery } from './breakdown.query';
import { ComplianceQuery } from './compliance.query';
import { OverviewQuery } from './overview.query';
import { QualityQuery } from './quality.query';
import type { ScopeQuery } from './query-params';

/** Every row of a list answer, as the exports read them. */
const ALL_ROWS = { limit: 100_000, offset: 0 };

/**
 * The analytics answers other modules may read (the 通报 is built from them): the same answers,
 * for the same caller and scope, as `GET /api/analytics/<answer>`, with every row of a list.
 * The scope is resolved for the caller, so an agency it may not see is 404 AGENCY_NOT_FOUND.
 */
@Injectable()
export class AnalyticsAnswers {
  constructor(
    private readonly scopes: AnalyticsScopes,
    private readonly overviewQuery: OverviewQuery,
    private readonly breakdownQuery: BreakdownQuery,
    private readonly complianceQuery: ComplianceQuery,
    private readonly qualityQuery: QualityQuery,
  ) {}

  async overview(user: AuthUser, scope: ScopeQuery, year: number): Promise<R.OverviewDto> {
    return this.overviewQuery.answer(await this.scopes.resolve(user, scope), year);
  }

  async breakdown(user: AuthUser, scope: ScopeQuery, year: number): Promise<R.BreakdownDto> {
    return this.breakdownQuery.answer(await this.scopes.resolve(user, scope), year);
  }

  /** The year's row per child region (and 本级), in code order. */
  async complianceByChild(
    user: AuthUser,
    scope: ScopeQuery,
    year: number,
  ): Promise<R.ComplianceDto> {
    return this.complianceQuery.answer(await this.scopes.resolve(user, scope), {
      fromYear: year,
      toYear: year,
      by: 'child',
      sort: 'code',
      ...ALL_ROWS,
    });
  }

  /** Every problem of the year (or of one kind or rule), most serious first. */
  async quality(
    user: AuthUser,
    scope: ScopeQuery,
    query: { year: number; type?: R.QualityItem['type']; rule?: string },
  ): Promise<R.QualityDto> {
    return this.qualityQuery.answer(await this.scopes.resolve(user, scope), {
      ...query,
      ...ALL_ROWS,
    });
  }
}
