import { generateReport, narrativeText, renderReportText, SeededRandom } from '@atlas/demo-data';
import type {
  ComplianceDto,
  OverviewDto,
  QualityDto,
  QualityItem,
  RectificationNotice,
} from '@atlas/api-contract';
import { Workbook } from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { adminToken, tokenFor, type TestUser } from './support/auth';
import { bootTestApp, type TestApp } from './support/test-app';
import { insertAgency, jiyuanFor, setTable3Row } from './reports-fixtures';

/*
 * The 通报 of a county's 2023 reports, downloaded as DOCX and XLSX and read back: its tables
 * must say what the API's own answers say (overview, compliance, quality), name the reports the
 * world below was built to have, and carry the charts as real PNG images.
 *
 *   通报测试县 (R, government, no report: missing)
 *   ├── 甲局 (A)  on time, its own text
 *   ├── 乙局 (B)  on time, A's text with its name and numbers changed: N.COPIED
 *   ├── 丙局 (C)  late, table 3 unbalanced: failing
 *   ├── 丁局 (D)  late, no error (C's text: copied too)
 *   └── 戊局 (E)  no report: missing
 *
 * C has an open rectification notice; D's closed when the office accepted D's explanation.
 */

const YEAR = 2023;
const DUE_DATE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** Word's text of a body: its paragraphs and tables in order, tables as rows of cell texts. */
type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] };

function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? '')
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function documentBlocks(docx: Buffer): { blocks: Block[]; files: Record<string, Uint8Array> } {
  const files = unzipSync(new Uint8Array(docx));
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  const body = xml.slice(xml.indexOf('<w:body>'), xml.indexOf('</w:body>'));
  const blocks: Block[] = [];
  // Tables do not nest here; a table's paragraphs are taken with it.
  for (const match of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const part = match[0];
    if (part.startsWith('<w:tbl>')) {
      const rows = [...part.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
        [...row[0].matchAll(/<w:tc[ >][\s\S]*?<\/w:tc>/g)].map((cell) => xmlText(cell[0])),
      );
      blocks.push({ kind: 'table', rows });
    } else {
      blocks.push({ kind: 'p', text: xmlText(part) });
    }
  }
  return { blocks, files };
}

