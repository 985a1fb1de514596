import {
  getCell,
  listCells,
  table3Layout,
  type CanonicalReport,
  type Finding,
  type FormatVersion,
  type Table3Layout,
} from '@atlas/report-model';
import type { ExpectedFinding, Truth } from './truth';

/**
 * How well one parse read one document: every cell of tables 2–4 right, flagged (wrong, but
 * named in an F.LAYOUT or F.AMBIGUOUS finding, so a person is sent to look) or wrong; findings
 * the document does not produce (false alarms, rules T3.*, T4.*, N.*); planted defects the parse
 * did not report (missed); errors thrown instead of a report.
 */

export type ParseOutcome =
  | { kind: 'parsed'; report: CanonicalReport }
  /** A ParseError: the parser refused the document with a reason. */
  | { kind: 'parse-error'; message: string }
  /** Anything else thrown: a bug. */
  | { kind: 'internal-error'; message: string };

export interface CellMiss {
  cell: string;
  expected: number;
  /** null: the parse has no such cell (a row or format it did not see). */
  read: number | null;
  /** The F.LAYOUT / F.AMBIGUOUS finding naming the cell, if any. */
  finding?: string;
  /**
   * Flagged by an F.AMBIGUOUS whose candidates include the true value: the document does not
   * decide the cell and the parser offered the right reading among the others.
   */
  truthOffered?: boolean;
}

export interface DocumentScore {
  outcome: ParseOutcome['kind'];
  error?: string;
  cells: number;
  right: number;
  flagged: CellMiss[];
  wrong: CellMiss[];
  /** Cells the parse has and the document does not (e.g. （六） read as three rows). */
  extraCells: string[];
  formatVersion: { expected: FormatVersion; read: FormatVersion | null };
  layout: { expected: Table3Layout; read: Table3Layout | null };
  falseAlarms: Pick<Finding, 'rule' | 'cells' | 'message'>[];
  missedDefects: ExpectedFinding[];
  /** Cells counted right because the document does not decide them and the parse said so. */
  undecidedRight: number;
  /** Planted defects the document does not show (Truth.invisibleDefects). */
  invisibleDefects: number;
  /** F.LAYOUT findings and the cells they name. */
  layoutFindings: number;
  layoutCells: number;
}

const CHECKED_RULE = /^(?:T3|T4|N)\./;
const FLAG_RULES = new Set(['F.LAYOUT', 'F.AMBIGUOUS']);

const sameNumber = (a: number | undefined, b: number): boolean =>
  a !== undefined && Math.abs(a - b) < 1e-9;

function matches(expected: ExpectedFinding, finding: Pick<Finding, 'rule' | 'cells'>): boolean {
  if (expected.rule !== finding.rule) return false;
  if (!expected.cells) return true;
  const cells = new Set(finding.cells);
  return expected.cells.length === cells.size && expected.cells.every((cell) => cells.has(cell));
}

export function scoreParse(truth: Truth, outcome: ParseOutcome): DocumentScore {
  const expectedCells = listCells(truth.report);
  const expectedLayout = table3Layout(truth.report);
  if (outcome.kind !== 'parsed') {
    return {
      outcome: outcome.kind,
      error: outcome.message,
      cells: expectedCells.length,
      right: 0,
      flagged: [],
      wrong: expectedCells.map((cell) => ({
        cell: cell.address,
        expected: cell.value,
        read: null,
      })),
      extraCells: [],
      formatVersion: { expected: truth.report.formatVersion, read: null },
      layout: { expected: expectedLayout, read: null },
      falseAlarms: [],
      missedDefects: truth.expectedFindings,
      undecidedRight: 0,
      invisibleDefects: truth.invisibleDefects?.length ?? 0,
      layoutFindings: 0,
      layoutCells: 0,
    };
  }
  const { report } = outcome;
  const flags = new Map<string, Finding>();
  for (const finding of report.findings) {
    if (!FLAG_RULES.has(finding.rule)) continue;
    for (const cell of finding.cells) if (!flags.has(cell)) flags.set(cell, finding);
  }
  const ambiguous = new Set(truth.ambiguousCells ?? []);
  const reportedAmbiguous = new Set(
    report.findings.filter((f) => f.rule === 'F.AMBIGUOUS').flatMap((f) => f.cells),
  );
  let right = 0;
  let undecidedRight = 0;
  const flagged: CellMiss[] = [];
  const wrong: CellMiss[] = [];
  for (const { address, value } of expectedCells) {
    const read = getCell(report, address);
    if (sameNumber(read, value)) {
      right++;
      continue;
    }
    if (ambiguous.has(address) && reportedAmbiguous.has(address)) {
      right++;
      undecidedRight++;
      continue;
    }
    const flag = flags.get(address);
    const miss: CellMiss = { cell: address, expected: value, read: read ?? null };
    if (flag) flagged.push({ ...miss, finding: `${flag.rule} ${flag.message}`, ...(offers(flag, address, value) ? { truthOffered: true } : {}) });
    else wrong.push(miss);
  }
  const expectedAddresses = new Set(expectedCells.map((cell) => cell.address));
  const layoutFindings = report.findings.filter((finding) => finding.rule === 'F.LAYOUT');
  return {
    outcome: 'parsed',
    cells: expectedCells.length,
    right,
    flagged,
    wrong,
    extraCells: listCells(report)
      .map((cell) => cell.address)
      .filter((address) => !expectedAddresses.has(address)),
    formatVersion: { expected: truth.report.formatVersion, read: report.formatVersion },
    layout: { expected: expectedLayout, read: table3Layout(report) },
    falseAlarms: report.findings
      .filter((finding) => CHECKED_RULE.test(finding.rule))
      .filter((finding) => !truth.ownFindings.some((own) => matches(own, finding)))
      .map(({ rule, cells, message }) => ({ rule, cells, message })),
    missedDefects: truth.expectedFindings.filter(
      (expected) => !report.findings.some((finding) => matches(expected, finding)),
    ),
    undecidedRight,
    invisibleDefects: truth.invisibleDefects?.length ?? 0,
    layoutFindings: layoutFindings.length,
    layoutCells: new Set(layoutFindings.flatMap((finding) => finding.cells)).size,
  };
}

/** Whether an F.AMBIGUOUS finding lists the true value of a cell among its candidates. */
function offers(finding: Finding, address: string, value: number): boolean {
  const index = finding.cells.indexOf(address);
  return finding.rule === 'F.AMBIGUOUS' && index >= 0 && (finding.candidates ?? []).some((candidate) => sameNumber(candidate[index], value));
}

/** Whether a document was read entirely right: what a test of one document asserts. */
export function isPerfect(score: DocumentScore): boolean {
  return (
    score.outcome === 'parsed' &&
    score.right === score.cells &&
    score.extraCells.length === 0 &&
    score.formatVersion.expected === score.formatVersion.read &&
    score.layout.expected === score.layout.read &&
    score.falseAlarms.length === 0 &&
    score.missedDefects.length === 0
  );
}
