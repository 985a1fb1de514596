import { getCell, type CanonicalReport } from '@atlas/report-model';

/**
 * Where formulas read numbers from: one report, or cells summed over many reports (the API sums
 * the cells a metric declares and wraps the sums in `cellSourceFromValues`). Formulas only ever
 * see this interface, so the same formula serves both.
 */
export interface CellSource {
  /** The value at an address; 0 when no report in the source has the cell. */
  cell(address: string): number;
  /**
   * Whether at least one report in the source has the cell. A 2019 report has no
   * `proactive.regulations.issued`, and a table 3 has only one of the two （六） shapes.
   */
  has(address: string): boolean;
}

/** The cells of one report; a cell of the other format or layout reads as absent. */
export function reportCellSource(report: CanonicalReport): CellSource {
  return {
    cell: (address) => getCell(report, address) ?? 0,
    has: (address) => getCell(report, address) !== undefined,
  };
}

/** Already summed values by address (e.g. a SQL `SUM … GROUP BY address`); missing = absent. */
export function cellSourceFromValues(
  values: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): CellSource {
  const map: ReadonlyMap<string, number> =
    values instanceof Map ? values : new Map(Object.entries(values));
  return {
    cell: (address) => map.get(address) ?? 0,
    has: (address) => map.has(address),
  };
}

/**
 * Adds the cells of many sources. Ratios evaluated on the result are ratios of sums, which is
 * what an aggregate rate means (averaging per-report rates would weight a 2-application office
 * like a 2,000-application one).
 */
export function sumCellSources(sources: readonly CellSource[]): CellSource {
  return {
    cell: (address) => sources.reduce((sum, source) => sum + source.cell(address), 0),
    has: (address) => sources.some((source) => source.has(address)),
  };
}