/** The section under each heading: its table's rows (header first), or its one sentence. */
function sections(blocks: Block[]): Map<string, string[][] | string> {
  const found = new Map<string, string[][] | string>();
  blocks.forEach((block, i) => {
    if (block.kind !== 'p' || !/^[一二三四五六七八九十]+、/.test(block.text)) return;
    const next = blocks[i + 1];
    found.set(block.text, next?.kind === 'table' ? next.rows : (next?.text ?? ''));
  });
  return found;
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('通报 (bulletins, real PostgreSQL)', () => {
  let testApp: TestApp;
  let admin: TestUser;
  let oversight: TestUser;
  const server = () => testApp.app.getHttpServer();
  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const ids = { R: '', A: '', B: '', C: '', D: '', E: '' };

  async function submit(agencyId: string, text: string): Promise<string> {
    const upload = await request(server())
      .post('/api/reports')
      .set(auth(admin))
      .send({ agencyId, year: YEAR, text })
      .expect(201);
    const id = (upload.body as { id: string }).id;
    await request(server()).post(`/api/reports/${id}/submit`).set(auth(admin)).expect(200);
    return id;
  }

  function generated(seed: number, overview: string): string {
    const report = generateReport(new SeededRandom(seed), {
      year: YEAR,
      activity: 2,
      agencyName: '测试单位',
    });
    report.narrative.overview = overview;
    return renderReportText(report);
  }

  const analytics = <T>(path: string, query: Record<string, unknown>) =>
    request(server())
      .get(`/api/analytics/${path}`)
      .set(auth(oversight))
      .query({ scope: ids.R, ...query })
      .expect(200)
      .then((response) => response.body as T);

  const bulletin = (user: TestUser, query: Record<string, unknown>, year = YEAR) =>
    request(server())
      .get(`/api/bulletins/${year}`)
      .set(auth(user))
      .query(query)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    testApp = await bootTestApp();
    admin = { id: '', token: await adminToken(testApp) } as TestUser;
    // Common wording is learned from the year's reports (N.COPIED judges nothing with fewer
    // than twenty): twenty agencies elsewhere wrote theirs from the same set phrases.
    const elsewhere = await insertAgency(testApp, null, '通报别处县');
    for (let i = 0; i < 20; i++) {
      const agencyId = await insertAgency(testApp, elsewhere, `别处单位${i}`, 'department');
      await request(server())
        .post('/api/reports')
        .set(auth(admin))
        .send({
          agencyId,
          year: YEAR,
          text: generated(
            100 + i,
            narrativeText(new SeededRandom(500 + i), `别处单位${i}`, YEAR).overview,
          ),
        })
        .expect(201);
    }

    ids.R = await insertAgency(testApp, null, '通报测试县');
    for (const [key, name] of [
      ['A', '甲局'],
      ['B', '乙局'],
      ['C', '丙局'],
      ['D', '丁局'],
      ['E', '戊局'],
    ] as const) {
      ids[key] = await insertAgency(testApp, ids.R, name, 'department');
    }
    // On time for the county, except C and D, whose deadline is long past.
    for (const [agencyId, dueDate] of [
      [ids.R, '2099-01-31'],
      [ids.C, '2024-01-31'],
      [ids.D, '2024-01-31'],
    ] as const) {
      await request(server())
        .put('/api/deadlines')
        .set(auth(admin))
        .send({ year: YEAR, agencyId, dueDate })
        .expect(200);
    }
    const original = narrativeText(new SeededRandom(11), '甲局', YEAR).overview;
    await submit(ids.A, generated(1, original));
    let shift = 0;
    const copy = original
      .replaceAll('甲局', '乙局')
      .replace(/\d+/g, (digits) => String(Number(digits) + 5 + shift++));
    await submit(ids.B, generated(3, copy));
    const unbalanced = setTable3Row(jiyuanFor(YEAR), '四、结转下年度', [9, 0, 0, 0, 0, 0, 9]);
    const reportC = await submit(ids.C, unbalanced);
    const reportD = await submit(ids.D, jiyuanFor(YEAR));

    oversight = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.R] });
    // Rectification: C is told to fix its unbalanced table (open); D explains a warning, the
    // office accepts, and D's notice closes.
    const keyOf = async (reportId: string, severity: string) => {
      const answer = await request(server())
        .get('/api/explanations')
        .set(auth(oversight))
        .query({ reportId })
        .expect(200);
      const findings = (
        answer.body as { findings: { key: string; severity: string; rule: string }[] }
      ).findings;
      const found = findings.find((f) => f.severity === severity);
      if (!found) throw new Error(`no ${severity} among ${findings.map((f) => f.rule).join(', ')}`);
      return found.key;
    };
    const sendNotice = (reportId: string, findingKey: string) =>
      request(server())
        .post('/api/rectifications')
        .set(auth(oversight))
        .send({ dueDate: DUE_DATE, findings: [{ reportId, findingKey }] })
        .expect(201);
    await sendNotice(reportC, await keyOf(reportC, 'error'));
    const warningKey = await keyOf(reportD, 'warning');
    await sendNotice(reportD, warningKey);
    const clerkD = await tokenFor(testApp, { role: 'uploader', agencyId: ids.D });
    const written = await request(server())
      .put('/api/explanations')
      .set(auth(clerkD))
      .send({ reportId: reportD, findingKey: warningKey, text: '统计口径调整：含来信咨询件数' })
      .expect(200);
    await request(server())
      .post(`/api/explanations/${(written.body as { id: string }).id}/decision`)
      .set(auth(oversight))
      .send({ accept: true })
      .expect(200);
  }, 300_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('writes a DOCX whose tables are the API’s answers, with the charts as PNG images', async () => {
    const response = await bulletin(oversight, { scope: ids.R, format: 'docx' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toContain(
      encodeURIComponent('通报测试县2023年度政府信息公开年报情况通报.docx'),
    );
    const { blocks, files } = documentBlocks(response.body as Buffer);
    const found = sections(blocks);
    expect(blocks[0]).toEqual({
      kind: 'p',
      text: '关于通报测试县2023年度政府信息公开工作年度报告情况的通报',
    });

    // The API's own answers for the same caller, region and year.
    const overview = await analytics<OverviewDto>('overview', { year: YEAR });
    const compliance = await analytics<ComplianceDto>('compliance', {
      fromYear: YEAR,
      toYear: YEAR,
      by: 'child',
      limit: 500,
    });
    const quality = await analytics<QualityDto>('quality', { year: YEAR, limit: 500 });
    const copied = await analytics<QualityDto>('quality', {
      year: YEAR,
      rule: 'N.COPIED',
      limit: 500,
    });
    const codesOf = (items: QualityItem[]) => items.map((item) => item.agency.code);
    const bodyOf = (title: string) => {
      const section = found.get(title);
      expect(Array.isArray(section)).toBe(true);
      return (section as string[][]).slice(1);
    };
    const codeById = new Map(quality.items.map((item) => [item.agency.id, item.agency.code]));

    // 一、总体情况: the overview's submissions.
    const summary = new Map(bodyOf('一、总体情况').map(([label, value]) => [label, value]));
    const s = overview.submissions;
    expect(summary.get('应报送年报（份）')).toBe(String(s.expected));
    expect(summary.get('已报送年报（份）')).toBe(String(s.submitted));
    expect(summary.get('按时报送（份）')).toBe(String(s.onTime));
    expect(summary.get('逾期报送（份）')).toBe(String(s.late));
    expect(summary.get('未报送（份）')).toBe(String(s.missing));
    expect(summary.get('存在错误的年报（份）')).toBe(String(s.withErrors));
    expect(summary.get('内容雷同的年报（份）')).toBe(String(copied.items.length));
    // …which are what the county was built to have: 6 expected, 4 submitted, 2 late, R and E missing.
    expect(s).toMatchObject({ expected: 6, submitted: 4, onTime: 2, late: 2, missing: 2 });
    const received = overview.kpis.find((k) => k.metric.key === 'applicationsReceived');
    expect(summary.get(`${received?.metric.nameZh}（件）`)).toBe(String(received?.value));

    // 二、各地区报送情况: the compliance rows of the year.
    expect(bodyOf('二、各地区报送情况').map((row) => row.slice(0, 6))).toEqual(
      compliance.rows
        .map((row) => ({ name: row.name, cell: row.years[0] }))
        .filter(({ cell }) => cell && cell.status !== 'not-expected')
        .map(({ name, cell }) =>
          [name, cell?.expected, cell?.submitted, cell?.onTime, cell?.late, cell?.missing].map(
            String,
          ),
        ),
    );

    // 四、逾期: every late report, failing or not, once (a late report with warnings is listed by
    // the quality answer both as late and as a warning), most days late first.
    const late = new Set(
      quality.items
        .filter((item) => item.reportId && item.onTime === false)
        .map((i) => i.agency.code),
    );
    expect(
      bodyOf('四、逾期报送的单位')
        .map((row) => row[0])
        .sort(),
    ).toEqual([...late].sort());
    expect(
      bodyOf('四、逾期报送的单位')
        .map((row) => row[1])
        .sort(),
    ).toEqual(['丁局', '丙局']);
    // 五、未报送.
    expect(bodyOf('五、未报送年报的单位').map((row) => row[0])).toEqual(
      codesOf(quality.items.filter((item) => item.type === 'missing')),
    );
    expect(
      bodyOf('五、未报送年报的单位')
        .map((row) => row[1])
        .sort(),
    ).toEqual(['戊局', '通报测试县']);
    // 六、存在错误: the failing reports with their error counts.
    const failing = quality.items.filter((item) => item.type === 'failing');
    expect(bodyOf('六、存在错误的年报').map((row) => row.slice(0, 3))).toEqual(
      failing.map((item) => [item.agency.code, item.agency.name, String(item.errorCount)]),
    );
    expect(failing.map((item) => item.agency.id)).toEqual([ids.C]);
    expect(bodyOf('六、存在错误的年报')[0]?.[3]).toContain('T3.BALANCE');
    // 七、内容雷同: the reports with N.COPIED.
    expect(bodyOf('七、内容雷同的年报').map((row) => row[0])).toEqual(codesOf(copied.items));
    // B copied A (A, written first, is not the copy); D's text is C's (both the 济源 report).
    const copiedIds = copied.items.map((item) => item.agency.id);
    expect(copiedIds).toContain(ids.B);
    expect(copiedIds).not.toContain(ids.A);
    const copiedB = bodyOf('七、内容雷同的年报').find((row) => row[1] === '乙局');
    expect(copiedB?.[2]).toContain('雷同');
    expect(copiedB?.[0]).toBe(codeById.get(ids.B));

    // 八、九: the region's rectification notices, as GET /api/rectifications lists them.
    const notices = (
      await request(server())
        .get('/api/rectifications')
        .set(auth(oversight))
        .query({ scope: ids.R, year: YEAR })
        .expect(200)
    ).body as RectificationNotice[];
    const noticeRow = (n: RectificationNotice) => [
      [...n.regionNames, n.agencyName].join(' / '),
      n.dueDate,
      `${n.itemCount - n.openItemCount}/${n.itemCount}`,
    ];
    const shown = (rows: string[][]) => rows.map((row) => [row[0], row[2], row[3]]);
    expect(shown(bodyOf('八、整改中的通知'))).toEqual(
      notices.filter((n) => n.status !== 'closed').map(noticeRow),
    );
    expect(shown(bodyOf('九、已完成整改的通知'))).toEqual(
      notices.filter((n) => n.status === 'closed').map(noticeRow),
    );
    expect(bodyOf('八、整改中的通知')).toEqual([
      ['通报测试县 / 丙局', '整改中', DUE_DATE, '0/1', '—'],
    ]);
    expect(bodyOf('九、已完成整改的通知')).toEqual([
      [
        '通报测试县 / 丁局',
        '已办结',
        DUE_DATE,
        '1/1',
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      ],
    ]);

    // The charts: three PNG images of real size, not blank.
    const images = Object.entries(files).filter(([name]) => name.startsWith('word/media/'));
    expect(images).toHaveLength(3);
    for (const [name, bytes] of images) {
      expect(name).toMatch(/\.png$/);
      expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      expect(pngSize(bytes).width).toBeGreaterThanOrEqual(1000);
      expect(bytes.length).toBeGreaterThan(10_000);
    }
    expect(
      blocks.some((b) => b.kind === 'p' && b.text.startsWith('图1 2023年度年报报送情况')),
    ).toBe(true);

    // Audited.
    const [entry] = await testApp.dataSource.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit_log WHERE action = 'bulletin.export' AND target_id = $1
        ORDER BY id DESC LIMIT 1`,
      [ids.R],
    );
    expect(entry?.details).toMatchObject({ year: YEAR, format: 'docx', region: '通报测试县' });
  }, 300_000);

  it('writes the same tables as an XLSX workbook, one sheet each', async () => {
    const docx = documentBlocks(
      (await bulletin(oversight, { scope: ids.R, format: 'docx' }).expect(200)).body as Buffer,
    );
    const response = await bulletin(oversight, { scope: ids.R, format: 'xlsx' }).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const found = sections(docx.blocks);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      [...found.keys()].map((title) => title.replace(/^[一二三四五六七八九十]+、/, '')),
    );
    for (const [title, section] of found) {
      const sheet = workbook.getWorksheet(title.replace(/^[一二三四五六七八九十]+、/, ''));
      const rows: string[][] = [];
      sheet?.eachRow((row) =>
        rows.push(
          (row.values as unknown[])
            .slice(1)
            .map((v) => (v === null || v === undefined ? '' : String(v))),
        ),
      );
      expect(rows[0]?.[0]).toBe(title);
      if (typeof section === 'string') {
        expect(rows[2]?.[0]).toBe(section);
      } else {
        expect(rows.slice(1).map((row) => row.map((cell) => (cell === '' ? '—' : cell)))).toEqual(
          section.map((row) => row.map((cell) => cell)),
        );
      }
    }
  }, 300_000);

  it('is for oversight and admins only, and refuses bad input in Chinese', async () => {
    const uploader = await tokenFor(testApp, { role: 'uploader', agencyId: ids.A });
    await bulletin(uploader, { scope: ids.A, format: 'xlsx' }).expect(403);
    const elsewhere = await tokenFor(testApp, { role: 'oversight', scopeAgencyIds: [ids.A] });
    const hidden = await request(server())
      .get(`/api/bulletins/${YEAR}`)
      .set(auth(elsewhere))
      .query({ scope: ids.R, format: 'xlsx' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('AGENCY_NOT_FOUND');
    const badFormat = await request(server())
      .get(`/api/bulletins/${YEAR}`)
      .set(auth(oversight))
      .query({ scope: ids.R, format: 'pdf' });
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(badFormat.body)).toContain('format 应为 docx 或 xlsx');
    const badYear = await request(server()).get('/api/bulletins/1999').set(auth(oversight));
    expect(badYear.status).toBe(400);
    expect(JSON.stringify(badYear.body)).toContain('year 应为');
  }, 60_000);
});
