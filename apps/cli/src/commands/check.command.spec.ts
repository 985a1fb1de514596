import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyReport, type Report2021 } from '@atlas/report-model';
import { runCli } from '../program';

const CORPUS = join(__dirname, '../../../../../shared/corpus');

function capture() {
  const buffers = { out: '', err: '' };
  return {
    buffers,
    io: { out: (t: string) => (buffers.out += t), err: (t: string) => (buffers.err += t) },
  };
}

describe('atlas check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function reportFile(name: string, edit: (report: Report2021) => void) {
    const report = emptyReport('2021');
    edit(report);
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(report));
    return file;
  }

  it('prints the findings as JSON and exits 0 even when rules are broken', async () => {
    const file = await reportFile('broken.json', (report) => {
      report.year = 2023;
      report.applications.newReceived.naturalPerson = 21;
      report.applications.newReceived.total = 21;
    });
    const { io, buffers } = capture();
    expect(await runCli(['check', file], io)).toBe(0);
    const result = JSON.parse(buffers.out) as {
      year: number;
      findings: { rule: string; cells: string[] }[];
    };
    expect(result.year).toBe(2023);
    const balance = result.findings.filter((finding) => finding.rule === 'T3.BALANCE');
    expect(balance.map((finding) => finding.cells[0])).toEqual([
      'applications.newReceived.naturalPerson',
      'applications.newReceived.total',
    ]);
  });

  it('runs the cross-report checks against --previous', async () => {
    const previous = await reportFile('2022.json', (report) => {
      report.year = 2022;
      report.applications.carriedForward.naturalPerson = 3;
      report.applications.carriedForward.total = 3;
      report.applications.newReceived.naturalPerson = 3;
      report.applications.newReceived.total = 3;
    });
    const current = await reportFile('2023.json', (report) => {
      report.year = 2023;
    });
    const { io, buffers } = capture();
    expect(await runCli(['check', current, '--previous', previous, '--format', 'text'], io)).toBe(
      0,
    );
    expect(buffers.out).toContain('X.CARRY');
    expect(buffers.out).toMatch(/2 个错误/);
  });

  it.each([
    ['missing.json', '找不到文件'],
    ['not-json.json', '不是合法的 JSON'],
    ['not-report.json', '不是规范化报告'],
  ])('exits 2 with one clear line for %s', async (name, message) => {
    if (name === 'not-json.json') await writeFile(join(dir, name), '{oops');
    if (name === 'not-report.json')
      await writeFile(join(dir, name), JSON.stringify({ formatVersion: '2021', proactive: {} }));
    const { io, buffers } = capture();
    expect(await runCli(['check', join(dir, name)], io)).toBe(2);
    expect(buffers.err).toContain(message);
    expect(buffers.err.trim().split('\n')).toHaveLength(1);
  });

  const corpusFile = join(CORPUS, 'hongze-2023', 'expected.json');
  (existsSync(corpusFile) ? it : it.skip)(
    'finds the T4.TOTAL break the hongze-2023 report prints',
    async () => {
      const { io, buffers } = capture();
      expect(await runCli(['check', corpusFile], io)).toBe(0);
      const rules = (JSON.parse(buffers.out) as { findings: { rule: string }[] }).findings.map(
        (f) => f.rule,
      );
      expect(rules).toContain('T4.TOTAL');
      expect(rules.filter((rule) => rule.startsWith('T3.'))).toEqual([]);
    },
  );
});
