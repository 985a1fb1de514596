/* /api/rules: the catalogue of check rules (勾稽关系 and the rest), for every signed-in user. */

export type RuleSeverity = 'error' | 'warning';
/**
 * `report`: one report's numbers; `crossReport`: against last year's report; `submission`: when
 * submitted (deadline, agencies below); `parse`: while reading.
 */
export type RuleScopeKind = 'report' | 'crossReport' | 'submission' | 'parse';
export type RuleSourceKind = 'regulation' | 'notice' | 'template' | 'practice';

export interface RuleSourceDto {
  kind: RuleSourceKind;
  /** What to look up, in Chinese (《…条例》第五十条, 国办公开办函〔2021〕30号 …). */
  cite: string;
}

export interface RuleDto {
  /** T3.BALANCE, X.CARRY, …: what a finding's `rule` names. */
  id: string;
  name: string;
  nameEn: string;
  severity: RuleSeverity;
  scope: RuleScopeKind;
  description: string;
  descriptionEn: string;
  /** The cells or parts the rule reads, in Chinese. */
  looksAt: string;
  source: RuleSourceDto;
}
