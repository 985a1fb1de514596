import {
  applicationCell,
  APPLICANT_COLUMNS,
  type CanonicalReport,
  createFinding,
  emptyReport,
  type Finding,
  type FormatVersion,
  PROACTIVE_ROW_2019,
  PROACTIVE_ROW_2021,
  proactiveCell,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reviewLitigationCell,
  setCell,
} from '@atlas/report-model';
import type { DocLine, ReadDocument, SourceLocation } from './document';
import type { CellSource, Provenance } from './provenance';
import { flattenLines } from './tables/flat-text';
import { layoutFinding, type PlacedCell, type Placement, unknownRowFinding, type UnsettledRow } from './tables/placement';
import { detectFormatVersion, locateTables, readTable2, readTable4, type RowReading } from './tables/read-tables';
import type { RowValues } from './tables/region';
import { resolveTable2Run, resolveTable3Runs, resolveTable4Run, type RunResolution } from './tables/resolve-runs';
import { chooseTable3Reading } from './tables/table3-choice';
import { chooseTable4Reading } from './tables/table4-choice';
import { amountInWanYuan } from './tables/values';

/** The tables of one document read into a canonical report (narrative not yet filled in). */
export interface TableInterpretation {
  report: CanonicalReport;
  provenance: Provenance;
  /** F.* findings: missing tables, ambiguous values, layouts not settled. */
  findings: Finding[];
  tablesFound: { table2: boolean; table3: boolean; table4: boolean };
}

export interface Table2Hints {
  /** Statements such as 本年度制发的规范性文件77件: cell address → value. */
  readonly [address: string]: number;
}

const APPLICANT_KEYS = APPLICANT_COLUMNS.map((column) => column.key);
const REVIEW_KEYS = REVIEW_COLUMNS.map((column) => column.key);
const FEE_CELL = proactiveCell('fees', 'amountWanYuan');

export function interpretTables(document: ReadDocument, hints: Table2Hints = {}): TableInterpretation {
  const flat = flattenLines(document.lines);
  const located = locateTables(flat);
  const formatVersion = detectFormatVersion(flat, located.table2);
  const findings: Finding[] = [];
  const provenance: Provenance = {};

  const table3 = located.table3 ? chooseTable3Reading(flat, located.table3) : null;
  const layout = table3?.layout ?? (formatVersion === '2019' ? 'singleOtherHandling' : 'itemizedOtherHandling');
  const report = emptyReport(formatVersion, layout);

  const place = (address: string, cell: PlacedCell) => {
    const value = address === FEE_CELL && cell.provenance ? amountInWanYuan(cell.value, cell.provenance.raw) : cell.value;
    setCell(report, address, value);
    if (!cell.provenance) return;
    // Built field by field: two hundred of these per report.
    const entry: CellSource = { source: cell.provenance.source, raw: cell.provenance.raw };
    if (cell.method) entry.method = cell.method;
    if (cell.certainty) entry.certainty = cell.certainty;
    provenance[address] = entry;
  };
  const placeAll = (cells: Placement) => cells.forEach((cell, address) => place(address, cell));
  const applyResolution = (resolution: RunResolution, addresses: readonly string[]) => {
    findings.push(...resolution.findings);
    const unsettled = new Set(resolution.findings.flatMap((finding) => finding.cells));
    for (const address of addresses) {
      const value = resolution.values[address];
      const source = resolution.provenance[address];
      place(address, {
        value: value ?? 0,
        ...(source ? { provenance: source } : {}),
        method: value === undefined ? 'missing' : 'digit-run',
        certainty: unsettled.has(address) || value === undefined ? 'uncertain' : 'inferred',
      });
    }
  };

  // Table 2 has no sums: a row not read as printed is uncertain, and F.LAYOUT says what was seen.
  if (located.table2) {
    const unsettled: UnsettledRow[] = [];
    for (const row of readTable2(flat, located.table2, formatVersion)) {
      const { label, columns } = proactiveRow(formatVersion, row.key);
      const addresses = columns.map((column) => proactiveCell(row.key as never, column as never));
      const values = row.values;
      if (values?.kind === 'run' || values?.kind === 'short') {
        applyResolution(resolveTable2Run(addresses, values, hints, formatVersion), addresses);
        continue;
      }
      const settled = placeTable2Row(row, addresses, place, findings);
      if (!settled) unsettled.push({ label: `表二 ${label}`, cells: addresses, seen: values?.provenance.map((p) => p.raw) ?? [] });
    }
    if (unsettled.length > 0) findings.push(layoutFinding('表二', unsettled));
  } else {
    findings.push(missingTable('表二（主动公开政府信息情况）', 'proactive'));
  }

  // Table 3
  if (table3) {
    placeAll(table3.cells);
    findings.push(...table3.findings);
    if (table3.runs.length > 0) {
      const addresses = table3.runs.flatMap((run) => APPLICANT_KEYS.map((column) => applicationCell(run.rowKey, column)));
      applyResolution(resolveTable3Runs(report, layout, table3.runs), addresses);
    }
  } else {
    findings.push(missingTable('表三（收到和处理政府信息公开申请情况）', 'applications'));
  }

  // Table 4
  if (located.table4) {
    const addresses = REVIEW_GROUPS.flatMap((group) => REVIEW_KEYS.map((column) => reviewLitigationCell(group.key, column)));
    const table4 = chooseTable4Reading(readTable4(flat, located.table4), addresses);
    if (table4.kind === 'placed') {
      placeAll(table4.cells);
      findings.push(...table4.findings);
    } else {
      applyResolution(resolveTable4Run(addresses, table4.values), addresses);
    }
  } else {
    findings.push(missingTable('表四（政府信息公开行政复议、行政诉讼情况）', 'reviewLitigation'));
  }

  addContext(provenance, flat.lines);
  return {
    report,
    provenance,
    findings,
    tablesFound: { table2: located.table2 !== null, table3: table3 !== null, table4: located.table4 !== null },
  };
}

