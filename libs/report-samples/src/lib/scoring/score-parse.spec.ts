import { createFinding, getCell, setCell, type CanonicalReport } from '@atlas/report-model';
import { generateRandomReport } from '../random/random-report';
import { failureExamples, summarizeScores } from './accuracy-summary';
import { truthOfCorpus } from './corpus-truth';
import { isPerfect, scoreParse } from './score-parse';
import { truthOfGenerated, withUndecided } from './truth';

const consistent = generateRandomReport(5, { shape: '2021-itemized', defect: null });
const defective = generateRandomReport(5, { shape: '2021-itemized', defect: 'T3.BALANCE' });

/** What a perfect parser returns: the truth with the findings it produces. */
function perfectParse(
  truthReport: CanonicalReport,
  findings = truthReport.findings,
): CanonicalReport {
  return { ...structuredClone(truthReport), findings: structuredClone(findings) };
}

describe('scoreParse', () => {
  it('counts a cell proven undecided right when F.AMBIGUOUS names it, and an invisible defect as not missed', () => {
    const decided = truthOfGenerated(defective);
    const defects = decided.expectedFindings;
    const address = 'applications.granted.naturalPerson';
    const truth = withUndecided(decided, { cells: [address], defects });
    const parsed = perfectParse(decided.report, []);
    setCell(parsed, address, (getCell(parsed, address) ?? 0) + 3);
    const flaggedOnly = scoreParse(truth, { kind: 'parsed', report: parsed });
    expect(flaggedOnly).toMatchObject({ right: 199, undecidedRight: 0, missedDefects: [], invisibleDefects: defects.length });
    parsed.findings.push(createFinding('F.AMBIGUOUS', [address], 'two cuts'));
    expect(scoreParse(truth, { kind: 'parsed', report: parsed })).toMatchObject({ right: 200, undecidedRight: 1 });
    // Without the proof the same parse misses the defect.
    expect(scoreParse(decided, { kind: 'parsed', report: parsed }).missedDefects).toEqual(defects);
  });

  it('counts every cell right for a perfect parse, with no alarm and no missed defect', () => {
    const truth = truthOfGenerated(defective);
    const findings = defective.brokenRules.map(({ rule, cells }) => createFinding(rule, cells, ''));
    const score = scoreParse(truth, {
      kind: 'parsed',
      report: perfectParse(truth.report, findings),
    });
    expect(score).toMatchObject({
      cells: 200,
      right: 200,
      wrong: [],
      flagged: [],
      falseAlarms: [],
      missedDefects: [],
    });
    expect(isPerfect(score)).toBe(true);
  });

  it('a wrong cell is wrong, or flagged when an F.LAYOUT or F.AMBIGUOUS finding names it', () => {
    const truth = truthOfGenerated(consistent);
    const parsed = perfectParse(truth.report);
    const value = parsed.applications.granted.naturalPerson;
    setCell(parsed, 'applications.granted.naturalPerson', value + 10);
    setCell(parsed, 'applications.granted.commercial', parsed.applications.granted.commercial + 1);
    parsed.findings.push(createFinding('F.LAYOUT', ['applications.granted.commercial'], 'unsure'));
    const score = scoreParse(truth, { kind: 'parsed', report: parsed });
    expect(score.right).toBe(198);
    expect(score.wrong).toEqual([
      { cell: 'applications.granted.naturalPerson', expected: value, read: value + 10 },
    ]);
    expect(score.flagged.map((miss) => miss.cell)).toEqual(['applications.granted.commercial']);
    expect(score.layoutFindings).toBe(1);
    expect(isPerfect(score)).toBe(false);
  });

  it('says when an F.AMBIGUOUS offers the true value among its candidates', () => {
    const truth = truthOfGenerated(consistent);
    const parsed = perfectParse(truth.report);
    const address = 'proactive.normativeDocuments.issued';
    const value = getCell(parsed, address) ?? 0;
    setCell(parsed, address, value + 7);
    parsed.findings.push(createFinding('F.AMBIGUOUS', [address], '连写', { candidates: [[value + 7], [value]] }));
    const score = scoreParse(truth, { kind: 'parsed', report: parsed });
    expect(score.flagged).toEqual([expect.objectContaining({ cell: address, truthOffered: true })]);
    const summary = summarizeScores([{ id: 'x', score, parseMs: 1 }]);
    expect(summary).toMatchObject({ right: 199, ambiguousWithTruth: 1, rightOrAmbiguousPercent: 100 });
  });

  it('reports findings the truth does not produce as false alarms, and defects not found as missed', () => {
    const truth = truthOfGenerated(defective);
    const alarm = createFinding('T4.TOTAL', ['reviewLitigation.review.total'], 'x');
    const score = scoreParse(truth, {
      kind: 'parsed',
      report: perfectParse(truth.report, [alarm]),
    });
    expect(score.falseAlarms.map((finding) => finding.rule)).toEqual(['T4.TOTAL']);
    expect(score.missedDefects).toEqual(defective.brokenRules);
    // A finding of the right rule on other cells is still a miss (and an alarm).
    const elsewhere = createFinding('T3.BALANCE', ['applications.newReceived.research'], 'x');
    const other = scoreParse(truth, {
      kind: 'parsed',
      report: perfectParse(truth.report, [elsewhere]),
    });
    expect(other.missedDefects).toEqual(defective.brokenRules);
    expect(other.falseAlarms).toHaveLength(1);
  });

  it('a missing row or another format is wrong cells and a mismatch; extra cells are counted', () => {
    const truth = truthOfGenerated(generateRandomReport(9, { shape: '2021-single', defect: null }));
    const itemized = truthOfGenerated(
      generateRandomReport(9, { shape: '2021-itemized', defect: null }),
    );
    const score = scoreParse(truth, { kind: 'parsed', report: itemized.report });
    expect(score.layout).toEqual({
      expected: 'singleOtherHandling',
      read: 'itemizedOtherHandling',
    });
    expect(
      score.wrong.some(
        (miss) => miss.cell === 'applications.otherHandling.total' && miss.read === null,
      ),
    ).toBe(true);
    expect(score.extraCells).toContain('applications.otherHandling.other.total');
  });

  it('an error thrown makes every cell wrong and every defect missed', () => {
    const truth = truthOfGenerated(defective);
    const score = scoreParse(truth, {
      kind: 'internal-error',
      message: 'RangeError: Not a digit run',
    });
    expect(score).toMatchObject({
      outcome: 'internal-error',
      right: 0,
      missedDefects: defective.brokenRules,
    });
    expect(score.wrong).toHaveLength(200);
    expect(failureExamples({ id: 'seed 5', score, parseMs: 1 })).toEqual([
      { id: 'seed 5', kind: 'internal-error', finding: 'RangeError: Not a digit run' },
    ]);
  });

  it('corpus truth: an ambiguous cell is right when reported in F.AMBIGUOUS; rules match by name', () => {
    const truth = truthOfCorpus({
      source: 'source.txt',
      year: 2023,
      formatVersion: '2021',
      proactive: { normativeDocuments: { issued: 12, repealed: 3, inForce: 145 } },
      applications: {},
      reviewLitigation: { review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 0 } },
      expectedFindings: ['T4.TOTAL'],
      ambiguousCells: ['proactive.normativeDocuments.issued'],
    });
    const parsed = perfectParse(truth.report, [
      createFinding('F.AMBIGUOUS', ['proactive.normativeDocuments.issued'], 'x', {
        candidates: [[1], [12]],
      }),
      createFinding('T4.TOTAL', ['reviewLitigation.review.total'], 'x'),
    ]);
    setCell(parsed, 'proactive.normativeDocuments.issued', 1);
    const score = scoreParse(truth, { kind: 'parsed', report: parsed });
    expect(score).toMatchObject({ right: score.cells, falseAlarms: [], missedDefects: [] });
  });
});

describe('summarizeScores', () => {
  it('adds up a path: cells, percent, errors, median parse time', () => {
    const truth = truthOfGenerated(consistent);
    const perfect = scoreParse(truth, { kind: 'parsed', report: perfectParse(truth.report) });
    const refused = scoreParse(truth, { kind: 'parse-error', message: 'NOT_A_REPORT' });
    const summary = summarizeScores([
      { id: 'a', score: perfect, parseMs: 2 },
      { id: 'b', score: perfect, parseMs: 4 },
      { id: 'c', score: refused, parseMs: 9 },
    ]);
    expect(summary).toMatchObject({
      documents: 3,
      cells: 600,
      right: 400,
      rightPercent: 66.666,
      wrong: 200,
      parseErrors: 1,
      internalErrors: 0,
      perfectDocuments: 2,
      medianParseMs: 4,
    });
  });
});
