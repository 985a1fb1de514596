import { randomUUID } from 'node:crypto';
import { generateReport, SeededRandom } from '@atlas/demo-data';
import { type CanonicalReport, listCells } from '@atlas/report-model';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { appVersion } from '../src/common/app-version';
import { loadConfig } from '../src/config/app-config';
import { AgenciesService, type StoredAgency } from '../src/modules/agencies';
import { AnalyticsProjection } from '../src/modules/analytics';
import { UsersService } from '../src/modules/auth';
import { type BulkReport, ReportBulkLoadService } from '../src/modules/reports';
import { createSeparateDatabase } from './support/test-database';

/*
 * The benchmark's bulk load through the owning modules' services (tree, reports, then the
 * analytics rebuild), in a database of its own: it needs empty tables and sets report_version_cells'
 * key aside while it runs, which the shared test database cannot offer.
 */

function agency(code: string, parent: StoredAgency | null): StoredAgency {
  const id = randomUUID();
  return {
    id,
    code,
    name: `${code}单位`,
    level: 'county',
    kind: parent ? 'department' : 'government',
    parentId: parent?.id ?? null,
    path: parent ? `${parent.path}.${id}` : id,
    depth: parent ? parent.depth + 1 : 0,
    activeFromYear: null,
    activeToYear: null,
  };
}

describe('bulk loading through the services (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let database: Awaited<ReturnType<typeof createSeparateDatabase>>;
  const count = async (sql: string, parameters: unknown[] = []) =>
    Number((await dataSource.query<{ n: string }[]>(sql, parameters))[0]?.n);
  const reportCellKeys = () =>
    dataSource.query<{ name: string }[]>(
      `SELECT conname AS name FROM pg_constraint
        WHERE conrelid = ANY('{report,report_version,report_version_cells}'::regclass[]) ORDER BY conname`,
    );

  beforeAll(async () => {
    database = await createSeparateDatabase('atlas_bulk');
    const config = loadConfig({
      NODE_ENV: 'test',
      ATLAS_LOG_LEVEL: 'silent',
      ATLAS_JOBS: 'false',
      ATLAS_ADMIN_PASSWORD: 'bulk-load-admin',
    });
    app = await createApp(config, database.url, {
      version: appVersion(),
      startedAt: new Date(),
      embeddedDatabase: false,
    });
    await app.init();
    dataSource = app.get(DataSource);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('loads a tree, reports with their versions, cells and findings, and analytics from the rebuild', async () => {
    const root = agency('BULK', null);
    const a = agency('BULK-A', root);
    const b = agency('BULK-B', root);
    await app.get(AgenciesService).loadTree([root, a, b]);
    expect(await count('SELECT count(*) AS n FROM agency')).toBe(3);
    // The tree is published in the load's transaction, as every tree change is.
    expect(await count('SELECT count(*) AS n FROM analytics_agency')).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'agency.load'`)).toBe(1);
    await expect(app.get(AgenciesService).loadTree([agency('BULK-C', null)])).rejects.toThrow(
      /not empty/,
    );

    const random = new SeededRandom(7);
    const made = (agencyName: string, year: number, previous?: CanonicalReport) =>
      generateReport(random, { year, activity: 1, agencyName, previous });
    const a2022 = made('A', 2022);
    const a2023 = made('A', 2023, a2022);
    const broken = structuredClone(a2023);
    broken.applications.carriedForward.total += 1;
    broken.applications.carriedForward.naturalPerson += 1;
    const b2023 = made('B', 2023);
    const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
    const batches: BulkReport[][] = [
      [
        {
          agencyId: a.id,
          year: 2022,
          status: 'accepted',
          versions: [
            { canonical: a2022, createdAt: at('2023-01-05'), submittedAt: at('2023-01-06') },
          ],
        },
        {
          agencyId: a.id,
          year: 2023,
          status: 'accepted',
          versions: [
            { canonical: broken, createdAt: at('2024-01-02'), submittedAt: at('2024-01-03') },
            { canonical: a2023, createdAt: at('2024-01-10'), submittedAt: at('2024-01-11') },
          ],
        },
      ],
      [
        {
          agencyId: b.id,
          year: 2023,
          status: 'submitted',
          versions: [
            { canonical: b2023, createdAt: at('2024-03-01'), submittedAt: at('2024-03-02') },
          ],
        },
      ],
    ];
    const keysBefore = await reportCellKeys();
    const admin = await app.get(UsersService).systemActor();
    const summary = await app.get(ReportBulkLoadService).load(batches, admin.id);

    const cells = [a2022, broken, a2023, b2023].reduce(
      (sum, report) => sum + listCells(report).length,
      0,
    );
    expect(summary).toMatchObject({ reports: 3, versions: 4, cells });
    expect(await count('SELECT count(*) AS n FROM report')).toBe(3);
    expect(await count('SELECT count(*) AS n FROM report_version')).toBe(4);
    expect(await count('SELECT count(*) AS n FROM report_cell')).toBe(cells);
    // One row per version, and the keys and foreign keys set aside for the load are all back.
    expect(await count('SELECT count(*) AS n FROM report_version_cells')).toBe(4);
    expect(await reportCellKeys()).toEqual(keysBefore);
    expect(keysBefore.map((key) => key.name)).toEqual(
      expect.arrayContaining(['pk_report_version_cells', 'fk_report_version_cells_version']),
    );

    const versions = await dataSource.query<
      {
        year: number;
        version: number;
        rules: string[];
        on_time: boolean;
        days_late: number;
        current: boolean;
        based_on_version: number | null;
      }[]
    >(
      `SELECT r.year, v.version, ARRAY(SELECT f->>'rule' FROM jsonb_array_elements(v.findings) f) AS rules,
              v.on_time, v.days_late, r.current_version_id = v.id AS current, v.based_on_version
         FROM report_version v JOIN report r ON r.id = v.report_id
        WHERE r.agency_id = $1 ORDER BY r.year, v.version`,
      [a.id],
    );
    expect(versions.map((v) => [v.year, v.version, v.current, v.based_on_version])).toEqual([
      [2022, 1, true, null],
      [2023, 1, false, null],
      [2023, 2, true, 1],
    ]);
    // The returned first version carries the error it was returned for; checked as an upload is.
    expect(versions[1]?.rules).toContain('T3.BALANCE');
    expect(versions[2]?.rules).not.toContain('T3.BALANCE');
    const [late] = await dataSource.query<{ on_time: boolean; days_late: number }[]>(
      `SELECT v.on_time, v.days_late FROM report_version v JOIN report r ON r.current_version_id = v.id WHERE r.agency_id = $1`,
      [b.id],
    );
    expect(late).toMatchObject({ on_time: false });
    expect(late?.days_late).toBeGreaterThan(0);

    // Analytics hears of bulk-loaded reports from the rebuild (the replay of every snapshot).
    expect(await count('SELECT count(*) AS n FROM analytics_report')).toBe(0);
    expect(await app.get(AnalyticsProjection).rebuild()).toBe(3);
    expect(await count('SELECT count(*) AS n FROM analytics_report')).toBe(3);
    expect(
      await count('SELECT count(*) AS n FROM analytics_report WHERE agency_id = $1', [b.id]),
    ).toBe(1);

    await expect(app.get(ReportBulkLoadService).load([batches[1] ?? []], admin.id)).rejects.toThrow(
      /empty report tables/,
    );
  });
});
