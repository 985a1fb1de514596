/*
 * The answers of the analytics endpoints: the contract shared with the web app lives in
 * @atlas/api-contract. The matching classes in dto/analytics-response.dto.ts document them in
 * OpenAPI and implement these interfaces, so the two cannot drift apart.
 */
export type {
  AgencyRef,
  BreakdownDto,
  CompareDto,
  CompareItem,
  ComplianceCell,
  ComplianceDto,
  GroupRef,
  Kpi,
  OverviewDto,
  QualityCounts,
  QualityDto,
  QualityItem,
  RollupDto,
  ScopeRef,
  SubmissionProgress,
  TrendDto,
  YoyCell,
  YoyDto,
} from '@atlas/api-contract';
