import {
  countDigitRunSplits,
  isDigitRun,
  listDigitRunSplits,
  listMixedRunSplits,
  listRowSplitsWithTotal,
  solveProactiveRow,
  splitDigitRun,
  splitRowWithTotal,
} from './digit-runs';

describe('splitDigitRun', () => {
  it('lists every cut, shortest first value first', () => {
    expect(splitDigitRun('693665', 3)).toEqual([
      [6, 9, 3665],
      [6, 93, 665],
      [6, 936, 65],
      [6, 9366, 5],
      [69, 3, 665],
      [69, 36, 65],
      [69, 366, 5],
      [693, 6, 65],
      [693, 66, 5],
      [6936, 6, 5],
    ]);
    expect(countDigitRunSplits('693665', 3)).toBe(10);
  });

  it('never reads a multi-digit value with a leading zero', () => {
    expect(splitDigitRun('05', 1)).toEqual([]);
    expect(splitDigitRun('05', 2)).toEqual([[0, 5]]);
    expect(splitDigitRun('105', 2)).toEqual([[10, 5]]);
    expect(splitDigitRun('1005', 2)).toEqual([[100, 5]]);
    expect(splitDigitRun('000', 3)).toEqual([[0, 0, 0]]);
    expect(splitDigitRun('000', 2)).toEqual([]);
    expect(splitDigitRun('0000000', 7)).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
    expect(countDigitRunSplits('0000000', 6)).toBe(0);
  });

  it('keeps a cut wherever whitespace survived inside the run', () => {
    expect(splitDigitRun('500000 5', 7)).toEqual([[5, 0, 0, 0, 0, 0, 5]]);
    expect(splitDigitRun('1 23', 2)).toEqual([[1, 23]]);
    expect(splitDigitRun('12 3', 3)).toEqual([[1, 2, 3]]);
    expect(splitDigitRun('12 3', 1)).toEqual([]);
    expect(splitDigitRun(' 0 1 1 0 2 ', 5)).toEqual([[0, 1, 1, 0, 2]]);
    expect(countDigitRunSplits('12 34', 3)).toBe(2);
  });

  it('reads full-width digits and ideographic spaces; rejects anything else', () => {
    expect(splitDigitRun('１２\u30003', 2)).toEqual([[12, 3]]);
    expect(isDigitRun('８０１ 000081')).toBe(true);
    expect(isDigitRun('24252.311082')).toBe(false);
    expect(isDigitRun('  ')).toBe(false);
    expect(() => splitDigitRun('12a3', 2)).toThrow(RangeError);
  });

  it('bounds the length of a value when asked', () => {
    expect(splitDigitRun('693665', 3, { maxDigits: 2 })).toEqual([[69, 36, 65]]);
    expect(countDigitRunSplits('693665', 3, { maxDigits: 2 })).toBe(1);
  });

  it('says when a list was cut short', () => {
    const run = '1'.repeat(40);
    expect(countDigitRunSplits(run, 7)).toBeGreaterThan(1_000_000);
    const listed = listDigitRunSplits(run, 7, { maxSplits: 50 });
    expect(listed.splits).toHaveLength(50);
    expect(listed.complete).toBe(false);
    expect(listDigitRunSplits('693665', 3).complete).toBe(true);
  });
});

