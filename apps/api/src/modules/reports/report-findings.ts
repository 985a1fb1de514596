import {
  type CanonicalReport,
  cellsInDoubt,
  type Finding,
  RULE,
  runCrossReportChecks,
  runSingleReportChecks,
} from '@atlas/report-model';

const scopeOf = (finding: Finding) => RULE[finding.rule].scope;

/**
 * The findings with the cross-report rules (X.CARRY, T2.STOCK) run afresh against last year's
 * report; cells the reading left in doubt (F.LAYOUT, F.AMBIGUOUS) in either report are left out.
 */
export function withCrossReportFindings(
  findings: readonly Finding[],
  report: CanonicalReport,
  previousYear: CanonicalReport | null,
): Finding[] {
  return [
    ...findings.filter((finding) => scopeOf(finding) !== 'crossReport'),
    ...(previousYear
      ? runCrossReportChecks(report, previousYear, { uncertainCells: cellsInDoubt(findings) })
      : []),
  ];
}

/**
 * Findings after cells were corrected by hand: every rule on the numbers runs again. What the
 * parser noticed about the document stays, except what a person has now decided: an F.AMBIGUOUS
 * whose cells were all just set goes, and an F.LAYOUT keeps only the cells still not corrected.
 * Rules on the numbers skip the cells still in doubt.
 */
export function findingsAfterCorrection(
  findings: readonly Finding[],
  report: CanonicalReport,
  previousYear: CanonicalReport | null,
  correctedAddresses: ReadonlySet<string>,
): Finding[] {
  const kept = findings
    .filter((finding) => scopeOf(finding) === 'parse')
    .flatMap((finding): Finding[] => {
      if (finding.rule === 'F.AMBIGUOUS')
        return finding.cells.every((cell) => correctedAddresses.has(cell)) ? [] : [finding];
      if (finding.rule !== 'F.LAYOUT') return [finding];
      const open = finding.cells.filter((cell) => !correctedAddresses.has(cell));
      return open.length === 0 ? [] : [{ ...finding, cells: open }];
    });
  const uncertainCells = cellsInDoubt(kept);
  return withCrossReportFindings(
    [...kept, ...runSingleReportChecks(report, { uncertainCells })],
    report,
    previousYear,
  );
}

export interface FindingCounts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
