import {
  APPLICANT_COLUMNS,
  isApplicantColumnKey,
  isApplicationRowKey,
  presentApplicationRowKeys,
  type ApplicantColumnKey,
  type ApplicationRowKey,
} from './applications';
import { isNarrativeNumberKey, type NarrativeNumberKey } from './narrative';
import {
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  type ProactiveColumnKey,
  type ProactiveRowKey,
} from './proactive';
import type { CanonicalReport } from './report';
import {
  isReviewColumnKey,
  isReviewGroupKey,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ReviewColumnKey,
  type ReviewGroupKey,
} from './review-litigation';

/*
 * A cell's address is `<table>.<row>.<column>`: `applications.newReceived.naturalPerson`,
 * `reviewLitigation.review.total`, `proactive.normativeDocuments.inForce`. Row keys of table 3
 * contain a dot themselves (`applications.denied.stateSecret.total`), so an address is split at
 * its first and its last dot: table and column keys never contain one.
 *
 * Narrative numbers a finding compares (N.* rules) are addressed the same way,
 * `narrative.metrics.applicationsReceived`; they are not table cells and listCells skips them.
 */

export type ProactiveCellAddress = `proactive.${ProactiveRowKey}.${ProactiveColumnKey}`;
export type ApplicationCellAddress = `applications.${ApplicationRowKey}.${ApplicantColumnKey}`;
export type ReviewLitigationCellAddress = `reviewLitigation.${ReviewGroupKey}.${ReviewColumnKey}`;
export type NarrativeMetricAddress = `narrative.metrics.${NarrativeNumberKey}`;
export type CellAddress =
  | ProactiveCellAddress
  | ApplicationCellAddress
  | ReviewLitigationCellAddress
  | NarrativeMetricAddress;

export type TableCellLocation =
  | { table: 'proactive'; row: ProactiveRowKey; column: ProactiveColumnKey }
  | { table: 'applications'; row: ApplicationRowKey; column: ApplicantColumnKey }
  | { table: 'reviewLitigation'; row: ReviewGroupKey; column: ReviewColumnKey };

export interface NarrativeMetricLocation {
  table: 'narrative';
  row: 'metrics';
  column: NarrativeNumberKey;
}

export type CellLocation = TableCellLocation | NarrativeMetricLocation;

/** One numeric cell of tables 2–4, as the API stores it. */
export type ReportCell = TableCellLocation & { address: CellAddress; value: number };

export function proactiveCell(
  row: ProactiveRowKey,
  column: ProactiveColumnKey,
): ProactiveCellAddress {
  return `proactive.${row}.${column}`;
}

export function applicationCell(
  row: ApplicationRowKey,
  column: ApplicantColumnKey,
): ApplicationCellAddress {
  return `applications.${row}.${column}`;
}

export function reviewLitigationCell(
  group: ReviewGroupKey,
  column: ReviewColumnKey,
): ReviewLitigationCellAddress {
  return `reviewLitigation.${group}.${column}`;
}

export function narrativeMetricCell(metric: NarrativeNumberKey): NarrativeMetricAddress {
  return `narrative.metrics.${metric}`;
}

export function cellAddress(location: CellLocation): CellAddress {
  switch (location.table) {
    case 'proactive':
      return proactiveCell(location.row, location.column);
    case 'applications':
      return applicationCell(location.row, location.column);
    case 'reviewLitigation':
      return reviewLitigationCell(location.row, location.column);
    case 'narrative':
      return narrativeMetricCell(location.column);
  }
}

/** Table-2 cells that exist in either format, by `row.column` (an address carries no format). */
const PROACTIVE_CELL_BY_PATH = new Map<
  string,
  { row: ProactiveRowKey; column: ProactiveColumnKey }
>(
  [...PROACTIVE_ROWS_2021, ...PROACTIVE_ROWS_2019].flatMap((row) =>
    row.columns.map((column) => [`${row.key}.${column}`, { row: row.key, column }] as const),
  ),
);

/**
 * Addresses already parsed. Only cells of the model are kept, so the map is bounded by the
 * model's few hundred cells whatever strings callers pass; a parse places every cell several times.
 */
const PARSED_ADDRESSES = new Map<string, CellLocation>();

/** The table, row and column of an address; null if it names no cell of the model. */
export function parseCellAddress(address: string): CellLocation | null {
  const known = PARSED_ADDRESSES.get(address);
  if (known) return known;
  const location = locateCell(address);
  if (location) PARSED_ADDRESSES.set(address, Object.freeze(location));
  return location;
}

