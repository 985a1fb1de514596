import {
  applicationCell,
  type ApplicationRowKey,
  applicationRowKeysFor,
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
  runTableChecks,
  setCell,
  type Table3Layout,
} from '@atlas/report-model';
import type { ReadDocument } from './document';
import { type CellSource, describeSource, type Provenance } from './provenance';
import { flattenLines, type FlatText } from './tables/flat-text';
import { detectFormatVersion, locateTables, readTable2, readTable3, readTable4, type RowReading, type TableBounds } from './tables/read-tables';
import { readRowsByOrder } from './tables/row-order';
import type { CellProvenance, RowValues, UnclaimedRow } from './tables/region';
import { resolveTable2Run, resolveTable3Runs, resolveTable4Run, type RunResolution } from './tables/resolve-runs';

/** The tables of one document read into a canonical report (narrative not yet filled in). */
export interface TableInterpretation {
  report: CanonicalReport;
  provenance: Provenance;
  /** F.* findings: missing tables, ambiguous values. */
  findings: Finding[];
  /** Numbers stated in the text that may settle table 2 runs (filled by the caller). */
  tablesFound: { table2: boolean; table3: boolean; table4: boolean };
}

export interface Table2Hints {
  /** Statements such as 本年度制发的规范性文件77件: cell address → value. */
  readonly [address: string]: number;
}

const APPLICANT_KEYS = APPLICANT_COLUMNS.map((column) => column.key);
const REVIEW_KEYS = REVIEW_COLUMNS.map((column) => column.key);

export function interpretTables(document: ReadDocument, hints: Table2Hints = {}): TableInterpretation {
  const flat = flattenLines(document.lines);
  const located = locateTables(flat);
  const formatVersion = detectFormatVersion(flat, located.table2);
  const findings: Finding[] = [];
  const provenance: Provenance = {};

  const table3 = located.table3 ? chooseTable3Reading(flat, located.table3) : null;
  const layout: Table3Layout = table3?.layout ?? (formatVersion === '2019' ? 'singleOtherHandling' : 'itemizedOtherHandling');
  const report = emptyReport(formatVersion, layout);

  const record = (address: string, value: number, source: CellProvenance | undefined, method?: CellSource['method']) => {
    setCell(report, address, value);
    if (source) provenance[address] = { source: source.source, raw: source.raw, ...(method ? { method } : {}) };
  };
  const applyResolution = (resolution: RunResolution) => {
    for (const [address, value] of Object.entries(resolution.values)) {
      record(address, value, resolution.provenance[address], 'digit-run');
    }
    findings.push(...resolution.findings);
  };

  // Table 2
  if (located.table2) {
    for (const row of readTable2(flat, located.table2, formatVersion)) {
      const columns = proactiveColumns(formatVersion, row.key);
      const addresses = columns.map((column) => proactiveCell(row.key as never, column as never));
      readIntoCells(row, addresses, record, findings, (run) => applyResolution(resolveTable2Run(addresses, run, hints, formatVersion)));
    }
  } else {
    findings.push(missingTable('表二（主动公开政府信息情况）', 'proactive'));
  }

  // Table 3
  if (table3) {
    const runs: { rowKey: ApplicationRowKey; values: Extract<RowValues, { kind: 'run' | 'short' }> }[] = [];
    for (const row of table3.rows) {
      const addresses = APPLICANT_KEYS.map((column) => applicationCell(row.key, column));
      const values = row.values;
      if (values?.kind === 'run' || values?.kind === 'short') runs.push({ rowKey: row.key, values });
      else readIntoCells(row, addresses, record, findings, () => undefined, table3.byOrder ? 'row-order' : undefined);
    }
    if (runs.length > 0) applyResolution(resolveTable3Runs(report, layout, runs));
  } else {
    findings.push(missingTable('表三（收到和处理政府信息公开申请情况）', 'applications'));
  }

  // Table 4
  if (located.table4) {
    const addresses = REVIEW_GROUPS.flatMap((group) => REVIEW_KEYS.map((column) => reviewLitigationCell(group.key, column)));
    const values = readTable4(flat, located.table4);
    if (values.kind === 'values') addresses.forEach((address, index) => record(address, values.values[index] ?? 0, values.provenance[index]));
    // No value at all under the header (a sheet that left the empty row out): nothing to report, 0.
    else if (values.kind === 'short' && values.values.length === 0) addresses.forEach((address) => setCell(report, address, 0));
    else applyResolution(resolveTable4Run(addresses, values));
  } else {
    findings.push(missingTable('表四（政府信息公开行政复议、行政诉讼情况）', 'reviewLitigation'));
  }

  return {
    report,
    provenance,
    findings,
    tablesFound: { table2: located.table2 !== null, table3: table3 !== null, table4: located.table4 !== null },
  };
}