describe('splitRowWithTotal', () => {
  it('keeps the cuts whose values add up to the last one', () => {
    // pingtan-2021 table 3, （一）予以公开 and 本机关不掌握: two row-sum-valid cuts each.
    expect(splitRowWithTotal('270020130', 7)).toEqual([
      [2, 7, 0, 0, 20, 1, 30],
      [27, 0, 0, 2, 0, 1, 30],
    ]);
    expect(splitRowWithTotal('220000325', 7)).toEqual([
      [2, 20, 0, 0, 0, 3, 25],
      [22, 0, 0, 0, 0, 3, 25],
    ]);
    // pingtan-2023 （一）予以公开 and （二）部分公开.
    expect(splitRowWithTotal('220000022', 7)).toEqual([
      [2, 20, 0, 0, 0, 0, 22],
      [22, 0, 0, 0, 0, 0, 22],
    ]);
    expect(splitRowWithTotal('191000020', 7)).toEqual([
      [1, 9, 10, 0, 0, 0, 20],
      [19, 1, 0, 0, 0, 0, 20],
    ]);
    expect(splitRowWithTotal('21710000218', 7)).toEqual([[217, 1, 0, 0, 0, 0, 218]]);
    expect(splitRowWithTotal('500000 5', 7)).toEqual([[5, 0, 0, 0, 0, 0, 5]]);
    expect(splitRowWithTotal('1234', 7)).toEqual([]);
  });

  it('is exactly the row-sum filter of splitDigitRun, in the same order', () => {
    const runs = ['270020130', '640020470', '10203120001200000', '1111111111', '9 0 9', '2101 3'];
    for (const run of runs) {
      for (const parts of [2, 3, 5, 7]) {
        const filtered = splitDigitRun(run, parts).filter(
          (values) =>
            values.slice(0, -1).reduce((total, value) => total + value, 0) === values.at(-1),
        );
        expect(splitRowWithTotal(run, parts)).toEqual(filtered);
      }
    }
  });

  it('lists only row-sum-valid cuts of a long run of ones (the sum prunes most cuts)', () => {
    const listed = listRowSplitsWithTotal('1'.repeat(60), 7);
    for (const values of listed.splits) {
      expect(values.slice(0, 6).reduce((total, value) => total + value, 0)).toBe(values[6]);
    }
  });
});

