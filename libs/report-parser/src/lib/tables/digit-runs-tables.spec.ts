import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applicationRowKeysFor, type ApplicationRowKey } from '@atlas/report-model';
import { solveTable3, solveTable4, splitDigitRun, type Table3RowInput } from './digit-runs';

/*
 * The runs below are copied by hand from the corpus sources (the pingtan reports as web-page
 * text, where each table-3 row and the whole of table 4 ran together), each after its row label
 * and without the next label's item number ("…00000002.其他法律…" → '0000000').
 */
type RunTable = readonly (readonly [ApplicationRowKey, string])[];

const TABLE3_RUNS: Readonly<Record<string, RunTable>> = {
  'pingtan-2021': [
    ['newReceived', '640020470'],
    ['carriedOver', '0000000'],
    ['granted', '270020130'],
    ['partiallyGranted', '500000 5'],
    ['denied.stateSecret', '0000000'],
    ['denied.lawProhibited', '0000000'],
    ['denied.securityStability', '0000000'],
    ['denied.thirdParty', '0000000'],
    ['denied.internalAffairs', '1000001'],
    ['denied.processInfo', '0000000'],
    ['denied.enforcementFile', '6000006'],
    ['denied.queryMatter', '1000001'],
    ['unavailable.notHeld', '220000325'],
    ['unavailable.needsCreation', '0000000'],
    ['unavailable.unclear', '0000000'],
    ['notProcessed.complaint', '0000000'],
    ['notProcessed.duplicate', '0000000'],
    ['notProcessed.publication', '0000000'],
    ['notProcessed.massRepeat', '0000000'],
    ['notProcessed.confirmation', '0000000'],
    ['otherHandling.noCorrection', '0000000'],
    ['otherHandling.unpaidFee', '0000000'],
    ['otherHandling.other', '1000001'],
    ['totalHandled', '630020469'],
    ['carriedForward', '1000001'],
  ],
  'pingtan-2022': [
    ['newReceived', '713000074'],
    ['carriedOver', '1000001'],
    ['granted', '210000021'],
    ['partiallyGranted', '8100009'],
    ['denied.stateSecret', '0000000'],
    ['denied.lawProhibited', '0000000'],
    ['denied.securityStability', '0000000'],
    ['denied.thirdParty', '0000000'],
    ['denied.internalAffairs', '1000001'],
    ['denied.processInfo', '2000002'],
    ['denied.enforcementFile', '1000001'],
    ['denied.queryMatter', '0000000'],
    ['unavailable.notHeld', '370000037'],
    ['unavailable.needsCreation', '0000000'],
    ['unavailable.unclear', '0000000'],
    ['notProcessed.complaint', '0000000'],
    ['notProcessed.duplicate', '0000000'],
    ['notProcessed.publication', '0000000'],
    ['notProcessed.massRepeat', '0000000'],
    ['notProcessed.confirmation', '0000000'],
    ['otherHandling.noCorrection', '2000002'],
    ['otherHandling.unpaidFee', '0000000'],
    ['otherHandling.other', '0200002'],
    ['totalHandled', '723000075'],
    ['carriedForward', '0000000'],
  ],
  'pingtan-2023-text': [
    ['newReceived', '801000081'],
    ['carriedOver', '0000000'],
    ['granted', '220000022'],
    ['partiallyGranted', '191000020'],
    ['denied.stateSecret', '0000000'],
    ['denied.lawProhibited', '0000000'],
    ['denied.securityStability', '0000000'],
    ['denied.thirdParty', '1000001'],
    ['denied.internalAffairs', '0000000'],
    ['denied.processInfo', '1000001'],
    ['denied.enforcementFile', '1000001'],
    ['denied.queryMatter', '2000002'],
    ['unavailable.notHeld', '310000031'],
    ['unavailable.needsCreation', '0000000'],
    ['unavailable.unclear', '0000000'],
    ['notProcessed.complaint', '0000000'],
    ['notProcessed.duplicate', '1000001'],
    ['notProcessed.publication', '0000000'],
    ['notProcessed.massRepeat', '0000000'],
    ['notProcessed.confirmation', '0000000'],
    ['otherHandling.noCorrection', '1000001'],
    ['otherHandling.unpaidFee', '0000000'],
    ['otherHandling.other', '1000001'],
    ['totalHandled', '801000081'],
    ['carriedForward', '0000000'],
  ],
  'pingtan-2024': [
    ['newReceived', '21710000218'],
    ['carriedOver', '0000000'],
    ['granted', '710000071'],
    ['partiallyGranted', '290000029'],
    ['denied.stateSecret', '4000004'],
    ['denied.lawProhibited', '0000000'],
    ['denied.securityStability', '0000000'],
    ['denied.thirdParty', '3000003'],
    ['denied.internalAffairs', '320000032'],
    ['denied.processInfo', '0000000'],
    ['denied.enforcementFile', '0000000'],
    ['denied.queryMatter', '0000000'],
    ['unavailable.notHeld', '750000075'],
    ['unavailable.needsCreation', '0000000'],
    ['unavailable.unclear', '0000000'],
    ['notProcessed.complaint', '0000000'],
    ['notProcessed.duplicate', '1000001'],
    ['notProcessed.publication', '0000000'],
    ['notProcessed.massRepeat', '0000000'],
    ['notProcessed.confirmation', '0000000'],
    ['otherHandling.noCorrection', '1000001'],
    ['otherHandling.unpaidFee', '0000000'],
    ['otherHandling.other', '1100002'],
    ['totalHandled', '21710000218'],
    ['carriedForward', '0000000'],
  ],
};