function proactiveColumns(formatVersion: FormatVersion, rowKey: string): readonly string[] {
  const rows = (formatVersion === '2021' ? PROACTIVE_ROW_2021 : PROACTIVE_ROW_2019) as Record<string, { columns: readonly string[] }>;
  return rows[rowKey]?.columns ?? [];
}

/** Puts a row's values into its cells, or says why they could not be read. */
function readIntoCells(
  row: RowReading,
  addresses: string[],
  record: (address: string, value: number, source: CellProvenance | undefined, method?: CellSource['method']) => void,
  findings: Finding[],
  onRun: (values: Extract<RowValues, { kind: 'run' | 'short' }>) => void,
  method?: CellSource['method'],
): void {
  const values = row.values;
  if (!values) {
    findings.push(createFinding('F.AMBIGUOUS', addresses, `未找到这一行（${addresses[0]?.split('.').slice(0, -1).join('.')}），按 0 记录`));
    return;
  }
  if (values.kind === 'values') {
    addresses.forEach((address, index) => record(address, values.values[index] ?? 0, values.provenance[index], method));
    for (const row of values.unclaimed ?? []) findings.push(unknownRow(row));
    return;
  }
  onRun(values);
}

/** A full row of values under a label the format does not have: reported, never merged in. */
function unknownRow(row: UnclaimedRow): Finding {
  return createFinding(
    'F.UNKNOWN_ROW',
    [],
    `表中有一行无法对应到标准行${row.label ? `“${row.label}”` : ''}（${describeSource(row.source)}）：${row.values.join('、')}，未计入标准表格，请核对`,
  );
}

function missingTable(name: string, table: string): Finding {
  return createFinding('F.MISSING_TABLE', [table], `未找到${name}`);
}

interface Table3Choice {
  layout: Table3Layout;
  rows: RowReading<ApplicationRowKey>[];
  byOrder: boolean;
}

/**
 * Reads table 3 by its labels; when that leaves rows unread and the table's value rows, taken in
 * the official order, fill it completely and satisfy its sums (conversions that scramble labels
 * but keep rows in order), the order wins.
 */
function chooseTable3Reading(flat: FlatText, bounds: TableBounds): Table3Choice {
  const byLabel = readTable3(flat, bounds);
  // Runs of digits are settled by the sums later; only rows not found, or short of values,
  // call for reading by order.
  const unread = byLabel.rows.filter((row) => !row.values || row.values.kind === 'short').length;
  if (unread === 0) return { ...byLabel, byOrder: false };
  for (const layout of ['itemizedOtherHandling', 'singleOtherHandling'] as const) {
    const byOrder = readRowsByOrder(flat, bounds, applicationRowKeysFor(layout), 7);
    if (byOrder && table3Consistent(layout, byOrder)) return { layout, rows: byOrder, byOrder: true };
  }
  return { ...byLabel, byOrder: false };
}

function table3Consistent(layout: Table3Layout, rows: RowReading<ApplicationRowKey>[]): boolean {
  const report = emptyReport('2021', layout);
  for (const row of rows) {
    if (row.values?.kind !== 'values') return false;
    const values = row.values.values;
    APPLICANT_KEYS.forEach((column, index) => setCell(report, applicationCell(row.key, column), values[index] ?? 0));
  }
  return runTableChecks(report).every((finding) => !finding.rule.startsWith('T3.'));
}
