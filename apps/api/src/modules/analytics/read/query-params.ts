// Complete queries, as the query objects receive them (the HTTP layer fills in defaults).
export interface ScopeQuery {
  scope?: string;
  subtree?: boolean;
}
export interface TrendQuery {
  metrics: string[];
  fromYear: number;
  toYear: number;
  groupBy: 'none' | 'kind' | 'level' | 'child';
}
export interface CompareQuery {
  year: number;
  metric: string;
  secondMetric?: string;
  by: 'agency' | 'child';
  order: 'desc' | 'asc';
  limit: number;
  offset: number;
}
export interface ComplianceQuery {
  fromYear: number;
  toYear: number;
  by: 'agency' | 'child';
  sort: 'code' | 'problems';
  limit: number;
  offset: number;
}
export interface QualityQuery {
  /** The year, or a range: its latest year with a problem is meant (its last year if none). */
  year: number | { readonly fromYear: number; readonly toYear: number };
  type?: 'failing' | 'missing' | 'late' | 'warning';
  rule?: string;
  limit: number;
  offset: number;
}
export interface RollupQuery {
  year: number;
  limit: number;
  offset: number;
}

export interface YoyQuery {
  year: number;
  baseYear: number;
}
