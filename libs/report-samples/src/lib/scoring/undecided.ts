import { getCell, listCells, setCell, type CanonicalReport } from '@atlas/report-model';
import type { RandomReport } from '../random/random-report';
import type { ParseOutcome } from './score-parse';
import { truthOfGenerated, type ExpectedFinding, type Truth } from './truth';

/**
 * What a document cannot tell, proven by a witness: another report, no less consistent than
 * the true one, that prints to the very same bytes. Digits run together ("1234" for 12 | 34 or
 * 1 | 234) can leave several readings that satisfy every sum; no parser can choose among them,
 * and a planted defect can vanish into a reading that breaks nothing.
 *
 * The witnesses tried are the parse's own reading and every reading an F.AMBIGUOUS finding
 * offers. The proof does not trust the parser: the witness is printed again by the renderer
 * and compared byte for byte, and its findings are computed from the witness itself.
 */
export interface Undecided {
  /** Cells on which a witness differs from the truth. */
  cells: string[];
  /** Planted defects a witness (printed identically) does not have. */
  defects: ExpectedFinding[];
}

/** A report printed again the same way (same path, seed and choices); undefined: cannot. */
export type Reprint = (generated: RandomReport) => Promise<Uint8Array | undefined>;

/** Witnesses tried per document: enough for every F.AMBIGUOUS finding of a report. */
const MAX_WITNESSES = 64;

const findingKey = (finding: ExpectedFinding) =>
  `${finding.rule}|${[...(finding.cells ?? [])].sort().join(',')}`;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Cell values that differ from the true report: a reading to try as a witness. */
type Reading = Map<string, number>;

function readingsOf(truth: CanonicalReport, report: CanonicalReport): Reading[] {
  const readings: Reading[] = [];
  const parsed: Reading = new Map();
  const add = (reading: Reading, cell: string, value: number) => {
    const expected = getCell(truth, cell);
    if (expected !== undefined && expected !== value) reading.set(cell, value);
  };
  for (const finding of report.findings) {
    if (finding.rule !== 'F.AMBIGUOUS') continue;
    for (const candidate of finding.candidates ?? []) {
      const reading: Reading = new Map();
      finding.cells.forEach((cell, index) => {
        const value = candidate[index];
        if (value !== undefined) add(reading, cell, value);
      });
      readings.push(reading);
    }
  }
  for (const { address } of listCells(truth)) {
    const read = getCell(report, address);
    if (read !== undefined) add(parsed, address, read);
  }
  readings.push(parsed);
  return readings.filter((reading) => reading.size > 0).slice(0, MAX_WITNESSES);
}

/**
 * The cells and planted defects of a generated document that the document itself does not
 * decide, proven by reprinting each witness; empty when the parse read every cell right.
 */
export async function provenUndecided(
  generated: RandomReport,
  truth: Truth,
  document: Uint8Array,
  outcome: ParseOutcome,
  reprint: Reprint,
): Promise<Undecided> {
  const undecided: Undecided = { cells: [], defects: [] };
  if (outcome.kind !== 'parsed') return undecided;
  const broken = new Set(truth.ownFindings.map(findingKey));
  const cells = new Set<string>();
  const defects = new Set<string>();
  for (const reading of readingsOf(truth.report, outcome.report)) {
    const witness = structuredClone(generated);
    for (const [cell, value] of reading) setCell(witness.report, cell, value);
    const printed = await reprint(witness);
    if (!printed || !sameBytes(printed, document)) continue;
    const witnessBroken = new Set(truthOfGenerated(witness).ownFindings.map(findingKey));
    // A witness breaking a rule the truth keeps is a worse reading, not an equal one.
    if ([...witnessBroken].some((key) => !broken.has(key))) continue;
    for (const cell of reading.keys()) cells.add(cell);
    for (const defect of truth.expectedFindings)
      if (!witnessBroken.has(findingKey(defect))) defects.add(findingKey(defect));
  }
  undecided.cells = [...cells];
  undecided.defects = truth.expectedFindings.filter((defect) => defects.has(findingKey(defect)));
  return undecided;
}
