import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeScores } from '@atlas/report-samples';
import { benchAccuracy, meetsTargets, parseOutcome } from './accuracy-bench';

describe('accuracy bench', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'atlas-accuracy-spec-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('scores every document of each path asked for, keeps them with their truth, then the corpus', async () => {
    const keepDir = join(work, 'kept');
    const { rows } = await benchAccuracy({
      paths: ['html-cms', 'markdown-ocr'],
      count: 2,
      seed: 1,
      corpusDir: join(work, 'no-corpus'),
      keepDir,
    });
    expect(rows.map((row) => row.path)).toEqual(['html-cms', 'markdown-ocr', 'corpus']);
    for (const row of rows.slice(0, 2)) {
      expect(row.summary.documents).toBe(2);
      expect(row.summary.right + row.summary.flagged + row.summary.wrong).toBe(row.summary.cells);
    }
    expect((await readdir(join(keepDir, 'html-cms'))).sort()).toEqual([
      'report-1.html',
      'report-1.html.truth.json',
      'report-2.html',
      'report-2.html.truth.json',
    ]);
    expect(rows[2]?.summary.documents).toBe(0);
  }, 60_000);

  it('tells a refusal (ParseError) from a bug', async () => {
    const empty = await parseOutcome(new Uint8Array(), 'empty.txt');
    expect(empty.outcome.kind).toBe('parse-error');
  });

  it('meets the targets only with ≥ 99.9 % cells right, no false alarm, no missed defect', () => {
    const perfect = { ...summarizeScores([]), cells: 1000, right: 1000, rightPercent: 100 };
    expect(meetsTargets(perfect)).toBe(true);
    expect(meetsTargets({ ...perfect, right: 998, rightPercent: 99.8 })).toBe(false);
    expect(meetsTargets({ ...perfect, falseAlarms: 1 })).toBe(false);
    expect(meetsTargets({ ...perfect, missedDefects: 1 })).toBe(false);
  });
});
