import { randomBytes, randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { AgenciesService } from '../src/modules/agencies/agencies.service';
import type { Role } from '../src/common/auth/auth-user';
import { tokenFor } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';

/** The agency as the API answers it. */
interface AgencyBody {
  id: string;
  code: string;
  name: string;
  level: string;
  kind: string;
  parentId: string | null;
  path: string[];
  depth: number;
  activeFromYear: number | null;
  activeToYear: number | null;
}

interface TreeNodeBody extends AgencyBody {
  children: TreeNodeBody[];
}

interface StoredRow {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  path: string;
  depth: number;
}

const EXPORT_HEADER = ['编码', '名称', '层级', '类型', '上级编码', '起始年度', '终止年度'];

describe('agencies: the tree of reporting units (real PostgreSQL)', () => {
  let testApp: TestApp;
  let adminToken: string;
  // Every code and root name carries this run's id: the database is shared by all test files.
  const run = randomBytes(3).toString('hex').toUpperCase();
  let sequence = 0;
  // Zero-padded so that no code contains another (the list filter matches substrings).
  const uniqueCode = () => `T${run}-${String((sequence += 1)).padStart(4, '0')}`;

  const server = () => testApp.app.getHttpServer();
  const as = (token: string) => ({
    get: (url: string) => request(server()).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(server()).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(server()).patch(url).set('Authorization', `Bearer ${token}`),
    delete: (url: string) => request(server()).delete(url).set('Authorization', `Bearer ${token}`),
  });
  const admin = () => as(adminToken);
  const tokenOf = async (role: Role, scope: { agencyId?: string; scopeAgencyIds?: string[] } = {}) =>
    (await tokenFor(testApp, { role, ...scope })).token;

  async function createAgency(label: string, parent: AgencyBody | null, fields: Partial<AgencyBody> = {}): Promise<AgencyBody> {
    const response = await admin()
      .post('/api/agencies')
      .send({
        code: uniqueCode(),
        name: `${label} ${run}`,
        level: parent ? 'county' : 'province',
        kind: 'government',
        parentId: parent?.id ?? null,
        // 不限 unless a test says otherwise (undefined: left out, this year).
        activeFromYear: null,
        ...fields,
      });
    expect(response.status).toBe(201);
    return response.body as AgencyBody;
  }

  async function storedRows(ids: readonly string[]): Promise<Map<string, StoredRow>> {
    const rows = await testApp.dataSource.query<StoredRow[]>(
      'SELECT id, code, name, parent_id, path, depth FROM agency WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async function storedByCode(codes: readonly string[]): Promise<Map<string, StoredRow>> {
    const rows = await testApp.dataSource.query<StoredRow[]>(
      'SELECT id, code, name, parent_id, path, depth FROM agency WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row]));
  }

  async function agencyCount(): Promise<number> {
    const [row] = await testApp.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM agency');
    return row?.n ?? -1;
  }

  function importFile(content: Buffer, fileName: string, token = adminToken) {
    return as(token).post('/api/agencies/import').attach('file', content, fileName);
  }

  beforeAll(async () => {
    testApp = await bootTestApp();
    adminToken = await tokenOf('admin');
  });
  afterAll(() => testApp.close());

  it('creates a tree three levels deep, storing each path and depth', async () => {
    const province = await createAgency('省', null);
    const city = await createAgency('市', province, { level: 'city', activeFromYear: 2008, activeToYear: 2030 });
    const department = await createAgency('局', city, { kind: 'department', activeFromYear: undefined });

    expect(department).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(/^T/),
      name: `局 ${run}`,
      level: 'county',
      kind: 'department',
      parentId: city.id,
      path: [province.id, city.id, department.id],
      depth: 2,
      // 起始年度 left out: first due this year (China's calendar), not missing in every past year.
      activeFromYear: Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())),
      activeToYear: null,
    });
    // null on purpose: 不限.
    const always = await createAgency('所', city, { activeFromYear: null });
    expect(always.activeFromYear).toBeNull();
    const [stored] = await testApp.dataSource.query<{ active_from_year: number | null }[]>(
      'SELECT active_from_year FROM agency WHERE id = $1',
      [department.id],
    );
    expect(stored?.active_from_year).toBe(department.activeFromYear);
    const rows = await storedRows([province.id, city.id, department.id]);
    expect(rows.get(province.id)).toMatchObject({ parent_id: null, path: province.id, depth: 0 });
    expect(rows.get(city.id)).toMatchObject({ parent_id: province.id, path: `${province.id}.${city.id}`, depth: 1 });
    expect(rows.get(department.id)).toMatchObject({
      parent_id: city.id,
      path: `${province.id}.${city.id}.${department.id}`,
      depth: 2,
    });

    const fetched = await admin().get(`/api/agencies/${city.id}`).expect(200);
    expect(fetched.body).toEqual({ ...city, activeFromYear: 2008, activeToYear: 2030 });

    // Each change is in the audit log with who made it.
    const audit = await testApp.dataSource.query<{ action: string; actor_name: string }[]>(
      'SELECT action, actor_name FROM audit_log WHERE target_type = $1 AND target_id = $2',
      ['agency', department.id],
    );
    expect(audit).toEqual([{ action: 'agency.create', actor_name: expect.stringMatching(/^admin/) }]);
  });

  it('refuses duplicate codes and names, unknown parents, bad fields and reversed years', async () => {
    const root = await createAgency('根', null);
    const child = await createAgency('子', root);

    const duplicateCode = await admin()
      .post('/api/agencies')
      .send({ code: child.code, name: '别的名称', level: 'county', kind: 'town', parentId: root.id })
      .expect(409);
    expect(duplicateCode.body).toEqual({ statusCode: 409, code: 'AGENCY_CODE_TAKEN', message: `编码“${child.code}”已存在` });

    const duplicateName = await admin()
      .post('/api/agencies')
      .send({ code: uniqueCode(), name: child.name, level: 'county', kind: 'town', parentId: root.id })
      .expect(409);
    expect(duplicateName.body.code).toBe('AGENCY_NAME_TAKEN');

    const unknownParent = await admin()
      .post('/api/agencies')
      .send({ code: uniqueCode(), name: '孤儿', level: 'county', kind: 'town', parentId: randomUUID() })
      .expect(400);
    expect(unknownParent.body).toEqual({ statusCode: 400, code: 'AGENCY_PARENT_NOT_FOUND', message: '指定的上级机构不存在' });

    const badFields = await admin().post('/api/agencies').send({ code: '中文编码', name: '', level: 'state', kind: 'town' }).expect(400);
    expect(badFields.body.code).toBe('VALIDATION_FAILED');
    expect(badFields.body.message).toMatch(/编码只能包含.*名称不能为空.*层级应为/);

    const reversedYears = await admin()
      .patch(`/api/agencies/${child.id}`)
      .send({ activeFromYear: 2020, activeToYear: 2019 })
      .expect(400);
    expect(reversedYears.body).toEqual({
      statusCode: 400,
      code: 'AGENCY_ACTIVE_YEARS_INVALID',
      message: '起始年度 2020 不能晚于终止年度 2019',
    });

    const missing = await admin().get(`/api/agencies/${randomUUID()}`).expect(404);
    expect(missing.body).toEqual({ statusCode: 404, code: 'AGENCY_NOT_FOUND', message: '机构不存在或无权查看' });
    await admin().get('/api/agencies/not-a-uuid').expect(404);
    await admin().patch(`/api/agencies/${randomUUID()}`).send({ name: '无' }).expect(404);
  });

  it('moves a subtree, rewriting every descendant path and depth, and moves it back to the top', async () => {
    const a = await createAgency('A', null);
    const b = await createAgency('B', a);
    const c = await createAgency('C', b);
    const d = await createAgency('D', c);
    const e = await createAgency('E', b);
    const x = await createAgency('X', null);
    const y = await createAgency('Y', x);

    const moved = await admin().patch(`/api/agencies/${b.id}`).send({ parentId: y.id, name: `B 新 ${run}` }).expect(200);
    expect(moved.body).toMatchObject({ id: b.id, parentId: y.id, path: [x.id, y.id, b.id], depth: 2, name: `B 新 ${run}` });

    let rows = await storedRows([a.id, b.id, c.id, d.id, e.id]);
    expect(rows.get(a.id)).toMatchObject({ path: a.id, depth: 0 });
    expect(rows.get(b.id)).toMatchObject({ parent_id: y.id, path: `${x.id}.${y.id}.${b.id}`, depth: 2 });
    expect(rows.get(c.id)).toMatchObject({ parent_id: b.id, path: `${x.id}.${y.id}.${b.id}.${c.id}`, depth: 3 });
    expect(rows.get(d.id)).toMatchObject({ parent_id: c.id, path: `${x.id}.${y.id}.${b.id}.${c.id}.${d.id}`, depth: 4 });
    expect(rows.get(e.id)).toMatchObject({ parent_id: b.id, path: `${x.id}.${y.id}.${b.id}.${e.id}`, depth: 3 });

    await admin().patch(`/api/agencies/${b.id}`).send({ parentId: null }).expect(200);
    rows = await storedRows([b.id, c.id, d.id, e.id]);
    expect(rows.get(b.id)).toMatchObject({ parent_id: null, path: b.id, depth: 0 });
    expect(rows.get(c.id)).toMatchObject({ path: `${b.id}.${c.id}`, depth: 1 });
    expect(rows.get(d.id)).toMatchObject({ path: `${b.id}.${c.id}.${d.id}`, depth: 2 });
    expect(rows.get(e.id)).toMatchObject({ path: `${b.id}.${e.id}`, depth: 1 });

    // The API answers from the same rows.
    const listed = await admin().get(`/api/agencies?parentId=${c.id}`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: d.id, path: [b.id, c.id, d.id], depth: 2 })]);

    // A name is unique among the new siblings only: E may leave B taking the name of its sibling C.
    await admin().patch(`/api/agencies/${e.id}`).send({ parentId: a.id, name: c.name }).expect(200);
    expect((await storedRows([e.id])).get(e.id)).toMatchObject({ name: c.name, parent_id: a.id, path: `${a.id}.${e.id}`, depth: 1 });
  });

  it('refuses to move an agency under itself or its descendants, changing nothing', async () => {
    const a = await createAgency('环A', null);
    const b = await createAgency('环B', a);
    const c = await createAgency('环C', b);
    const before = await storedRows([a.id, b.id, c.id]);

    const intoGrandchild = await admin().patch(`/api/agencies/${a.id}`).send({ parentId: c.id }).expect(409);
    expect(intoGrandchild.body).toEqual({ statusCode: 409, code: 'AGENCY_CYCLE', message: '不能把机构移到它自己或它的下级机构之下' });
    await admin().patch(`/api/agencies/${b.id}`).send({ parentId: b.id }).expect(409);
    // The refused request's other changes are not written either.
    await admin().patch(`/api/agencies/${b.id}`).send({ parentId: c.id, name: '不应保存' }).expect(409);

    expect(await storedRows([a.id, b.id, c.id])).toEqual(before);
  });

  it('refuses to delete an agency with children or one still referenced, and deletes a leaf', async () => {
    const parent = await createAgency('父', null);
    const leaf = await createAgency('叶', parent);
    const usedBy = await createAgency('有用户', parent);
    await tokenOf('uploader', { agencyId: usedBy.id });

    const refused = await admin().delete(`/api/agencies/${parent.id}`).expect(409);
    expect(refused.body).toEqual({
      statusCode: 409,
      code: 'AGENCY_HAS_CHILDREN',
      message: '该机构还有 2 个下级机构，请先删除或移走下级机构',
    });
    const inUse = await admin().delete(`/api/agencies/${usedBy.id}`).expect(409);
    expect(inUse.body.code).toBe('AGENCY_IN_USE');
    expect((await storedRows([parent.id, usedBy.id])).size).toBe(2);

    await admin().delete(`/api/agencies/${leaf.id}`).expect(204);
    expect((await storedRows([leaf.id])).size).toBe(0);
    await admin().delete(`/api/agencies/${leaf.id}`).expect(404);
  });

  it('imports a CSV with Chinese headers and labels, children before their parents, then re-imports it', async () => {
    const [province, city, district, town] = [uniqueCode(), uniqueCode(), uniqueCode(), uniqueCode()];
    const csv = [
      '编码,名称,层级,类型,上级编码,起始年度,终止年度',
      `${town},导入镇 ${run},乡镇级,乡镇,${district},2015,`,
      `${district},导入区 ${run},县级,人民政府,${city},,`,
      `${city},导入市 ${run},市级,人民政府,${province},,2030`,
      `${province},导入省 ${run},省级,人民政府,,,`,
    ].join('\r\n');
    const file = Buffer.from(`\ufeff${csv}\r\n`, 'utf8');

    const imported = await importFile(file, '机构.csv').expect(200);
    expect(imported.body).toEqual({ created: 4, updated: 0, unchanged: 0, batches: 1 });

    const rows = await storedByCode([province, city, district, town]);
    const p = rows.get(province);
    const c = rows.get(city);
    const d = rows.get(district);
    const t = rows.get(town);
    expect(p).toMatchObject({ parent_id: null, depth: 0, path: p?.id });
    expect(c).toMatchObject({ parent_id: p?.id, depth: 1, path: `${p?.id}.${c?.id}` });
    expect(d).toMatchObject({ parent_id: c?.id, depth: 2, path: `${p?.id}.${c?.id}.${d?.id}` });
    expect(t).toMatchObject({ parent_id: d?.id, depth: 3, path: `${p?.id}.${c?.id}.${d?.id}.${t?.id}`, name: `导入镇 ${run}` });
    const townBody = (await admin().get(`/api/agencies/${t?.id}`).expect(200)).body as AgencyBody;
    expect(townBody).toMatchObject({ level: 'township', kind: 'town', activeFromYear: 2015, activeToYear: null });

    // The same file again changes nothing.
    expect((await importFile(file, '机构.csv').expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 4, batches: 0 });

    // Upsert by code: move the town under the city and rename it; other rows untouched.
    const moveTown = Buffer.from(
      ['code,name,level,kind,parent_code', `${town},改名镇 ${run},township,town,${city}`, `${city},导入市 ${run},city,government,${province}`].join('\n'),
    );
    expect((await importFile(moveTown, 'move.csv').expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 1, batches: 1 });
    const after = await storedByCode([town, city]);
    expect(after.get(town)).toMatchObject({ name: `改名镇 ${run}`, parent_id: c?.id, depth: 2, path: `${p?.id}.${c?.id}.${t?.id}` });
    // Columns left out of the file keep their stored values.
    const cityBody = (await admin().get(`/api/agencies/${c?.id}`).expect(200)).body as AgencyBody;
    expect(cityBody.activeToYear).toBe(2030);
  });

  it('imports an XLSX written by Excel (English headers, numeric codes, a stored parent)', async () => {
    const parent = await createAgency('XLSX上级', null);
    const numericCode = Number(`9${Date.now() % 1e9}${sequence}`);
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['code', 'name', 'level', 'kind', 'parent_code', 'active_from_year', 'active_to_year']);
    sheet.addRow([numericCode, `表格部门 ${run}`, 'county', 'department', parent.code, 2019, null]);
    sheet.addRow([uniqueCode(), `表格开发区 ${run}`, '其他', '开发区', String(numericCode), null, null]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    expect((await importFile(file, 'agencies.XLSX').expect(200)).body).toEqual({ created: 2, updated: 0, unchanged: 0, batches: 1 });
    const rows = await storedByCode([String(numericCode)]);
    const department = rows.get(String(numericCode));
    expect(department).toMatchObject({ parent_id: parent.id, depth: 1, path: `${parent.id}.${department?.id}` });
    const children = (await admin().get(`/api/agencies?parentId=${department?.id}`).expect(200)).body as AgencyBody[];
    expect(children).toEqual([
      expect.objectContaining({ name: `表格开发区 ${run}`, level: 'other', kind: 'development_zone', depth: 2 }),
    ]);
  });

  it('refuses a file with any bad row, writing nothing, and lists every problem', async () => {
    const stored = await createAgency('已有', null);
    const before = await agencyCount();
    const csv = [
      '编码,名称,层级,类型,上级编码',
      `${uniqueCode()},好的一行 ${run},县级,部门,${stored.code}`,
      `${stored.code},已有改名 ${run},省级,人民政府,`,
      `${uniqueCode()},上级不存在 ${run},县级,部门,NO-SUCH-${run}`,
      `${uniqueCode()},层级错误 ${run},国家级,部门,`,
    ].join('\n');

    const refused = await importFile(Buffer.from(csv), 'bad.csv').expect(422);
    expect(refused.body).toEqual({
      statusCode: 422,
      code: 'AGENCY_IMPORT_INVALID',
      message: '导入文件有 1 处错误，未导入任何数据',
      errors: [{ row: 5, column: 'level', message: expect.stringMatching(/^层级“国家级”无效/) }],
    });
    const fixedLevel = csv.replace('国家级', '县级');
    const refusedAgain = await importFile(Buffer.from(fixedLevel), 'bad.csv').expect(422);
    expect(refusedAgain.body.errors).toEqual([
      { row: 4, column: 'parent_code', message: `上级编码“NO-SUCH-${run}”不存在：文件中和系统中都没有这个编码` },
    ]);

    expect(await agencyCount()).toBe(before);
    expect((await storedRows([stored.id])).get(stored.id)?.name).toBe(stored.name);
  });

  it('refuses uploads that are missing, of another format, unreadable or too large', async () => {
    const missing = await admin().post('/api/agencies/import').send({}).expect(400);
    expect(missing.body.code).toBe('AGENCY_IMPORT_FILE_MISSING');
    const wrongField = await admin().post('/api/agencies/import').attach('upload', Buffer.from('x'), 'a.csv').expect(400);
    expect(wrongField.body.code).toBe('AGENCY_IMPORT_FILE_MISSING');

    const xls = await importFile(Buffer.from('x'), 'old.xls').expect(415);
    expect(xls.body.code).toBe('AGENCY_IMPORT_UNSUPPORTED_FORMAT');

    const notWorkbook = await importFile(Buffer.from('code,name'), 'fake.xlsx').expect(422);
    expect(notWorkbook.body.errors).toEqual([{ row: null, column: null, message: '不是有效的 XLSX 文件，无法读取' }]);

    const tooLarge = await importFile(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 'big.csv').expect(413);
    expect(tooLarge.body).toEqual({ statusCode: 413, code: 'AGENCY_IMPORT_TOO_LARGE', message: '导入文件不能超过 5 MB' });
  });

  describe('scope', () => {
    // s1 ─┬─ s1a ── s1a1        s2 ── s2a
    //     └─ s1b
    let s1: AgencyBody;
    let s1a: AgencyBody;
    let s1a1: AgencyBody;
    let s1b: AgencyBody;
    let s2: AgencyBody;
    let s2a: AgencyBody;
    let oversightToken: string;
    let uploaderToken: string;

    beforeAll(async () => {
      s1 = await createAgency('范围1', null);
      s1a = await createAgency('范围1a', s1, { level: 'city' });
      s1a1 = await createAgency('范围1a1', s1a, { kind: 'department' });
      s1b = await createAgency('范围1b', s1, { level: 'city' });
      s2 = await createAgency('范围2', null);
      s2a = await createAgency('范围2a', s2, { level: 'city' });
      oversightToken = await tokenOf('oversight', { scopeAgencyIds: [s1a.id, s2.id] });
      uploaderToken = await tokenOf('uploader', { agencyId: s1a.id });
    });

    it('shows an oversight user exactly its subtrees, rooted at its scope', async () => {
      const visible = [s1a, s1a1, s2, s2a].map((agency) => agency.id);
      const list = (await as(oversightToken).get('/api/agencies').expect(200)).body as AgencyBody[];
      expect(list.map((agency) => agency.id)).toEqual(visible);

      const tree = (await as(oversightToken).get('/api/agencies/tree').expect(200)).body as TreeNodeBody[];
      expect(tree.map((node) => node.id)).toEqual([s1a.id, s2.id]);
      expect(tree[0]?.children.map((node) => node.id)).toEqual([s1a1.id]);
      expect(tree[1]?.children.map((node) => node.id)).toEqual([s2a.id]);

      await as(oversightToken).get(`/api/agencies/${s1a1.id}`).expect(200);
      for (const hidden of [s1, s1b]) {
        const response = await as(oversightToken).get(`/api/agencies/${hidden.id}`).expect(404);
        expect(response.body.code).toBe('AGENCY_NOT_FOUND');
      }
    });

    it('shows an uploader its own agency only: not its parent, not its children', async () => {
      const list = (await as(uploaderToken).get('/api/agencies').expect(200)).body as AgencyBody[];
      expect(list.map((agency) => agency.id)).toEqual([s1a.id]);
      const tree = (await as(uploaderToken).get('/api/agencies/tree').expect(200)).body as TreeNodeBody[];
      expect(tree).toEqual([{ ...s1a, children: [] }]);
      await as(uploaderToken).get(`/api/agencies/${s1a.id}`).expect(200);
      await as(uploaderToken).get(`/api/agencies/${s1.id}`).expect(404);
      await as(uploaderToken).get(`/api/agencies/${s1a1.id}`).expect(404);
    });

    it('shows an admin every agency, in tree order, and filters', async () => {
      const stored = await testApp.dataSource.query<{ id: string }[]>('SELECT id FROM agency');
      const list = (await admin().get('/api/agencies').expect(200)).body as AgencyBody[];
      const ids = list.map((agency) => agency.id);
      expect(ids).toEqual(expect.arrayContaining(stored.map((row) => row.id)));
      // Tree order: every agency comes after its parent.
      const position = new Map(ids.map((id, index) => [id, index]));
      for (const agency of list) {
        if (agency.parentId) expect(position.get(agency.parentId)).toBeLessThan(position.get(agency.id) ?? -1);
      }
      expect(ids.indexOf(s1a1.id)).toBe(ids.indexOf(s1a.id) + 1);

      const byName = (await admin().get(`/api/agencies?q=${encodeURIComponent(`范围1a ${run}`)}`).expect(200)).body as AgencyBody[];
      expect(byName.map((agency) => agency.id)).toEqual([s1a.id]);
      const byCode = (await admin().get(`/api/agencies?q=${s1a1.code.toLowerCase()}`).expect(200)).body as AgencyBody[];
      expect(byCode.map((agency) => agency.id)).toEqual([s1a1.id]);
      const cities = (await admin().get(`/api/agencies?parentId=${s1.id}&level=city`).expect(200)).body as AgencyBody[];
      expect(cities.map((agency) => agency.id)).toEqual([s1a.id, s1b.id]);
      const departments = (await as(oversightToken).get('/api/agencies?kind=department').expect(200)).body as AgencyBody[];
      expect(departments.map((agency) => agency.id)).toEqual([s1a1.id]);
      await admin().get('/api/agencies?level=state').expect(400);
    });

    it('exports the visible agencies as CSV and XLSX that read back', async () => {
      const csvResponse = await as(oversightToken).get('/api/agencies/export?format=csv').responseType('blob').expect(200);
      expect(csvResponse.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csvResponse.headers['content-disposition']).toMatch(/^attachment; filename="agencies-\d{8}\.csv"$/);
      const csv = csvResponse.body as Buffer;
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csvRows = parseCsv(csv, { bom: true }) as string[][];
      expect(csvRows).toEqual([
        EXPORT_HEADER,
        // The scope root's parent is outside the scope: left blank.
        [s1a.code, s1a.name, '市级', '人民政府', '', '', ''],
        [s1a1.code, s1a1.name, '县级', '部门', s1a.code, '', ''],
        [s2.code, s2.name, '省级', '人民政府', '', '', ''],
        [s2a.code, s2a.name, '市级', '人民政府', s2.code, '', ''],
      ]);

      const xlsxResponse = await as(oversightToken).get('/api/agencies/export?format=xlsx').responseType('blob').expect(200);
      expect(xlsxResponse.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsxResponse.body as ArrayBuffer);
      const xlsxRows: string[][] = [];
      workbook.worksheets[0]?.eachRow((row) => {
        xlsxRows.push(Array.from({ length: EXPORT_HEADER.length }, (_, index) => String(row.getCell(index + 1).value ?? '')));
      });
      expect(xlsxRows).toEqual(csvRows);

      // The admin's export holds the whole tree; importing it back changes nothing.
      const full = await admin().get('/api/agencies/export').responseType('blob').expect(200);
      const fullRows = parseCsv(full.body as Buffer, { bom: true }) as string[][];
      expect(fullRows.map((row) => row[0])).toEqual(expect.arrayContaining([s1.code, s1a.code, s1a1.code, s1b.code]));
      expect(fullRows.find((row) => row[0] === s1a.code)?.[4]).toBe(s1.code);
      const reimport = await importFile(full.body as Buffer, 'agencies.csv').expect(200);
      expect(reimport.body).toMatchObject({ created: 0, updated: 0 });
    });

    it('writes a name that a spreadsheet would run as a formula as text, and reads it back', async () => {
      const hostile = await createAgency('=HYPERLINK("http://evil.example","点我")', null, { name: `=HYPERLINK("http://evil.example","点我${run}")` });
      const csv = (await admin().get('/api/agencies/export?format=csv').responseType('blob').expect(200)).body as Buffer;
      const row = (parseCsv(csv, { bom: true }) as string[][]).find((cells) => cells[0] === hostile.code);
      expect(row?.[1]).toBe(`'${hostile.name}`);
      const reimport = await importFile(csv, 'agencies.csv').expect(200);
      expect(reimport.body).toMatchObject({ created: 0, updated: 0 });
      expect((await storedRows([hostile.id])).get(hostile.id)?.name).toBe(hostile.name);
    });

    it('lets only admins write and only admins and oversight users export', async () => {
      for (const token of [oversightToken, uploaderToken]) {
        await as(token)
          .post('/api/agencies')
          .send({ code: uniqueCode(), name: '禁止', level: 'county', kind: 'town' })
          .expect(403);
        await as(token).patch(`/api/agencies/${s1a.id}`).send({ name: '禁止' }).expect(403);
        await as(token).delete(`/api/agencies/${s1a1.id}`).expect(403);
        await importFile(Buffer.from('code,name,level,kind\nX,禁止,county,town\n'), 'a.csv', token).expect(403);
      }
      await as(uploaderToken).get('/api/agencies/export').expect(403);
      await request(server()).get('/api/agencies').expect(401);
      expect((await storedRows([s1a.id])).get(s1a.id)?.name).toBe(s1a.name);
    });
  });

  it('serves other modules: lookups, names from the root, scope checks and deletion refusals', async () => {
    const agencies = testApp.app.get(AgenciesService);
    const root = await createAgency('服务根', null);
    const child = await createAgency('服务子', root);
    const grandchild = await createAgency('服务孙', child);
    const outside = await createAgency('服务外', null);

    expect(await agencies.findByCode(child.code)).toEqual(child);
    expect(await agencies.findById('not-a-uuid')).toBeNull();
    expect(await agencies.describe(grandchild.id)).toEqual({
      id: grandchild.id,
      code: grandchild.code,
      name: grandchild.name,
      pathNames: [root.name, child.name, grandchild.name],
    });
    expect((await agencies.subtreeIds([child.id, outside.id])).sort()).toEqual([child.id, grandchild.id, outside.id].sort());
    expect(await agencies.isWithin(grandchild.id, [root.id])).toBe(true);
    expect(await agencies.isWithin(root.id, [child.id])).toBe(false);
    const oversight = { role: 'oversight' as const, agencyId: null, scopeAgencyIds: [child.id] };
    expect((await agencies.visibleAgencyIds(oversight)).sort()).toEqual([child.id, grandchild.id].sort());
    await expect(agencies.assertVisible(oversight, root.id)).rejects.toMatchObject({ status: 404 });

    agencies.registerDeletionCheck(async (agency) => (agency.id === outside.id ? '该单位已有年报，不能删除' : null));
    const refused = await admin().delete(`/api/agencies/${outside.id}`).expect(409);
    expect(refused.body).toEqual({ statusCode: 409, code: 'AGENCY_IN_USE', message: '该单位已有年报，不能删除' });
    await admin().delete(`/api/agencies/${grandchild.id}`).expect(204);
  });

  it('documents every route in OpenAPI', async () => {
    const document = await request(server()).get('/api/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/agencies', '/api/agencies/tree', '/api/agencies/export', '/api/agencies/import', '/api/agencies/{id}']),
    );
  });
});
