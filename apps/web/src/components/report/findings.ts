import {
  APPLICANT_COLUMN,
  APPLICATION_ROW,
  type Finding,
  NARRATIVE_NUMBER,
  parseCellAddress,
  PROACTIVE_COLUMN_2019,
  PROACTIVE_COLUMN_2021,
  PROACTIVE_ROW_2019,
  PROACTIVE_ROW_2021,
  REPORT_TABLE,
  REVIEW_COLUMN,
  REVIEW_GROUP,
  RULE,
  type RuleInfo,
  type Severity,
} from '@atlas/report-model';

/**
 * What the UI says about cells and findings, from the report model's labels: "表三 新收 · 自然人",
 * the rule's Chinese name and description beside the finding's own message with its numbers.
 */

const lookup = (table: Record<string, { label: string }>, key: string): string | undefined =>
  table[key]?.label;

/** A cell address in words, e.g. `applications.newReceived.naturalPerson` → 表三 新收 · 自然人. */
export function describeCell(address: string): string {
  const location = parseCellAddress(address);
  if (location === null) return address;
  switch (location.table) {
    case 'proactive': {
      const row =
        lookup(PROACTIVE_ROW_2021, location.row) ?? lookup(PROACTIVE_ROW_2019, location.row);
      const column =
        lookup(PROACTIVE_COLUMN_2021, location.column) ??
        lookup(PROACTIVE_COLUMN_2019, location.column);
      return `${REPORT_TABLE.proactive.shortLabel} ${row} · ${column}`;
    }
    case 'applications':
      return `${REPORT_TABLE.applications.shortLabel} ${APPLICATION_ROW[location.row].shortLabel} · ${APPLICANT_COLUMN[location.column].shortLabel}`;
    case 'reviewLitigation':
      return `${REPORT_TABLE.reviewLitigation.shortLabel} ${REVIEW_GROUP[location.row].shortLabel} · ${REVIEW_COLUMN[location.column].label}`;
    case 'narrative':
      return `正文 · ${NARRATIVE_NUMBER[location.column].label}`;
  }
}

/** The rule of a finding; undefined for a rule this client does not know (newer API). */
export function ruleOf(finding: Pick<Finding, 'rule'>): RuleInfo | undefined {
  return (RULE as Record<string, RuleInfo>)[finding.rule];
}

/** Every finding that names the cell, errors first. */
export function findingsByCell(findings: readonly Finding[]): Map<string, Finding[]> {
  const byCell = new Map<string, Finding[]>();
  for (const finding of findings) {
    for (const cell of finding.cells) {
      const list = byCell.get(cell) ?? [];
      list.push(finding);
      byCell.set(cell, list);
    }
  }
  for (const list of byCell.values()) list.sort(bySeverity);
  return byCell;
}

export function bySeverity(a: Pick<Finding, 'severity'>, b: Pick<Finding, 'severity'>): number {
  return severityRank(a.severity) - severityRank(b.severity);
}

function severityRank(severity: Severity): number {
  return severity === 'error' ? 0 : 1;
}

/** The worst severity among findings (for colouring a cell); undefined when there are none. */
export function worstSeverity(
  findings: readonly Pick<Finding, 'severity'>[] | undefined,
): Severity | undefined {
  if (!findings || findings.length === 0) return undefined;
  return findings.some((finding) => finding.severity === 'error') ? 'error' : 'warning';
}

/** A stable key for a finding within one report (rules can fire more than once). */
export function findingKey(finding: Pick<Finding, 'rule' | 'cells' | 'message'>): string {
  return `${finding.rule}|${finding.cells.join(',')}|${finding.message}`;
}

export interface FindingCounts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: readonly Pick<Finding, 'severity'>[]): FindingCounts {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
