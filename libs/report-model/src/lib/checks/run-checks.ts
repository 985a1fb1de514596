import type { CanonicalReport } from '../report';
import type { Finding } from '../rules';
import { checkCarryOver, checkProactiveRepeals, checkProactiveStock } from './cross-report';
import {
  checkNarrativeApplications,
  checkNarrativeCompletion,
  checkNarrativeFee,
  checkNarrativeLitigation,
  checkNarrativePassRates,
  checkNarrativePublished,
  checkNarrativeReview,
} from './narrative';
import { checkReportParts, checkReportPeriod } from './structure';
import { checkTable3Balance, checkTable3Outcomes, checkTable3RowSums } from './table3';
import { checkTable4Totals } from './table4';

/** The arithmetic of tables 3 and 4 alone (T3.*, T4.*): what a document's numbers break. */
export function runTableChecks(report: CanonicalReport): Finding[] {
  return [
    ...checkTable3Balance(report),
    ...checkTable3Outcomes(report),
    ...checkTable3RowSums(report),
    ...checkTable4Totals(report),
  ];
}

export interface SingleReportCheckOptions {
  /**
   * Cells whose value the reading did not settle (the parser's provenance says `uncertain`). A
   * rule that names one of them says nothing about the document, only about the reading, so it
   * is left out; the parser reports those cells as F.LAYOUT instead.
   */
  readonly uncertainCells?: ReadonlySet<string>;
}

/** Whether a cell is in doubt: itself, or its whole table (a table not found: its key). */
function inDoubt(cell: string, uncertain: ReadonlySet<string>): boolean {
  return uncertain.has(cell) || uncertain.has(cell.slice(0, cell.indexOf('.')));
}

/** Every rule that needs only this report: the table rules, then text against tables (N.*). */
export function runSingleReportChecks(
  report: CanonicalReport,
  options: SingleReportCheckOptions = {},
): Finding[] {
  const findings = [
    ...runTableChecks(report),
    ...checkNarrativeApplications(report),
    ...checkNarrativeReview(report),
    ...checkNarrativeLitigation(report),
    ...checkNarrativeCompletion(report),
    ...checkNarrativePublished(report),
    ...checkNarrativePassRates(report),
    ...checkNarrativeFee(report),
    ...checkReportParts(report),
    ...checkReportPeriod(report),
  ];
  const uncertain = options.uncertainCells;
  if (!uncertain || uncertain.size === 0) return findings;
  return findings.filter((finding) => !finding.cells.some((cell) => inDoubt(cell, uncertain)));
}

/**
 * Cells a reading left in doubt: those an F.LAYOUT or F.AMBIGUOUS finding names, and the tables
 * an F.MISSING_TABLE names (by their key). No rule on the numbers is run on them until a person
 * has corrected them.
 */
export function cellsInDoubt(findings: readonly Finding[]): Set<string> {
  return new Set(
    findings
      .filter(
        (finding) =>
          finding.rule === 'F.LAYOUT' ||
          finding.rule === 'F.AMBIGUOUS' ||
          finding.rule === 'F.MISSING_TABLE',
      )
      .flatMap((finding) => finding.cells),
  );
}

/**
 * Rules against the same agency's report for the year before (X.CARRY, T2.STOCK, T2.REPEAL). Choosing that
 * report is the caller's job; when both years are known and are not consecutive the comparison
 * would be meaningless, so that is refused rather than reported as findings. Cells in doubt in
 * either report (by default: as their own findings say) are left out.
 */
export function runCrossReportChecks(
  report: CanonicalReport,
  previous: CanonicalReport,
  options: { uncertainCells?: ReadonlySet<string>; previousUncertainCells?: ReadonlySet<string> } = {},
): Finding[] {
  if (report.year !== null && previous.year !== null && previous.year !== report.year - 1) {
    throw new RangeError(`Previous report is for ${previous.year}, expected ${report.year - 1}`);
  }
  const uncertain = options.uncertainCells ?? cellsInDoubt(report.findings);
  const previousUncertain = options.previousUncertainCells ?? cellsInDoubt(previous.findings);
  return [
    ...checkCarryOver(report, previous),
    ...checkProactiveStock(report, previous),
    ...checkProactiveRepeals(report, previous),
  ].filter(
    (finding) =>
      !finding.cells.some((cell) => inDoubt(cell, uncertain)) &&
      !(finding.previousCells ?? []).some((cell) => inDoubt(cell, previousUncertain)),
  );
}
