import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../program';

const CORPUS = join(__dirname, '../../../../../shared/corpus');
const corpusIt = existsSync(CORPUS) ? it : it.skip;
const jiyuan = join(CORPUS, 'jiyuan-etdz-2023', 'source.txt');
const pingtan = join(CORPUS, 'pingtan-2022', 'source.txt');

function capture() {
  const buffers = { out: '', err: '' };
  return {
    buffers,
    io: { out: (t: string) => (buffers.out += t), err: (t: string) => (buffers.err += t) },
  };
}

describe('atlas parse', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-parse-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  corpusIt('prints one canonical report as JSON', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['parse', jiyuan], io)).toBe(0);
    const report = JSON.parse(buffers.out) as {
      schema: string;
      year: number;
      applications: { newReceived: { total: number } };
      provenance?: unknown;
    };
    expect(report.schema).toBe('atlas.report/v1');
    expect(report.year).toBe(2023);
    expect(report.applications.newReceived.total).toBe(2);
    expect(report.provenance).toBeUndefined();
  });

  corpusIt('prints an array for several files and adds provenance on request', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['parse', jiyuan, pingtan, '--provenance'], io)).toBe(0);
    const reports = JSON.parse(buffers.out) as {
      year: number;
      provenance: Record<string, { raw: string }>;
    }[];
    expect(reports.map((report) => report.year)).toEqual([2023, 2022]);
    expect(reports[0]?.provenance['applications.newReceived.total']?.raw).toBe('2');
  });

  corpusIt('prints tables and findings for a person', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['parse', jiyuan, '--format', 'text'], io)).toBe(0);
    expect(buffers.out).toContain('表三');
    expect(buffers.out).toContain('济源经济技术开发区管理办公室');
    expect(buffers.out).toContain('未发现问题');
  });

  it.each([
    ['empty.txt', '', '文件为空'],
    [
      'garbage.bin',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      '无法识别的文件类型',
    ],
    ['page.html', '<html><body><p>通知公告</p></body></html>', '不是政府信息公开工作年度报告'],
    [
      'old.doc',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      '不支持旧版 Word/Excel 文件',
    ],
  ])('exits 2 with one clear line for %s', async (name, content, message) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const { io, buffers } = capture();
    expect(await runCli(['parse', file], io)).toBe(2);
    expect(buffers.err).toContain(message);
    expect(buffers.err).toMatch(/ \/ [A-Za-z]/); // the English half
    expect(buffers.err.trim().split('\n')).toHaveLength(1);
    expect(buffers.out).toBe('');
  });

  corpusIt('still prints the readable files when another cannot be read, and exits 2', async () => {
    const { io, buffers } = capture();
    expect(await runCli(['parse', jiyuan, join(dir, 'missing.pdf')], io)).toBe(2);
    expect(JSON.parse(buffers.out)).toHaveLength(1);
    expect(buffers.err).toContain('找不到文件');
  });
});