const TABLE4_RUNS: Readonly<Record<string, string>> = {
  'pingtan-2021': '10203120001200000',
  // This year's page kept the spaces between the cells of table 4.
  'pingtan-2022': ' 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 ',
  'pingtan-2023-text': '110024001510102',
  'pingtan-2024': '21317000001324019',
};

const FOLDERS = Object.keys(TABLE3_RUNS);

function runRows(folder: string): Table3RowInput[] {
  return (TABLE3_RUNS[folder] ?? []).map(([rowKey, run]) => ({ rowKey, run }));
}

/** Rows of one table with some of them replaced (by key). */
function withRows(folder: string, replaced: readonly Table3RowInput[]): Table3RowInput[] {
  const byKey = new Map(replaced.map((row) => [row.rowKey, row]));
  return runRows(folder).map((row) => byKey.get(row.rowKey) ?? row);
}

/** A whole itemized table 3: the rows given, every other row printed as zeros. */
function tableWith(rows: readonly Table3RowInput[]): Table3RowInput[] {
  const byKey = new Map(rows.map((row) => [row.rowKey, row]));
  return applicationRowKeysFor('itemizedOtherHandling').map(
    (rowKey) => byKey.get(rowKey) ?? { rowKey, cells: [0, 0, 0, 0, 0, 0, 0] },
  );
}

const CORPUS_DIR = path.resolve(__dirname, '../../../../../../shared/corpus');

interface Expected {
  applications: Record<string, Record<string, number>>;
  reviewLitigation: Record<string, Record<string, number>>;
}

const corpusPresent = FOLDERS.every((folder) =>
  existsSync(path.join(CORPUS_DIR, folder, 'expected.json')),
);
if (!corpusPresent) console.warn(`Digit-run corpus tests skipped: no corpus at ${CORPUS_DIR}`);
const describeCorpus = corpusPresent ? describe : describe.skip;

function expectedOf(folder: string): Expected {
  return JSON.parse(
    readFileSync(path.join(CORPUS_DIR, folder, 'expected.json'), 'utf8'),
  ) as Expected;
}

describeCorpus('the pingtan reports copied as text, against expected.json', () => {
  it.each(FOLDERS)('%s: table 3 has exactly one reading, the expected one', (folder) => {
    const solution = solveTable3(runRows(folder), 'itemizedOtherHandling');
    expect(solution.applications).toEqual(expectedOf(folder).applications);
    expect(solution).toMatchObject({
      ambiguities: [],
      readings: 1,
      brokenRules: 0,
      complete: true,
      unreadRows: [],
    });
  });

  it.each(FOLDERS)('%s: table 4 has exactly one reading, the expected one', (folder) => {
    const solution = solveTable4(TABLE4_RUNS[folder] ?? '');
    expect(solution.reviewLitigation).toEqual(expectedOf(folder).reviewLitigation);
    expect(solution).toMatchObject({ ambiguities: [], readings: 1, brokenRules: 0 });
    expect(solution.complete).toBe(true);
  });
});

