import {
  APPLICATION_ROW,
  type ApplicationRowKey,
  APPLICANT_COLUMNS,
  applicationCell,
  type CanonicalReport,
  createFinding,
  type Finding,
  type FormatVersion,
  getCell,
  parseCellAddress,
  presentApplicationRowKeys,
  type ProactiveColumnKey,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reviewLitigationCell,
  type ProactiveRowKey,
  runTableChecks,
  setCell,
  type Table3Layout,
} from '@atlas/report-model';
import {
  type DigitRunAmbiguity,
  isDigitRun,
  listDigitRunSplits,
  listRowSplitsWithTotal,
  solveProactiveRow,
  solveTable3,
  solveTable4,
  type Table3RowInput,
} from './digit-runs';
import { placements, spread } from './orders';
import { layoutFinding } from './placement';
import type { CellProvenance, RowValues } from './region';

/** Values recovered from runs of digits, where they came from, and what stayed ambiguous. */
export interface RunResolution {
  values: Record<string, number>;
  provenance: Record<string, CellProvenance>;
  findings: Finding[];
}

type UnsplitValues = Extract<RowValues, { kind: 'run' | 'short' }>;

/** Spaces in a run are printed cell boundaries; values from separate cells stay separate. */
function runText(values: UnsplitValues): string {
  return values.kind === 'run' ? values.run : values.printed.join(' ');
}

function ambiguityFinding(ambiguity: DigitRunAmbiguity, what: string): Finding {
  const shown = ambiguity.candidates.slice(0, 5).map((candidate) => candidate.join(','));
  const more = ambiguity.candidates.length > 5 || !ambiguity.complete ? ' 等' : '';
  return createFinding(
    'F.AMBIGUOUS',
    [...ambiguity.cells],
    // Table 2 has no sums: its cuts are only those its statements in part 一 allow.
    `${what}的数字连在一起，有 ${ambiguity.candidates.length}${ambiguity.complete ? '' : '+'} 种拆法${what === '表二' ? '都说得通' : '都符合表内勾稽关系'}：${shown.join(' | ')}${more}；暂取第一种，请核对原文`,
    { candidates: ambiguity.candidates },
  );
}

function unreadFinding(cells: string[], run: string, what: string): Finding {
  return createFinding('F.LAYOUT', cells, `${what}的内容“${run}”无法拆成 ${cells.length} 个数值，按 0 记录，请核对原文`);
}

export function resolveTable3Runs(
  report: CanonicalReport,
  layout: Table3Layout,
  runs: { rowKey: ApplicationRowKey; values: UnsplitValues }[],
): RunResolution {
  const runKeys = new Set(runs.map((run) => run.rowKey));
  const columns = APPLICANT_COLUMNS.map((column) => column.key);
  // Only digits can be cut by the table's sums; a run with decimals or signs in it is not a row
  // of table 3 as printed, and is reported unread (its cells stay 0 for the sums of the rest).
  // Nor is a row whose numbers came from several lines and collide in a column (another row's).
  const unsolvable = new Set(
    runs.filter((run) => !isDigitRun(runText(run.values)) || (run.values.kind === 'short' && run.values.misplaced)).map((run) => run.rowKey),
  );
  const inputs: Table3RowInput[] = presentApplicationRowKeys(report.applications).map((rowKey) => {
    const run = runs.find((candidate) => candidate.rowKey === rowKey);
    if (run && !unsolvable.has(rowKey)) {
      // Whole values from separate cells, fewer than the columns: blank cells were left out.
      if (run.values.kind === 'short' && run.values.values.length > 0 && run.values.printed.every((printed) => !/^0\d/.test(printed))) {
        const values = run.values.values;
        return { rowKey, placements: placements(values.length, columns.length).map((slots) => spread(values, slots, columns.length)) };
      }
      return { rowKey, run: runText(run.values) };
    }
    return { rowKey, cells: columns.map((column) => (run ? 0 : (getCell(report, applicationCell(rowKey, column)) ?? 0))) };
  });
  const solution = solveTable3(inputs, layout);
  const resolution: RunResolution = { values: {}, provenance: {}, findings: [] };
  for (const { rowKey, values } of runs) {
    const cells = solution.applications[rowKey];
    const addresses = columns.map((column) => applicationCell(rowKey, column));
    if (!cells || solution.unreadRows.includes(rowKey) || unsolvable.has(rowKey)) {
      resolution.findings.push(unreadFinding(addresses, runText(values), `表三“${rowKey}”行`));
      continue;
    }
    columns.forEach((column, index) => {
      const address = addresses[index] ?? '';
      resolution.values[address] = cells[column];
      const source = values.provenance[0];
      if (source) resolution.provenance[address] = source;
    });
  }
  for (const ambiguity of solution.ambiguities) {
    // Only cells read from runs can be ambiguous; clean rows were given as they are.
    const cells = ambiguity.cells.filter((cell) => runKeys.has(parseCellAddress(cell)?.row as ApplicationRowKey));
    if (cells.length > 0) resolution.findings.push(ambiguityFinding(ambiguity, '表三'));
  }
  resolution.findings.push(...rowsThatCannotAddUp(runs, unsolvable));
  // A table whose numbers break a rule: when one reading breaks fewer rules than any other, it is
  // the document's; when several tie, the rows they cut differently are not settled.
  if (solution.brokenRules > 0 && !(solution.readings === 1 && solution.complete)) {
    const settled = new Set(solution.settledRows);
    const unsettled = runs.filter((run) => !settled.has(run.rowKey) && !unsolvable.has(run.rowKey));
    resolution.findings.push(...unsettledRuns(report, resolution, unsettled));
  }
  return resolution;
}

