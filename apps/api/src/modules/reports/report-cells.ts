import { type CanonicalReport, listCells, type ReportCell } from '@atlas/report-model';
import type { EntityManager } from 'typeorm';

/*
 * A version's numbers (tables 2–4) are one row of report_version_cells: the ids of their
 * addresses (report_cell_address names each address once) and their values, two arrays in the
 * order of listCells. The view report_cell shows them one row per number, as the table of that
 * name once held them.
 */

const listed = (cells: readonly ReportCell[]) => [
  cells.map((cell) => cell.address),
  cells.map((cell) => cell.table),
  cells.map((cell) => cell.row),
  cells.map((cell) => cell.column),
];

/** Adds the addresses of `source` (as `l`) the database does not know yet, spending no id on the others. */
const addAddresses = (source: string) => `
  INSERT INTO report_cell_address (address, table_key, row_key, column_key)
  SELECT l.address, l.table_key, l.row_key, l.column_key FROM ${source}
   WHERE NOT EXISTS (SELECT 1 FROM report_cell_address a WHERE a.address = l.address)
  ON CONFLICT (address) DO NOTHING`;

/**
 * Stores (or replaces) the numbers of a version in one statement that also names addresses new
 * to the database. An address another transaction names at the same moment is not yet visible
 * to this statement's snapshot: then the row comes out short, and the statement runs again.
 */
const STORE_CELLS = `
  WITH listed AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[])
      WITH ORDINALITY AS l(address, table_key, row_key, column_key, value, position)
  ), added AS (
    ${addAddresses('listed l')}
    RETURNING id, address
  ), known AS (
    SELECT id, address FROM report_cell_address WHERE address = ANY($2::text[])
    UNION ALL
    SELECT id, address FROM added
  )
  INSERT INTO report_version_cells (version_id, address_ids, cell_values)
  SELECT $1, coalesce(array_agg(k.id ORDER BY l.position), '{}'),
         coalesce(array_agg(l.value ORDER BY l.position), '{}')
    FROM listed l JOIN known k ON k.address = l.address
  ON CONFLICT (version_id) DO UPDATE
    SET address_ids = excluded.address_ids, cell_values = excluded.cell_values
  RETURNING cardinality(address_ids) AS stored`;

/** Writes the numbers of `report` as those of version `versionId`, replacing any it had. */
export async function storeCells(
  manager: EntityManager,
  versionId: string,
  report: CanonicalReport,
): Promise<void> {
  const cells = listCells(report);
  const parameters = [versionId, ...listed(cells), cells.map((cell) => cell.value)];
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await manager.query<{ stored: number }[]>(STORE_CELLS, parameters);
    if (row?.stored === cells.length) return;
  }
  throw new Error(`report_version_cells of ${versionId}: an address could not be named`);
}

/**
 * The ids of the addresses of `cells`, naming those new to the database (for a loader that
 * writes report_version_cells itself, with COPY).
 */
export async function cellAddressIds(
  manager: EntityManager,
  cells: readonly ReportCell[],
): Promise<Map<string, number>> {
  const unique = [...new Map(cells.map((cell) => [cell.address, cell])).values()];
  await manager.query(
    addAddresses(
      'unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS l(address, table_key, row_key, column_key)',
    ),
    listed(unique),
  );
  const rows = await manager.query<{ id: number; address: string }[]>(
    'SELECT id, address FROM report_cell_address WHERE address = ANY($1::text[])',
    [unique.map((cell) => cell.address)],
  );
  return new Map(rows.map((row) => [row.address, row.id]));
}
