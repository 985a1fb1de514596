/*
 * Recovering table values from digits that ran together when a report was copied from a web
 * page (`一、本年新收政府信息公开申请数量801000081` = 80,1,0,0,0,0,81). Pure functions: strings
 * and numbers in, values and ambiguities (in the shape of F.AMBIGUOUS findings) out.
 *
 * - splitDigitRun / splitRowWithTotal: the ways to cut one run;
 * - solveTable3 / solveTable4: cut every run of the table at once, decided by the table's sums;
 * - solveProactiveRow: a row of table 2, which has no sums, narrowed by hints from the text.
 */
export {
  countDigitRunSplits,
  isDigitRun,
  listDigitRunSplits,
  listMixedRunSplits,
  listRowSplitsWithTotal,
  splitDigitRun,
  splitRowWithTotal,
  type DigitRunOptions,
  type SplitList,
} from './digit-runs-split';
export {
  compareReadings,
  type DigitRunAmbiguity,
  type DigitRunSolveOptions,
  type DigitRunVerdict,
} from './digit-runs-solution';
export {
  solveTable3,
  type Table3CleanRow,
  type Table3RowInput,
  type Table3RunRow,
  type Table3Solution,
} from './digit-runs-table3';
export { solveTable4, type Table4Solution } from './digit-runs-table4';
export {
  solveProactiveRow,
  type ProactiveHints,
  type ProactiveRowSolution,
  type ProactiveRunRow,
} from './digit-runs-table2';
