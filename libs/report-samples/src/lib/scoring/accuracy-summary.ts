import { isPerfect, type DocumentScore } from './score-parse';

/** One document's score, where it came from, and how long its parse took. */
export interface ScoredDocument {
  /** The seed of a generated document, the folder of a corpus document. */
  id: string;
  /** Where the document was kept (--keep), if it was. */
  file?: string;
  score: DocumentScore;
  parseMs: number;
}

/** A problem with one document, as listed among a path's first failures. */
export interface FailureExample {
  id: string;
  file?: string;
  kind:
    | 'wrong cell'
    | 'false alarm'
    | 'missed defect'
    | 'format'
    | 'layout'
    | 'parse-error'
    | 'internal-error';
  cell?: string;
  expected?: number | string;
  read?: number | string | null;
  finding?: string;
}

export interface PathSummary {
  documents: number;
  cells: number;
  right: number;
  rightPercent: number;
  flagged: number;
  /**
   * Of the flagged cells, those the document does not decide (digits run together in table 2)
   * where the parser's F.AMBIGUOUS offers the true value: right or honestly ambiguous.
   */
  ambiguousWithTruth: number;
  /** (right + ambiguousWithTruth) / cells: the corpus goldens' own measure of ambiguous cells. */
  rightOrAmbiguousPercent: number;
  wrong: number;
  extraCells: number;
  formatMismatches: number;
  layoutMismatches: number;
  falseAlarms: number;
  missedDefects: number;
  /**
   * Of the right cells, those the document does not decide — proven by a second consistent
   * report printed to the same bytes — that the parse reported as F.AMBIGUOUS.
   */
  undecidedRight: number;
  /** Planted defects the printed document does not show (proven the same way): not missed. */
  invisibleDefects: number;
  /** Documents with an F.LAYOUT finding, and the cells those findings name. */
  layoutDocuments: number;
  layoutCells: number;
  parseErrors: number;
  internalErrors: number;
  /** Documents read entirely right. */
  perfectDocuments: number;
  medianParseMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function summarizeScores(scored: readonly ScoredDocument[]): PathSummary {
  const scores = scored.map((document) => document.score);
  const cells = sum(scores.map((s) => s.cells));
  const right = sum(scores.map((s) => s.right));
  const ambiguousWithTruth = sum(scores.map((s) => s.flagged.filter((miss) => miss.truthOffered).length));
  const percent = (count: number) => (cells > 0 ? Math.floor((count / cells) * 100_000) / 1000 : 100);
  return {
    documents: scores.length,
    cells,
    right,
    rightPercent: percent(right),
    flagged: sum(scores.map((s) => s.flagged.length)),
    ambiguousWithTruth,
    rightOrAmbiguousPercent: percent(right + ambiguousWithTruth),
    wrong: sum(scores.map((s) => s.wrong.length)),
    extraCells: sum(scores.map((s) => s.extraCells.length)),
    formatMismatches: scores.filter(
      (s) => s.formatVersion.read !== null && s.formatVersion.read !== s.formatVersion.expected,
    ).length,
    layoutMismatches: scores.filter(
      (s) => s.layout.read !== null && s.layout.read !== s.layout.expected,
    ).length,
    falseAlarms: sum(scores.map((s) => s.falseAlarms.length)),
    missedDefects: sum(scores.map((s) => s.missedDefects.length)),
    undecidedRight: sum(scores.map((s) => s.undecidedRight)),
    invisibleDefects: sum(scores.map((s) => s.invisibleDefects)),
    layoutDocuments: scores.filter((s) => s.layoutFindings > 0).length,
    layoutCells: sum(scores.map((s) => s.layoutCells)),
    parseErrors: scores.filter((s) => s.outcome === 'parse-error').length,
    internalErrors: scores.filter((s) => s.outcome === 'internal-error').length,
    perfectDocuments: scores.filter(isPerfect).length,
    medianParseMs: Math.round(median(scored.map((document) => document.parseMs)) * 100) / 100,
  };
}

/** The problems of one document, most telling first (errors, then cells, then findings). */
export function failureExamples(document: ScoredDocument): FailureExample[] {
  const { id, file, score } = document;
  const at = { id, ...(file ? { file } : {}) };
  if (score.outcome !== 'parsed') {
    return [{ ...at, kind: score.outcome, ...(score.error ? { finding: score.error } : {}) }];
  }
  const examples: FailureExample[] = [];
  if (score.formatVersion.read !== score.formatVersion.expected)
    examples.push({
      ...at,
      kind: 'format',
      expected: score.formatVersion.expected,
      read: score.formatVersion.read,
    });
  if (score.layout.read !== score.layout.expected)
    examples.push({
      ...at,
      kind: 'layout',
      expected: score.layout.expected,
      read: score.layout.read,
    });
  for (const miss of score.wrong) examples.push({ ...at, kind: 'wrong cell', ...miss });
  for (const alarm of score.falseAlarms)
    examples.push({
      ...at,
      kind: 'false alarm',
      cell: alarm.cells.join(','),
      finding: `${alarm.rule} ${alarm.message}`,
    });
  for (const missed of score.missedDefects)
    examples.push({
      ...at,
      kind: 'missed defect',
      ...(missed.cells ? { cell: missed.cells.join(',') } : {}),
      finding: missed.rule,
    });
  return examples;
}
