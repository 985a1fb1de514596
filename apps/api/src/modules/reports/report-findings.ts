import {
  type CanonicalReport,
  type Finding,
  RULE,
  runCrossReportChecks,
  runSingleReportChecks,
} from '@atlas/report-model';

const scopeOf = (finding: Finding) => RULE[finding.rule].scope;

/** The findings with the cross-report rules (X.CARRY, T2.STOCK) run afresh against last year's report. */
export function withCrossReportFindings(
  findings: readonly Finding[],
  report: CanonicalReport,
  previousYear: CanonicalReport | null,
): Finding[] {
  return [
    ...findings.filter((finding) => scopeOf(finding) !== 'crossReport'),
    ...(previousYear ? runCrossReportChecks(report, previousYear) : []),
  ];
}

/**
 * Findings after cells were corrected by hand: every rule on the numbers runs again. What the
 * parser noticed about the document stays, except an F.AMBIGUOUS whose cells were all just set:
 * a person has decided those values.
 */
export function findingsAfterCorrection(
  findings: readonly Finding[],
  report: CanonicalReport,
  previousYear: CanonicalReport | null,
  correctedAddresses: ReadonlySet<string>,
): Finding[] {
  const kept = findings.filter(
    (finding) =>
      scopeOf(finding) === 'parse' &&
      !(
        finding.rule === 'F.AMBIGUOUS' &&
        finding.cells.every((cell) => correctedAddresses.has(cell))
      ),
  );
  return withCrossReportFindings([...kept, ...runSingleReportChecks(report)], report, previousYear);
}

export interface FindingCounts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
