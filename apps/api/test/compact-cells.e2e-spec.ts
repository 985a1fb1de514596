import { randomUUID } from 'node:crypto';
import { emptyReport, listCells, setCell } from '@atlas/report-model';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { CompactReportCells1765400000000 } from '../src/database/migrations/1765400000000-compact-report-cells';
import { buildDataSourceOptions } from '../src/database/typeorm-options';
import { storeCells } from '../src/modules/reports/report-cells';
import { createSeparateDatabase } from './support/test-database';

/*
 * The numbers of a version in one row (report_version_cells) instead of one row per number:
 * the migration converts what the old table held and can be undone, and the view report_cell
 * shows exactly the rows the table had.
 */

interface CellRow {
  version_id: string;
  address: string;
  table_key: string;
  row_key: string;
  column_key: string;
  value: string;
  agency_id: string;
  year: number;
}

const byAddress = (a: CellRow, b: CellRow) =>
  a.version_id.localeCompare(b.version_id) || a.address.localeCompare(b.address);

describe('compact report cells (real PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createSeparateDatabase>>;
  let dataSource: DataSource;
  const agencyId = randomUUID();
  const versionIds = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    database = await createSeparateDatabase('atlas_cells', { migrated: false });
    const before = MIGRATIONS.filter((m) => m !== CompactReportCells1765400000000);
    const older = new DataSource({ ...buildDataSourceOptions(database.url, false), migrations: before });
    await older.initialize();
    await older.runMigrations({ transaction: 'each' });
    await older.destroy();
    dataSource = new DataSource(buildDataSourceOptions(database.url, false));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const cellRows = () =>
    dataSource
      .query<CellRow[]>(
        `SELECT version_id, address, table_key, row_key, column_key, value::text AS value, agency_id, year
           FROM report_cell`,
      )
      .then((rows) => rows.sort(byAddress));

  it('converts the rows of report_cell into one row per version, and back', async () => {
    // Two versions of one report, as the old table held them: every number of the template,
    // with counts, a large count and amounts with two decimals.
    const report = emptyReport('2021');
    const cells = listCells(report);
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`); // no agency or user rows
      const reportId = randomUUID();
      await manager.query(`INSERT INTO report (id, agency_id, year, status) VALUES ($1, $2, 2024, 'draft')`, [
        reportId,
        agencyId,
      ]);
      for (const [index, versionId] of versionIds.entries()) {
        await manager.query(
          `INSERT INTO report_version (id, report_id, version, canonical, declared_year, created_by)
           VALUES ($1, $2, $3, '{}', 2024, $4)`,
          [versionId, reportId, index + 1, randomUUID()],
        );
        await manager.query(
          `INSERT INTO report_cell (version_id, address, table_key, row_key, column_key, value, agency_id, year)
           SELECT $1, l.address, l.table_key, l.row_key, l.column_key, l.value, $2, 2024
             FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[])
                  AS l(address, table_key, row_key, column_key, value)`,
          [
            versionId,
            agencyId,
            cells.map((c) => c.address),
            cells.map((c) => c.table),
            cells.map((c) => c.row),
            cells.map((c) => c.column),
            cells.map((_, i) => (index === 0 ? [0, 7, 1234567, 12.5, 0.01][i % 5] : i)),
          ],
        );
      }
    });
    const before = await cellRows();
    expect(before).toHaveLength(2 * cells.length);

    await dataSource.runMigrations({ transaction: 'each' });
    const kinds = await dataSource.query<{ relname: string; relkind: string }[]>(
      `SELECT relname, relkind FROM pg_class
        WHERE relname IN ('report_cell', 'report_version_cells', 'report_cell_address') ORDER BY relname`,
    );
    expect(kinds).toEqual([
      { relname: 'report_cell', relkind: 'v' },
      { relname: 'report_cell_address', relkind: 'r' },
      { relname: 'report_version_cells', relkind: 'r' },
    ]);
    expect(await cellRows()).toEqual(before);
    const [stored] = await dataSource.query<{ versions: number; addresses: number }[]>(
      `SELECT (SELECT count(*)::int FROM report_version_cells) AS versions,
              (SELECT count(*)::int FROM report_cell_address) AS addresses`,
    );
    expect(stored).toEqual({ versions: 2, addresses: cells.length });

    await dataSource.undoLastMigration({ transaction: 'each' });
    const [table] = await dataSource.query<{ relkind: string }[]>(
      `SELECT relkind FROM pg_class WHERE relname = 'report_cell'`,
    );
    expect(table?.relkind).toBe('r');
    expect(await cellRows()).toEqual(before);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await cellRows()).toEqual(before);
  });

  it('stores a version in one row, names new addresses, and replaces the row on a correction', async () => {
    const report = emptyReport('2019');
    // Every number its position, as corrections would set them; amounts with decimals too.
    listCells(report).forEach((cell, i) => setCell(report, cell.address, i % 7 === 0 ? i + 0.25 : i));
    const cells = listCells(report);
    const [versionId] = versionIds;
    await dataSource.transaction(async (manager) => {
      await storeCells(manager, versionId as string, report);
    });
    const shown = await dataSource.query<{ address: string; value: string }[]>(
      'SELECT address, value::text AS value FROM report_cell WHERE version_id = $1',
      [versionId],
    );
    // The 2019 template names addresses the 2021 one had not: they were added on the way.
    expect(new Map(shown.map((row) => [row.address, Number(row.value)]))).toEqual(
      new Map(cells.map((c) => [c.address, c.value])),
    );
    // A correction stores the version again: still one row, with the new value.
    setCell(report, 'applications.newReceived.total', 4321);
    await dataSource.transaction((manager) => storeCells(manager, versionId as string, report));
    const [row] = await dataSource.query<{ n: number; value: string }[]>(
      `SELECT (SELECT count(*)::int FROM report_version_cells WHERE version_id = $1) AS n,
              (SELECT value::text FROM report_cell WHERE version_id = $1 AND address = 'applications.newReceived.total') AS value`,
      [versionId],
    );
    expect(row).toEqual({ n: 1, value: '4321' });
  });

  it('loses no number when two versions name the same new address at the same moment', async () => {
    await dataSource.query(`DELETE FROM report_version_cells`);
    await dataSource.query(`DELETE FROM report_cell_address`);
    const report = emptyReport('2021');
    const expected = listCells(report).length;
    await Promise.all(
      versionIds.map((versionId) =>
        dataSource.transaction((manager) => storeCells(manager, versionId, report)),
      ),
    );
    const counts = await dataSource.query<{ n: number }[]>(
      `SELECT cardinality(address_ids) AS n FROM report_version_cells ORDER BY version_id`,
    );
    expect(counts).toEqual([{ n: expected }, { n: expected }]);
  });
});