describe('solveTable3', () => {
  it('settles rows with two row-sum-valid cuts by the column sums (pingtan-2021)', () => {
    // Alone, 予以公开 '270020130' is ambiguous between the two cuts…
    const alone = solveTable3([{ rowKey: 'granted', run: '270020130' }], 'itemizedOtherHandling');
    expect(alone.ambiguities).toEqual([
      {
        cells: [
          'applications.granted.naturalPerson',
          'applications.granted.commercial',
          'applications.granted.nonprofit',
          'applications.granted.legalService',
        ],
        candidates: [
          [2, 7, 0, 20],
          [27, 0, 2, 0],
        ],
        complete: true,
      },
    ]);
    // …and so is 本机关不掌握 '220000325'; in the table, the outcome sums leave one of each.
    const table = solveTable3(runRows('pingtan-2021'), 'itemizedOtherHandling');
    expect(table.applications.granted).toEqual({
      naturalPerson: 27,
      commercial: 0,
      research: 0,
      nonprofit: 2,
      legalService: 0,
      otherOrg: 1,
      total: 30,
    });
    expect(table.applications['unavailable.notHeld']).toMatchObject({
      naturalPerson: 22,
      commercial: 0,
      otherOrg: 3,
      total: 25,
    });
    expect(table.applications.partiallyGranted).toMatchObject({ naturalPerson: 5, total: 5 });
  });

  it('settles pingtan-2023 予以公开 / 部分公开 by the commercial column', () => {
    const table = solveTable3(runRows('pingtan-2023-text'), 'itemizedOtherHandling');
    expect(table.applications.granted).toMatchObject({ naturalPerson: 22, commercial: 0 });
    expect(table.applications.partiallyGranted).toMatchObject({
      naturalPerson: 19,
      commercial: 1,
      research: 0,
      total: 20,
    });
    expect(table.ambiguities).toEqual([]);
  });

  it('accepts rows read cleanly and rows partly known', () => {
    const rows = withRows('pingtan-2021', [
      { rowKey: 'newReceived', cells: [64, 0, 0, 2, 0, 4, 70] },
      { rowKey: 'totalHandled', run: '6300204', known: { total: 69 } },
      { rowKey: 'granted', run: '0020130', known: { naturalPerson: 27 } },
    ]);
    const solution = solveTable3(rows, 'itemizedOtherHandling');
    expect(solution).toMatchObject({ ambiguities: [], readings: 1, brokenRules: 0 });
    expect(solution.applications.totalHandled).toMatchObject({ naturalPerson: 63, total: 69 });
    expect(solution.applications.granted).toMatchObject({ naturalPerson: 27, nonprofit: 2 });
  });

  it('solves a table with a single （六） row', () => {
    const rows = runRows('pingtan-2023-text')
      .filter((row) => !row.rowKey.startsWith('otherHandling.'))
      .concat([{ rowKey: 'otherHandling', run: '2000002' }]);
    const solution = solveTable3(rows, 'singleOtherHandling');
    expect(solution).toMatchObject({ ambiguities: [], readings: 1, brokenRules: 0 });
    expect(solution.applications.otherHandling).toMatchObject({ naturalPerson: 2, total: 2 });
    expect(() => solveTable3(runRows('pingtan-2023-text'), 'singleOtherHandling')).toThrow(
      RangeError,
    );
  });

  it('takes a run with too many cuts to list from the column rules it is in', () => {
    // 20 digits into seven values: thousands of cuts, too many to list; only one keeps
    // T3.BALANCE. The rows' own sums are misprinted (3103 for 3106): those rules are the document's.
    const cells = [2156, 737, 27, 27, 47, 112, 3103];
    const solution = solveTable3(
      tableWith([
        { rowKey: 'newReceived', run: cells.join('') },
        { rowKey: 'granted', cells },
        { rowKey: 'totalHandled', cells },
      ]),
      'itemizedOtherHandling',
    );
    expect(solution).toMatchObject({ ambiguities: [], readings: 1, brokenRules: 3, complete: true });
    expect(Object.values(solution.applications.newReceived ?? {})).toEqual(cells);
  });

  it('lists exactly the differing cells when two complete readings satisfy every rule', () => {
    // Both outcome rows print '270020130' (27,0,0,2,0,1,30 or 2,7,0,0,20,1,30) and the totals
    // are their sum: either row may take either cut, so two readings fit.
    const totals = [29, 7, 0, 2, 20, 2, 60];
    const solution = solveTable3(
      tableWith([
        { rowKey: 'newReceived', cells: totals },
        { rowKey: 'granted', run: '270020130' },
        { rowKey: 'partiallyGranted', run: '270020130' },
        { rowKey: 'totalHandled', cells: totals },
      ]),
      'itemizedOtherHandling',
    );
    expect(solution.readings).toBe(2);
    expect(solution.brokenRules).toBe(0);
    expect(solution.ambiguities).toEqual([
      {
        cells: [
          'applications.granted.naturalPerson',
          'applications.granted.commercial',
          'applications.granted.nonprofit',
          'applications.granted.legalService',
          'applications.partiallyGranted.naturalPerson',
          'applications.partiallyGranted.commercial',
          'applications.partiallyGranted.nonprofit',
          'applications.partiallyGranted.legalService',
        ],
        // Equal sums: the smaller values in document order come first and are chosen.
        candidates: [
          [2, 7, 0, 20, 27, 0, 2, 0],
          [27, 0, 2, 0, 2, 7, 0, 20],
        ],
        complete: true,
      },
    ]);
    expect(solution.applications.granted).toMatchObject({ naturalPerson: 2, commercial: 7 });
    expect(solution.applications.partiallyGranted).toMatchObject({ naturalPerson: 27 });
  });

  it('reads an inconsistent table with the fewest broken rules (unique best reading)', () => {
    // pingtan-2023 with 结转下年度 misprinted as 1: 新收 80 + 0 ≠ 办理 80 + 1 in two columns.
    const rows = withRows('pingtan-2023-text', [{ rowKey: 'carriedForward', run: '1000001' }]);
    const solution = solveTable3(rows, 'itemizedOtherHandling');
    expect(solution.brokenRules).toBe(2);
    expect(solution.readings).toBe(1);
    expect(solution.ambiguities).toEqual([]);
    expect(solution.applications.partiallyGranted).toMatchObject({ naturalPerson: 19 });
  });

  it('reports the tie when an inconsistent table leaves two best readings', () => {
    // The misprinted 办理总计 row agrees with neither cut of 予以公开 in four columns.
    const handled = [16, 4, 0, 1, 10, 2, 33];
    const solution = solveTable3(
      tableWith([
        { rowKey: 'newReceived', cells: handled },
        { rowKey: 'granted', run: '270020130' },
        { rowKey: 'partiallyGranted', cells: [3, 0, 0, 0, 0, 0, 3] },
        { rowKey: 'totalHandled', cells: handled },
      ]),
      'itemizedOtherHandling',
    );
    // naturalPerson, commercial, nonprofit, legalService and otherOrg break T3.OUTCOMES.
    expect(solution.brokenRules).toBe(5);
    expect(solution.readings).toBe(2);
    expect(solution.ambiguities).toEqual([
      {
        cells: [
          'applications.granted.naturalPerson',
          'applications.granted.commercial',
          'applications.granted.nonprofit',
          'applications.granted.legalService',
        ],
        candidates: [
          [2, 7, 0, 20],
          [27, 0, 2, 0],
        ],
        complete: true,
      },
    ]);
  });

  it('falls back to all cuts of a row none of whose cuts adds up', () => {
    // 予以公开 misprinted: no cut of '270020131' has its six columns sum to the total.
    const rows = withRows('pingtan-2021', [{ rowKey: 'granted', run: '270020131' }]);
    const solution = solveTable3(rows, 'itemizedOtherHandling');
    expect(solution.brokenRules).toBeGreaterThanOrEqual(1);
    expect(solution.applications.granted).toBeDefined();
  });

  it('uses no rule with a row that is missing', () => {
    // Without 办理总计 neither T3.OUTCOMES nor T3.BALANCE can be checked: both cuts of each
    // of the two ambiguous rows remain.
    const rows = runRows('pingtan-2021').filter((row) => row.rowKey !== 'totalHandled');
    const solution = solveTable3(rows, 'itemizedOtherHandling');
    expect(solution.readings).toBe(4);
    expect(solution.ambiguities[0]?.cells).toEqual([
      'applications.granted.naturalPerson',
      'applications.granted.commercial',
      'applications.granted.nonprofit',
      'applications.granted.legalService',
      'applications.unavailable.notHeld.naturalPerson',
      'applications.unavailable.notHeld.commercial',
    ]);
  });

  it('leaves out a row whose digits cannot make seven values, and the rules it is in', () => {
    const rows = withRows('pingtan-2021', [{ rowKey: 'denied.stateSecret', run: '00000' }]);
    const solution = solveTable3(rows, 'itemizedOtherHandling');
    expect(solution.unreadRows).toEqual(['denied.stateSecret']);
    expect(solution.applications['denied.stateSecret']).toBeUndefined();
    // Without T3.OUTCOMES the two ambiguous rows of 2021 are no longer settled.
    expect(solution.ambiguities[0]?.cells).toContain('applications.granted.naturalPerson');
    expect(solution.brokenRules).toBe(0);
  });

  it('rejects rows that are not rows of the layout, or given twice', () => {
    expect(() =>
      solveTable3(
        [
          { rowKey: 'granted', run: '1000001' },
          { rowKey: 'granted', run: '1000001' },
        ],
        'itemizedOtherHandling',
      ),
    ).toThrow(RangeError);
    expect(() =>
      solveTable3([{ rowKey: 'granted', cells: [1, 0, 1] }], 'itemizedOtherHandling'),
    ).toThrow(RangeError);
  });

  // Bounded work is asserted through the step budget (complete: false), never through time:
  // speed is measured by `npm run bench -- parse`.
  it('stops at its step limit on pathological runs and says so', () => {
    const rows: Table3RowInput[] = runRows('pingtan-2021').map((row) => ({
      rowKey: row.rowKey,
      run: '1'.repeat(45),
    }));
    const solution = solveTable3(rows, 'itemizedOtherHandling');
    expect(solution.complete).toBe(false);
    expect(Object.keys(solution.applications)).toHaveLength(25);

    // With (almost) no steps left for combining rows, each run row's own cuts are reported.
    const tight = solveTable3(runRows('pingtan-2021'), 'itemizedOtherHandling', { maxSteps: 2 });
    expect(tight.complete).toBe(false);
    expect(tight.readings).toBe(0);
    expect(tight.ambiguities.map((ambiguity) => ambiguity.cells[0])).toEqual([
      'applications.granted.naturalPerson',
      'applications.unavailable.notHeld.naturalPerson',
    ]);
    expect(tight.ambiguities.every((ambiguity) => !ambiguity.complete)).toBe(true);
  });
});