/**
 * The printed row of every value not read with certainty, so that a person checking it sees it
 * in its row (only those: the others' own cell says all).
 */
function addContext(provenance: Provenance, lines: readonly DocLine[]): void {
  const keyOf = (source: SourceLocation) => `${source.page ?? ''}/${source.sheet ?? ''}/${source.table ?? ''}/${source.row ?? ''}/${source.line ?? ''}`;
  // A value cut from a run of digits has the run as its raw text already.
  const needsContext = (cell: CellSource) => cell.certainty !== undefined && cell.method !== 'digit-run';
  const wanted = new Set(Object.values(provenance).filter(needsContext).map((cell) => keyOf(cell.source)));
  if (wanted.size === 0) return;
  const rowText = new Map<string, string>();
  for (const line of lines) {
    const key = keyOf(line.source);
    if (!wanted.has(key) || rowText.has(key)) continue;
    rowText.set(key, line.cells.filter((cell) => !cell.mergedFrom).map((cell) => cell.text.trim()).filter((text) => text !== '').join(' | '));
  }
  for (const cell of Object.values(provenance)) {
    const context = needsContext(cell) ? rowText.get(keyOf(cell.source)) : undefined;
    if (context && context !== cell.raw) cell.context = context.length > 300 ? `${context.slice(0, 300)}…` : context;
  }
}

/** A table-2 row of the format: its label and its columns (none for a key it does not have). */
function proactiveRow(formatVersion: FormatVersion, rowKey: string): { label: string; columns: readonly string[] } {
  const rows = (formatVersion === '2021' ? PROACTIVE_ROW_2021 : PROACTIVE_ROW_2019) as Record<string, { label: string; columns: readonly string[] }>;
  return rows[rowKey] ?? { label: rowKey, columns: [] };
}

/** Places a table-2 row read as values; false when it was not read as printed (or not found). */
function placeTable2Row(
  row: RowReading,
  addresses: string[],
  place: (address: string, cell: PlacedCell) => void,
  findings: Finding[],
): boolean {
  const values = row.values as Extract<RowValues, { kind: 'values' }> | null;
  if (!values) {
    addresses.forEach((address) => place(address, { value: 0, method: 'missing', certainty: 'uncertain' }));
    return false;
  }
  // Table 2 has no sums to weigh a PDF row with nothing printed: its blanks are its zeros.
  const settled = (values.exact || values.blankRow === true) && !values.unclaimed;
  const certainty = !settled ? ('uncertain' as const) : values.blankRow ? ('inferred' as const) : undefined;
  addresses.forEach((address, index) => {
    const provenance = values.provenance[index];
    place(address, { value: values.values[index] ?? 0, ...(provenance ? { provenance } : {}), ...(certainty ? { certainty } : {}) });
  });
  for (const unclaimed of values.unclaimed ?? []) findings.push(unknownRowFinding(unclaimed));
  return settled;
}

function missingTable(name: string, table: string): Finding {
  return createFinding('F.MISSING_TABLE', [table], `未找到${name}`);
}