function locateCell(address: string): CellLocation | null {
  const firstDot = address.indexOf('.');
  const lastDot = address.lastIndexOf('.');
  if (firstDot < 0 || lastDot === firstDot) return null;
  const table = address.slice(0, firstDot);
  const row = address.slice(firstDot + 1, lastDot);
  const column = address.slice(lastDot + 1);
  switch (table) {
    case 'proactive': {
      const cell = PROACTIVE_CELL_BY_PATH.get(`${row}.${column}`);
      return cell ? { table, ...cell } : null;
    }
    case 'applications':
      return isApplicationRowKey(row) && isApplicantColumnKey(column)
        ? { table, row, column }
        : null;
    case 'reviewLitigation':
      return isReviewGroupKey(row) && isReviewColumnKey(column) ? { table, row, column } : null;
    case 'narrative':
      return row === 'metrics' && isNarrativeNumberKey(column) ? { table, row, column } : null;
    default:
      return null;
  }
}

/** Table 2 as plain rows, so one lookup serves both formats. */
function proactiveRows(
  report: CanonicalReport,
): Partial<Record<string, Partial<Record<string, number>>>> {
  return report.proactive;
}

/**
 * The value at an address; undefined when the report has no such cell (unknown address, a
 * table-2 cell of the other format, a （六） row of the other layout, a narrative number the
 * text does not state).
 */
export function getCell(report: CanonicalReport, address: string): number | undefined {
  const location = parseCellAddress(address);
  if (location === null) return undefined;
  switch (location.table) {
    case 'proactive':
      return proactiveRows(report)[location.row]?.[location.column];
    case 'applications':
      return report.applications[location.row]?.[location.column];
    case 'reviewLitigation':
      return report.reviewLitigation[location.row][location.column];
    case 'narrative':
      return report.narrative.metrics[location.column] ?? undefined;
  }
}

/**
 * Sets the value at an address. Only cells the report already has can be set (start from
 * emptyReport), so a parser cannot silently change the report's format or table-3 layout.
 */
export function setCell(report: CanonicalReport, address: string, value: number): void {
  const location = parseCellAddress(address);
  const existing = location === null ? undefined : getCell(report, address);
  if (location === null || (existing === undefined && location.table !== 'narrative')) {
    throw new RangeError(`Report has no cell ${address}`);
  }
  setCellAt(report, location, value);
}

/**
 * Sets a cell the report is known to have (one `listCells` gave for a report of the same format
 * and layout), without reading its address again.
 */
export function setCellAt(report: CanonicalReport, location: CellLocation, value: number): void {
  switch (location.table) {
    case 'proactive': {
      const row = proactiveRows(report)[location.row];
      if (row) row[location.column] = value;
      return;
    }
    case 'applications': {
      const row = report.applications[location.row];
      if (row) row[location.column] = value;
      return;
    }
    case 'reviewLitigation':
      report.reviewLitigation[location.row][location.column] = value;
      return;
    case 'narrative':
      report.narrative.metrics[location.column] = value;
      return;
  }
}

/** Every numeric cell of tables 2, 3 and 4 that the report has, in document order. */
export function listCells(report: CanonicalReport): ReportCell[] {
  const cells: ReportCell[] = [];
  const proactive = proactiveRows(report);
  const proactiveRowInfos =
    report.formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
  for (const rowInfo of proactiveRowInfos) {
    for (const column of rowInfo.columns) {
      const value = proactive[rowInfo.key]?.[column];
      if (value === undefined) continue;
      const row = rowInfo.key;
      cells.push({ address: proactiveCell(row, column), table: 'proactive', row, column, value });
    }
  }
  for (const row of presentApplicationRowKeys(report.applications)) {
    for (const { key: column } of APPLICANT_COLUMNS) {
      const value = report.applications[row]?.[column];
      if (value === undefined) continue;
      cells.push({
        address: applicationCell(row, column),
        table: 'applications',
        row,
        column,
        value,
      });
    }
  }
  for (const { key: row } of REVIEW_GROUPS) {
    for (const { key: column } of REVIEW_COLUMNS) {
      cells.push({
        address: reviewLitigationCell(row, column),
        table: 'reviewLitigation',
        row,
        column,
        value: report.reviewLitigation[row][column],
      });
    }
  }
  return cells;
}