describe('solveTable4', () => {
  it('keeps only the cut with every group total right (pingtan-2021)', () => {
    expect(splitDigitRun('10203120001200000', 15).length).toBeGreaterThan(10);
    const solution = solveTable4('10203120001200000');
    expect(solution.readings).toBe(1);
    expect(solution.reviewLitigation).toEqual({
      review: { upheld: 1, corrected: 0, other: 2, pending: 0, total: 3 },
      litigationDirect: { upheld: 12, corrected: 0, other: 0, pending: 0, total: 12 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    });
  });

  it('names a group whose total fails however its digits are cut, and only that one', () => {
    // 111119: 1,1,1,11,9 (14 ≠ 9) or 1,1,1,1,19 (4 ≠ 19), in any order: never adds up.
    const solution = solveTable4(['11002', '111119', '00000']);
    expect(solution.brokenRules).toBe(1);
    expect(solution.groupsAlwaysBroken).toEqual(['litigationDirect']);
    // A table whose every group can add up names none.
    expect(solveTable4('10203120001200000').groupsAlwaysBroken).toEqual([]);
  });

  it('names a group broken in every reading that breaks the fewest totals', () => {
    // 0,51,0,0,51 | 0,40,0,0,43 | 0,0,0,0,0: 复议后起诉's total can add up only in cuts that
    // break two groups; every cut breaking one group breaks 未经复议直接起诉.
    const solution = solveTable4('0510051040004300000');
    expect(solution.brokenRules).toBe(1);
    expect(solution.groupsAlwaysBroken).toEqual(['litigationDirect']);
  });

  it('takes several runs, each cut on its own', () => {
    const solution = solveTable4(['10203', '120001200000']);
    expect(solution.reviewLitigation?.litigationDirect.total).toBe(12);
    expect(solution.ambiguities).toEqual([]);
  });

  it('reports the cells that differ when the totals allow several readings', () => {
    // The middle group '1100011' is 1,10,0,0,11 or 11,0,0,0,11: both keep every total.
    const solution = solveTable4('11002 1100011 00000');
    expect(solution.readings).toBe(2);
    expect(solution.ambiguities).toEqual([
      {
        cells: [
          'reviewLitigation.litigationDirect.upheld',
          'reviewLitigation.litigationDirect.corrected',
        ],
        candidates: [
          [1, 10],
          [11, 0],
        ],
        complete: true,
      },
    ]);
  });

  it('reads an inconsistent table with the fewest broken totals', () => {
    // A misprinted review total (4 instead of 3).
    const solution = solveTable4('10204120001200000');
    expect(solution.brokenRules).toBeGreaterThanOrEqual(1);
    expect(solution.reviewLitigation).not.toBeNull();
  });

  it('gives up cleanly on digits that cannot make 15 values', () => {
    expect(solveTable4('0000')).toEqual({
      reviewLitigation: null,
      ambiguities: [],
      readings: 0,
      brokenRules: 0,
      complete: true,
      groupsAlwaysBroken: [],
    });
  });

  it('stays bounded on a pathological run', () => {
    const solution = solveTable4('1'.repeat(120));
    expect(solution.complete).toBe(false);
  });
});