describe('solveProactiveRow (table 2: no sums)', () => {
  it('lists every reading of pingtan-2021 693665 and chooses the plausible smallest one', () => {
    const solution = solveProactiveRow({ rowKey: 'normativeDocuments', run: '693665' });
    expect(solution.values).toEqual({ issued: 69, repealed: 3, inForce: 665 });
    expect(solution.readings).toBe(10);
    expect(solution.ambiguity?.cells).toEqual([
      'proactive.normativeDocuments.issued',
      'proactive.normativeDocuments.repealed',
      'proactive.normativeDocuments.inForce',
    ]);
    // Plausible (inForce ≥ issued) first, each group by smallest sum.
    expect(solution.ambiguity?.candidates).toEqual([
      [69, 3, 665],
      [6, 93, 665],
      [6, 936, 65],
      [6, 9, 3665],
      [69, 36, 65],
      [69, 366, 5],
      [693, 6, 65],
      [693, 66, 5],
      [6936, 6, 5],
      [6, 9366, 5],
    ]);
    expect(solution.ambiguity?.complete).toBe(true);
  });

  it('is settled by hints from the text (pingtan-2022: 现行有效 698, 制发 88)', () => {
    const row = { rowKey: 'normativeDocuments', run: '8855698' } as const;
    expect(solveProactiveRow(row).ambiguity).not.toBeNull();
    const solution = solveProactiveRow({ ...row, hints: { issued: 88, inForce: 698 } });
    expect(solution).toEqual({
      values: { issued: 88, repealed: 55, inForce: 698 },
      ambiguity: null,
      unmatchedHints: [],
      readings: 1,
      complete: true,
    });
  });

  it('keeps the cells a hint does not settle ambiguous (pingtan-2023, 2024)', () => {
    const in2023 = solveProactiveRow({
      rowKey: 'normativeDocuments',
      run: '77132470',
      hints: { issued: 77 },
    });
    expect(in2023.values).toEqual({ issued: 77, repealed: 132, inForce: 470 });
    expect(in2023.ambiguity).toEqual({
      cells: ['proactive.normativeDocuments.repealed', 'proactive.normativeDocuments.inForce'],
      candidates: [
        [132, 470],
        [13, 2470],
        [1, 32470],
        [1324, 70],
        [13247, 0],
      ],
      complete: true,
    });

    const in2024 = solveProactiveRow({
      rowKey: 'normativeDocuments',
      run: '6233440',
      hints: { issued: 62 },
    });
    expect(in2024.values).toEqual({ issued: 62, repealed: 33, inForce: 440 });
    expect(in2024.ambiguity?.candidates).toEqual([
      [33, 440],
      [3, 3440],
      [334, 40],
      [3344, 0],
    ]);
  });

  it('reports a hint no reading agrees with instead of dropping the row', () => {
    // pingtan-2023 part 一 says 现行有效 393; the table says 470.
    const solution = solveProactiveRow({
      rowKey: 'normativeDocuments',
      run: '77132470',
      hints: { issued: 77, inForce: 393 },
    });
    expect(solution.values).toEqual({ issued: 77, repealed: 132, inForce: 470 });
    expect(solution.unmatchedHints).toEqual(['inForce']);
    expect(solution.ambiguity?.cells).toEqual([
      'proactive.normativeDocuments.repealed',
      'proactive.normativeDocuments.inForce',
    ]);
  });

  it('reads one-cell rows as printed, decimals included', () => {
    expect(solveProactiveRow({ rowKey: 'fees', run: '24252.311082' }).values).toEqual({
      amountWanYuan: 24252.311082,
    });
    expect(solveProactiveRow({ rowKey: 'licensing', run: '2293 ' }).values).toEqual({
      decisions: 2293,
    });
    expect(solveProactiveRow({ rowKey: 'regulations', run: '000' })).toMatchObject({
      values: { issued: 0, repealed: 0, inForce: 0 },
      ambiguity: null,
    });
    expect(solveProactiveRow({ rowKey: 'penalty', run: '12 82' }).values).toBeNull();
  });

  it('knows the 2019 rows', () => {
    const solution = solveProactiveRow({ rowKey: 'regulations', run: '2 3 45' }, '2019');
    expect(solution.values).toEqual({ newlyMade: 2, newlyPublished: 3, totalPublished: 45 });
    expect(() => solveProactiveRow({ rowKey: 'otherServices', run: '123' }, '2021')).toThrow(
      RangeError,
    );
  });
});

describe('listMixedRunSplits: runs with decimals or signs (table 2)', () => {
  it('cuts the integer part before a decimal amount', () => {
    expect(listMixedRunSplits('31234.56', 2).splits).toEqual(
      expect.arrayContaining([
        [3, 1234.56],
        [31, 234.56],
        [312, 34.56],
        [3123, 4.56],
      ]),
    );
  });

  it('keeps whitespace as a cut and reads signs', () => {
    expect(listMixedRunSplits('12 -4 30', 3).splits).toEqual([[12, -4, 30]]);
    expect(listMixedRunSplits('0.5 0', 2).splits).toEqual([[0.5, 0]]);
  });

  it('cuts nothing it cannot read, instead of failing', () => {
    expect(listMixedRunSplits('1e+30 5', 2).splits).toEqual([]);
    expect(listMixedRunSplits('1..2', 2).splits).toEqual([]);
    expect(listMixedRunSplits('9'.repeat(60), 2).splits).toEqual([]);
  });
});

describe('solveProactiveRow with signs', () => {
  it('reads a glued 2019 change with its sign, never a negative count', () => {
    const solution = solveProactiveRow({ rowKey: 'licensing', run: '194-525' }, '2019');
    const readings = [solution.values, ...(solution.ambiguity?.candidates ?? [])];
    expect(solution.values?.change).toBeLessThan(0);
    expect(solution.values?.decisions).toBeGreaterThanOrEqual(0);
    expect(solution.ambiguity?.candidates).toEqual(expect.arrayContaining([[-5, 25]]));
    expect(readings.length).toBeGreaterThan(1);
  });
});
