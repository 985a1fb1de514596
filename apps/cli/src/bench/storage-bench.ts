import { loadavg, hostname } from 'node:os';
import type { CliIo } from '../io';
import { machineInfo, withBenchApi } from './analytics-bench';
import type { DataSetSize } from './load-bench';
import { round } from './measure';

/**
 * Bytes on disk per report (table, TOAST and indexes) of every table, on the benchmark's data
 * set loaded the way the analytics benchmark loads it. The baseline, measured in the same run:
 * the same numbers laid out as before issue 18 — one row per number with its address, keys,
 * agency and year, its primary key and its (agency, year) index — built from the view
 * report_cell, measured, and dropped.
 */

export interface StorageBenchOptions extends DataSetSize {
  readonly firstYear: number;
  /** Keep (or reuse) the database in this folder instead of a fresh temporary one. */
  readonly dataDir?: string;
  readonly keep: boolean;
  /** false: use the API already built in dist/. */
  readonly build: boolean;
}

export interface TableSize {
  readonly table: string;
  readonly bytesPerReport: number;
  readonly heapBytesPerReport: number;
  readonly toastBytesPerReport: number;
  readonly indexBytesPerReport: number;
}

export interface StorageBenchResult {
  readonly benchmark: 'storage';
  readonly measuredAt: string;
  readonly machine: ReturnType<typeof machineInfo> & { host: string; loadAverage: number[] };
  readonly dataSet: { reports: number; versions: number; agencies: number; years: number; cells: number };
  /** pg_database_size / reports. */
  readonly databaseBytesPerReport: number;
  /** A version's numbers as stored now: report_version_cells and report_cell_address. */
  readonly cellBytesPerReport: number;
  /** The same numbers one row each, as report_cell held them (the baseline). */
  readonly baselineCellBytesPerReport: number;
  /** cellBytesPerReport / baselineCellBytesPerReport. */
  readonly cellRatio: number;
  /** What the database would take per report with the baseline's cells instead of today's. */
  readonly baselineDatabaseBytesPerReport: number;
  /** Issue 18: at most a tenth of ~75 KB per report. */
  readonly targetBytesPerReport: number;
  readonly meetsTarget: boolean;
  readonly tables: TableSize[];
}

/** Issue 18 item 1: a tenth of the ~75 KB per report measured when it was filed. */
export const STORAGE_TARGET_BYTES_PER_REPORT = 7500;

const BASELINE_TABLE = 'storage_baseline_report_cell';
const COMPACT_CELL_TABLES = ['report_version_cells', 'report_cell_address'];

interface SizeRow {
  table: string;
  total: string;
  heap: string;
  toast: string;
  indexes: string;
}

export async function benchStorage(io: CliIo, options: StorageBenchOptions): Promise<StorageBenchResult> {
  return withBenchApi(io, 'storage', { ...options }, {}, async ({ db, load }) => {
    const reports = load.reports;
    const perReport = (bytes: number | string) => round(Number(bytes) / reports, 0);
    const sizes = async (tables: string[] | null) =>
      (
        await db.query<SizeRow>(
          `SELECT c.relname AS table, pg_total_relation_size(c.oid)::text AS total,
                  pg_relation_size(c.oid)::text AS heap,
                  COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0)::text AS toast,
                  pg_indexes_size(c.oid)::text AS indexes
             FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'm')
              AND ($1::text[] IS NULL OR c.relname = ANY($1::text[]))
            ORDER BY pg_total_relation_size(c.oid) DESC`,
          [tables],
        )
      ).rows;
    const [{ versions, database }] = (
      await db.query<{ versions: number; database: string }>(
        `SELECT (SELECT count(*)::int FROM report_version) AS versions,
                pg_database_size(current_database())::text AS database`,
      )
    ).rows as [{ versions: number; database: string }];
    const tables = (await sizes(null)).map((row) => ({
      table: row.table,
      bytesPerReport: perReport(row.total),
      heapBytesPerReport: perReport(row.heap),
      toastBytesPerReport: perReport(row.toast),
      indexBytesPerReport: perReport(row.indexes),
    }));
    const cellBytes = (await sizes(COMPACT_CELL_TABLES)).reduce((sum, row) => sum + Number(row.total), 0);

    io.err('storage: building the baseline (one row per number, as before) …\n');
    await db.query(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
    await db.query(`SET maintenance_work_mem = '512MB'`);
    await db.query(
      `CREATE TABLE ${BASELINE_TABLE} AS
       SELECT version_id, address, table_key, row_key, column_key, value, agency_id, year FROM report_cell`,
    );
    await db.query(`ALTER TABLE ${BASELINE_TABLE} ADD PRIMARY KEY (version_id, address)`);
    await db.query(`CREATE INDEX ON ${BASELINE_TABLE} (agency_id, year)`);
    await db.query(`VACUUM (ANALYZE) ${BASELINE_TABLE}`);
    const [baseline] = await sizes([BASELINE_TABLE]);
    const [{ cells }] = (
      await db.query<{ cells: number }>(`SELECT count(*)::int AS cells FROM ${BASELINE_TABLE}`)
    ).rows as [{ cells: number }];
    await db.query(`DROP TABLE ${BASELINE_TABLE}`);
    const baselineBytes = Number(baseline?.total ?? 0);

    const databaseBytesPerReport = perReport(database);
    return {
      benchmark: 'storage' as const,
      measuredAt: new Date().toISOString(),
      machine: { ...machineInfo(), host: hostname(), loadAverage: loadavg().map((l) => round(l, 2)) },
      dataSet: { reports, versions, agencies: load.agencies, years: load.years, cells },
      databaseBytesPerReport,
      cellBytesPerReport: perReport(cellBytes),
      baselineCellBytesPerReport: perReport(baselineBytes),
      cellRatio: round(cellBytes / baselineBytes, 4),
      baselineDatabaseBytesPerReport: perReport(Number(database) - cellBytes + baselineBytes),
      targetBytesPerReport: STORAGE_TARGET_BYTES_PER_REPORT,
      meetsTarget: databaseBytesPerReport <= STORAGE_TARGET_BYTES_PER_REPORT,
      tables,
    };
  });
}