/**
 * A row printed as one run of digits that can be cut into its seven cells, yet not one cut makes
 * the first six add up to the seventh: the row breaks T3.ROWSUM whichever the cut, so the rule
 * is the document's even though each cell is in doubt (the cells stay F.LAYOUT/F.AMBIGUOUS).
 * Only a search that finished counts; a row that cannot be cut into seven at all says nothing.
 */
function rowsThatCannotAddUp(
  runs: readonly { rowKey: ApplicationRowKey; values: UnsplitValues }[],
  unsolvable: ReadonlySet<ApplicationRowKey>,
): Finding[] {
  const count = APPLICANT_COLUMNS.length;
  return runs.flatMap(({ rowKey, values }) => {
    if (values.kind !== 'run' || unsolvable.has(rowKey)) return [];
    const run = runText(values);
    const anyCut = listDigitRunSplits(run, count, { maxSplits: 1 });
    if (anyCut.splits.length === 0) return [];
    const adding = listRowSplitsWithTotal(run, count, { maxSplits: 1 });
    if (adding.splits.length > 0 || !adding.complete) return [];
    return [
      createFinding(
        'T3.ROWSUM',
        APPLICANT_COLUMNS.map((column) => applicationCell(rowKey, column.key)),
        `表三“${APPLICATION_ROW[rowKey].shortLabel}”行的数字连在一起（“${run}”），无论怎样拆分，前六列之和都不等于总计`,
      ),
    ];
  });
}

/**
 * When no cut satisfies every sum, the cut taken for a row with several is a guess wherever a
 * broken sum touches it: those rows are not settled (F.LAYOUT), and no rule judges them. Rows
 * whose own row sum allows one cut only are read, and a broken column rule is the document's.
 */
function unsettledRuns(report: CanonicalReport, resolution: RunResolution, runs: readonly { rowKey: ApplicationRowKey; values: UnsplitValues }[]): Finding[] {
  const reading = structuredClone(report);
  for (const [address, value] of Object.entries(resolution.values)) setCell(reading, address, value);
  const runCells = new Set<string>(runs.flatMap((run) => APPLICANT_COLUMNS.map((column) => applicationCell(run.rowKey, column.key))));
  const touched = new Set(runTableChecks(reading).flatMap((finding) => finding.cells.filter((cell) => runCells.has(cell))));
  const rows = runs.filter((run) => APPLICANT_COLUMNS.some((column) => touched.has(applicationCell(run.rowKey, column.key))));
  if (rows.length === 0) return [];
  return [
    layoutFinding(
      '表三',
      rows.map((run) => ({
        label: `表三 ${APPLICATION_ROW[run.rowKey].shortLabel}`,
        cells: APPLICANT_COLUMNS.map((column) => applicationCell(run.rowKey, column.key)),
        seen: [runText(run.values)],
      })),
    ),
  ];
}

