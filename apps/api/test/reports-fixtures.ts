import { AgenciesService } from '../src/modules/agencies/agencies.service';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import type { AgencyKind } from '@atlas/api-contract';
import type { TestApp } from './support/test-app';

/** Shared by the reports integration specs: the corpus, texts built from it, agencies, row counts. */

/** The shared corpus sits next to the repository: <repo>/../shared/corpus. */
export const CORPUS_DIR = resolve(__dirname, '../../../../shared/corpus');

export function corpusFile(relativePath: string): Buffer | null {
  const path = join(CORPUS_DIR, relativePath);
  return existsSync(path) ? readFileSync(path) : null;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const JIYUAN_TEXT = corpusFile('jiyuan-etdz-2023/source.txt')?.toString('utf8') ?? null;

/** The founding example (济源经开区 2023, 200 cells, no findings); required by these specs. */
export function jiyuanText(): string {
  if (JIYUAN_TEXT === null)
    throw new Error(`corpus missing: ${CORPUS_DIR}/jiyuan-etdz-2023/source.txt`);
  return JIYUAN_TEXT;
}

/** Replaces the seven numbers (六类申请人 + 总计) of the table-3 row whose line contains `label`. */
export function setTable3Row(text: string, label: string, values: readonly number[]): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(label));
  if (index < 0) throw new Error(`no row ${label}`);
  const parts = (lines[index] ?? '').split('\t');
  const numeric = parts.flatMap((part, position) => (/^\d+$/.test(part.trim()) ? [position] : []));
  numeric.slice(-7).forEach((position, i) => (parts[position] = String(values[i])));
  lines[index] = parts.join('\t');
  return lines.join('\n');
}

/**
 * The jiyuan report moved to another year and given a note, so each call yields different bytes
 * (a different SHA-256) with the same numbers.
 */
export function jiyuanFor(year: number, note: string = randomUUID()): string {
  return `${jiyuanText().replaceAll('2023', String(year))}\n备注：${note}\n`;
}

/**
 * A balanced report on `year` that carries one application (自然人) forward into the next year:
 * 3 received, 1 granted, 1 not held, 1 carried forward.
 */
export function reportCarryingOneForward(year: number): string {
  let text = jiyuanFor(year).replace('共收到政府信息公开申请 2 件', '共收到政府信息公开申请 3 件');
  text = setTable3Row(text, '一、本年新收', [3, 0, 0, 0, 0, 0, 3]);
  text = setTable3Row(text, '四、结转下年度', [1, 0, 0, 0, 0, 0, 1]);
  return text;
}

/** Without its title and reporting period, the year is only guessed from the body. */
export function withoutFirmYear(text: string): string {
  return text.replace(/^.*年度报告\s*$/m, '').replace(/本报告数据统计时间为[^。]*。/, '');
}

export interface AgencyTree {
  /** A region root, e.g. a city. */
  region: string;
  /** Two agencies under it. */
  agencyA: string;
  agencyB: string;
  /** A root elsewhere. */
  outsideRoot: string;
}

/** An agency row straight in the database, below `parentId` (or a root). */
export async function insertAgency(
  testApp: TestApp,
  parentId: string | null,
  name = `单位 ${randomUUID().slice(0, 8)}`,
  kind: AgencyKind = 'government',
): Promise<string> {
  const id = randomUUID();
  const [parent] = parentId
    ? await testApp.dataSource.query<{ path: string; depth: number }[]>(
        'SELECT path, depth FROM agency WHERE id = $1',
        [parentId],
      )
    : [];
  await testApp.dataSource.query(
    `INSERT INTO agency (id, code, name, level, kind, parent_id, path, depth)
     VALUES ($1, $2, $3, 'county', $7, $4, $5, $6)`,
    [
      id,
      `R${id.slice(0, 8)}`,
      name,
      parentId,
      parent ? `${parent.path}.${id}` : id,
      parent ? parent.depth + 1 : 0,
      kind,
    ],
  );
  await testApp.app.get(AgenciesService).publishTree();
  return id;
}

export async function createAgencyTree(testApp: TestApp): Promise<AgencyTree> {
  const region = await insertAgency(testApp, null, `测试市 ${randomUUID().slice(0, 6)}`);
  return {
    region,
    // Kinds matter: 条例 第四十九条 gives a government's own report until 31 March, others 31 January.
    agencyA: await insertAgency(testApp, region, '济源经济技术开发区管理办公室', 'development_zone'),
    agencyB: await insertAgency(testApp, region, '另一单位', 'department'),
    outsideRoot: await insertAgency(testApp, null, `外市 ${randomUUID().slice(0, 6)}`),
  };
}

/** Rows of every reports table plus the audit log: a refused write must leave them as they were. */
export async function countRows(testApp: TestApp): Promise<Record<string, number>> {
  const tables = [
    'report',
    'report_file',
    'report_version',
    'report_version_cells',
    'report_correction',
    'report_event',
    'audit_log',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

/** Pastes text as JSON. */
export function pasteReport(testApp: TestApp, token: string, body: Record<string, unknown>) {
  return request(testApp.app.getHttpServer())
    .post('/api/reports')
    .set('Authorization', `Bearer ${token}`)
    .send(body);
}

/** Uploads a file as multipart/form-data. */
export function uploadFile(
  testApp: TestApp,
  token: string,
  fields: { agencyId: string; year: number | string },
  content: Buffer,
  fileName: string,
) {
  return request(testApp.app.getHttpServer())
    .post('/api/reports')
    .set('Authorization', `Bearer ${token}`)
    .field('agencyId', fields.agencyId)
    .field('year', String(fields.year))
    .attach('file', content, fileName);
}
