/* /api/alerts: threshold alerts (预警) on catalogue metrics, per region, and their rules. */

export const ALERT_DIRECTIONS = ['above', 'below'] as const;
/** 'above': higher is worse (纠错率); 'below': lower is worse (公开率). */
export type AlertRuleDirection = (typeof ALERT_DIRECTIONS)[number];

export const ALERT_LEVELS = ['red', 'yellow'] as const;
export type AlertRuleLevel = (typeof ALERT_LEVELS)[number];

/** What a rule says of a value: a level, within bounds, too small a sample, or no value. */
export const ALERT_OUTCOMES = ['red', 'yellow', 'normal', 'insufficient', 'none'] as const;
export type AlertRuleOutcome = (typeof ALERT_OUTCOMES)[number];

/** The bounds of a rule. */
export interface AlertRuleSettings {
  direction: AlertRuleDirection;
  yellow: number;
  red: number;
  /** The least sample (a ratio's denominator) judged; 0: any. */
  minSample: number;
}

export interface AlertRuleDto extends AlertRuleSettings {
  id: string;
  /** The region (an agency and everything below it); null: every region (the default rules). */
  regionId: string | null;
  regionName: string;
  /** A metric of the catalogue (GET /api/analytics/metrics). */
  metric: string;
  metricName: string;
  unit: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CreateAlertRuleRequest extends AlertRuleSettings {
  /** Omitted or null: every region (admins only). */
  regionId?: string | null;
  metric: string;
}

export type UpdateAlertRuleRequest = Partial<AlertRuleSettings>;

export interface AlertRuleChange {
  id: string;
  ruleId: string;
  action: 'create' | 'update' | 'delete';
  regionName: string;
  metricName: string;
  /** The bounds before the change (null for a new rule) and after (null once deleted). */
  before: AlertRuleSettings | null;
  after: AlertRuleSettings | null;
  actorName: string | null;
  at: string;
}

export interface AlertsQuery {
  /** The region to look at (an agency id); default: the caller's scope. */
  scope?: string;
  /** Default: the latest reporting year. */
  year?: number;
}

/** A metric's value on a region or an agency, with what the rule says of it. */
export interface AlertObservation {
  value: number | null;
  /** The sample it rests on (a ratio's denominator); null where none applies. */
  sample: number | null;
  outcome: AlertRuleOutcome;
}

/** An agency of the region at a level, with its own report of the year. */
export interface AlertAgency {
  agencyId: string;
  code: string;
  name: string;
  reportId: string;
  value: number;
  sample: number | null;
  level: AlertRuleLevel;
}

/** One rule evaluated on one region. */
export interface AlertItem {
  rule: AlertRuleDto;
  regionId: string | null;
  regionName: string;
  /** The worst of the region's own level and its agencies'; null: nothing to report. */
  level: AlertRuleLevel | null;
  region: AlertObservation;
  redCount: number;
  yellowCount: number;
  /** The agencies at a level, red first, worst value first (at most 200). */
  agencies: AlertAgency[];
}

export interface AlertsDto {
  year: number;
  /** Every rule that applies to the scope; those at a level first. */
  items: AlertItem[];
}