export function resolveTable4Run(addresses: string[], values: UnsplitValues): RunResolution {
  const resolution: RunResolution = { values: {}, provenance: {}, findings: [] };
  const run = runText(values);
  if (!isDigitRun(run)) {
    resolution.findings.push(unreadFinding(addresses, run, '表四'));
    return resolution;
  }
  const solution = solveTable4(run);
  if (!solution.reviewLitigation) {
    resolution.findings.push(unreadFinding(addresses, run, '表四'));
    return resolution;
  }
  for (const address of addresses) {
    const location = parseCellAddress(address);
    if (location?.table !== 'reviewLitigation') continue;
    resolution.values[address] = solution.reviewLitigation[location.row][location.column];
    const source = values.provenance[0];
    if (source) resolution.provenance[address] = source;
  }
  resolution.findings.push(...solution.ambiguities.map((ambiguity) => ambiguityFinding(ambiguity, '表四')));
  // A group whose total fails in every reading the table allows breaks T4.TOTAL in the
  // document, even where its cells stay in doubt (and so out of the checks).
  const inDoubt = new Set(solution.ambiguities.flatMap((ambiguity) => ambiguity.cells));
  for (const group of solution.groupsAlwaysBroken) {
    const cells = REVIEW_COLUMNS.map((column) => reviewLitigationCell(group, column.key));
    if (!cells.some((cell) => inDoubt.has(cell))) continue;
    const label = REVIEW_GROUPS.find((candidate) => candidate.key === group)?.shortLabel ?? group;
    resolution.findings.push(createFinding('T4.TOTAL', cells, `表四“${label}”的数字连在一起（“${run}”），没有一种拆法能让各组都对上，而对不上最少的每种拆法里，这一组的各项结果之和都不等于总计`));
  }
  return resolution;
}

export function resolveTable2Run(
  addresses: string[],
  values: UnsplitValues,
  hints: Readonly<Record<string, number>>,
  formatVersion: FormatVersion,
): RunResolution {
  const resolution: RunResolution = { values: {}, provenance: {}, findings: [] };
  const locations = addresses.map((address) => parseCellAddress(address));
  const rowKey = locations[0]?.row as ProactiveRowKey;
  const columns = locations.map((location) => location?.column as ProactiveColumnKey);
  const source = values.provenance[0];

  if (values.kind === 'short' && values.values.length >= 2 && values.values.length < columns.length) {
    // Separate cells, one missing (a conversion pulled it out of the row): the first and last
    // columns keep the first and last values; the cells between cannot be known.
    const first = addresses[0] ?? '';
    const last = addresses[addresses.length - 1] ?? '';
    resolution.values[first] = values.values[0] ?? 0;
    resolution.values[last] = values.values[values.values.length - 1] ?? 0;
    if (values.provenance[0]) resolution.provenance[first] = values.provenance[0];
    const lastSource = values.provenance[values.provenance.length - 1];
    if (lastSource) resolution.provenance[last] = lastSource;
    const missing = addresses.slice(1, -1);
    resolution.findings.push(
      createFinding('F.AMBIGUOUS', missing, `表二该行只印出 ${values.values.length} 个数值（${values.values.join('、')}），缺少的单元格按 0 记录，请核对原文`),
    );
    return resolution;
  }

  const rowHints = Object.fromEntries(
    Object.entries(hints).flatMap(([address, value]) => {
      const location = parseCellAddress(address);
      return location?.table === 'proactive' && location.row === rowKey ? [[location.column, value]] : [];
    }),
  );
  const run = runText(values);
  const solution = solveProactiveRow({ rowKey, run, hints: rowHints }, formatVersion);
  if (!solution.values) {
    resolution.findings.push(unreadFinding(addresses, run, '表二'));
    return resolution;
  }
  columns.forEach((column, index) => {
    const address = addresses[index] ?? '';
    resolution.values[address] = solution.values?.[column] ?? 0;
    if (source) resolution.provenance[address] = source;
  });
  if (solution.ambiguity) resolution.findings.push(ambiguityFinding(solution.ambiguity, '表二'));
  return resolution;
}
