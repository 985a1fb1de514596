import request from 'supertest';
import { AnalyticsProjection } from '../src/modules/analytics';
import { adminToken, tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { createSeparateDatabase } from './support/test-database';

/**
 * A tree of 300,000 agencies, 50,000 of them roots, generated in SQL in a database of its own
 * (no other spec sees it); then a 100,000-row agency file is imported over it through the API, in
 * batches under a lock and statement timeout, and analytics answers over all 400,000 (a flat file
 * of that size once held the tree lock for minutes and made the admin's overview send one bind
 * parameter per root: past the protocol's 32,767, a 500).
 */

const ROOTS = 50_000;
const CHILDREN_PER_ROOT = 5;
const GENERATED = ROOTS * (1 + CHILDREN_PER_ROOT);
/** The imported file: 50,000 new roots, each with one new child. */
const IMPORTED_ROOTS = 50_000;
const IMPORTED = IMPORTED_ROOTS * 2;
const AGENCIES = GENERATED + IMPORTED;

function agencyFile(): Buffer {
  const lines = ['code,name,level,kind,parent_code'];
  for (let n = 1; n <= IMPORTED_ROOTS; n += 1) {
    lines.push(`I${n},导入市${n},city,government,`, `J${n},导入局${n},county,department,I${n}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

describe('analytics at 300,000 agencies', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let testApp: TestApp;
  let token: string;
  const get = (path: string, bearer = token) =>
    request(testApp.app.getHttpServer()).get(path).set('Authorization', `Bearer ${bearer}`);

  beforeAll(async () => {
    database = await createSeparateDatabase('scale');
    testApp = await bootTestApp({}, database.url);
    // Roots R1…R50000, each with five children; ids derived from the codes so children can
    // name their parent, paths and depths as the agencies module writes them.
    await testApp.dataSource.query(
      `INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth)
       SELECT md5('r' || g)::uuid, 'R' || g, '规模测试市' || g, 'city', 'government', NULL,
              md5('r' || g)::uuid::text, 0
         FROM generate_series(1, $1::int) AS g`,
      [ROOTS],
    );
    await testApp.dataSource.query(
      `INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth)
       SELECT md5('c' || g)::uuid, 'C' || g, '规模测试局' || g, 'county', 'department',
              md5('r' || ((g - 1) / $2 + 1))::uuid,
              md5('r' || ((g - 1) / $2 + 1))::uuid::text || '.' || md5('c' || g)::uuid::text, 1
         FROM generate_series(1, $1::int) AS g`,
      [ROOTS * CHILDREN_PER_ROOT, CHILDREN_PER_ROOT],
    );
    await testApp.app.get(AnalyticsProjection).rebuild();
    token = await adminToken(testApp);
  }, 900_000);

  const importFile = (file: Buffer) =>
    request(testApp.app.getHttpServer())
      .post('/api/agencies/import')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', file, 'agencies.csv');

  it('refuses an import while another change holds the tree lock, instead of waiting on', async () => {
    // Another connection holds the tree lock, as a long tree change would.
    const holder = testApp.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('atlas.agency_tree'))`);
    try {
      const refused = await importFile(
        Buffer.from('code,name,level,kind\nLOCKED1,锁测试,city,government\n'),
      ).expect(503);
      expect(refused.body).toMatchObject({
        code: 'AGENCY_TREE_BUSY',
        message: expect.stringContaining('请稍后重试'),
      });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const [{ count }] = await testApp.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM agency WHERE code = 'LOCKED1'`,
    );
    expect(Number(count)).toBe(0);
  }, 120_000);

  it('imports a 100,000-row file in batches of 1,000', async () => {
    const imported = await importFile(agencyFile()).expect(200);
    expect(imported.body).toEqual({
      created: IMPORTED,
      updated: 0,
      unchanged: 0,
      batches: IMPORTED / 1_000,
    });
    const [{ count, roots }] = await testApp.dataSource.query<{ count: string; roots: string }[]>(
      `SELECT count(*) AS count, count(*) FILTER (WHERE parent_id IS NULL) AS roots FROM agency`,
    );
    expect([Number(count), Number(roots)]).toEqual([AGENCIES, ROOTS + IMPORTED_ROOTS]);
  }, 900_000);

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  }, 120_000);

  it('has the tree it claims', async () => {
    const [{ count }] = await testApp.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM analytics_agency',
    );
    expect(Number(count)).toBe(AGENCIES);
  });

  it('answers the admin overview over every root', async () => {
    const response = await get('/api/analytics/overview?year=2023').expect(200);
    expect(response.body.submissions).toMatchObject({ expected: AGENCIES, submitted: 0 });
  }, 300_000);

  it('answers the ranking and the compliance list over every root', async () => {
    const compare = await get(
      '/api/analytics/compare?year=2023&metric=applicationsReceived',
    ).expect(200);
    expect(compare.body).toBeDefined();
    const compliance = await get(
      '/api/analytics/compliance?fromYear=2022&toYear=2023&by=agency&limit=5',
    ).expect(200);
    expect(JSON.stringify(compliance.body)).toContain('规模测试');
  }, 300_000);

  it('answers an oversight account whose scope is many roots', async () => {
    const rootIds = await testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM agency WHERE parent_id IS NULL AND code LIKE 'R%' ORDER BY code LIMIT 2000`,
    );
    const oversight = await tokenFor(testApp, {
      role: 'oversight',
      scopeAgencyIds: rootIds.map((row) => row.id),
    });
    const response = await get('/api/analytics/overview?year=2023', oversight.token).expect(200);
    expect(response.body.submissions).toMatchObject({ expected: 2000 * (1 + CHILDREN_PER_ROOT) });
  }, 300_000);
});
