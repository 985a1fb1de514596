import { createFinding, getCell, setCell, type CanonicalReport } from '@atlas/report-model';
import { reprintSample } from '../paths/sample-paths';
import { generateRandomReport, type RandomReport } from '../random/random-report';
import { encodeText, renderWebPageLine } from '../render-text';
import { createRenderTools } from '../tools/render-tools';
import { truthOfGenerated } from './truth';
import { provenUndecided, type Reprint } from './undecided';

const PROJECTS = 'proactive.procurement.projects';
const AMOUNT = 'proactive.procurement.amount';

/** A report (2019 format) whose 政府集中采购 row prints as "123": 12 | 3 or 1 | 23. */
function withProcurement(seed: number, defect: 'T4.TOTAL' | null = null): RandomReport {
  const generated = generateRandomReport(seed, { shape: '2019', defect });
  setCell(generated.report, PROJECTS, 12);
  setCell(generated.report, AMOUNT, 3);
  return generated;
}

/** The truth as the parser read it, with an F.AMBIGUOUS offering the given readings. */
function parsedWith(report: CanonicalReport, candidates: number[][]) {
  const parsed = structuredClone(report);
  parsed.findings = [createFinding('F.AMBIGUOUS', [PROJECTS, AMOUNT], 'two cuts', { candidates })];
  return { kind: 'parsed' as const, report: parsed };
}

describe('provenUndecided', () => {
  const tools = createRenderTools({ template: null });
  afterAll(() => tools.close());
  const reprint =
    (seed: number): Reprint =>
    (witness) =>
      reprintSample('text-webpage-run', seed, witness, tools);

  /** The web-page line of a report whose 政府集中采购 prints "123", offered these readings. */
  async function proveFromOffered(candidates: number[][]) {
    const generated = withProcurement(11);
    const truth = truthOfGenerated(generated);
    const document = encodeText(renderWebPageLine(generated));
    return provenUndecided(
      generated,
      truth,
      document,
      parsedWith(truth.report, candidates),
      reprint(11),
    );
  }

  it('proves cells undecided by a second reading printed to the same bytes', async () => {
    const undecided = await proveFromOffered([
      [12, 3],
      [1, 23],
    ]);
    expect(undecided.cells.sort()).toEqual([AMOUNT, PROJECTS]);
    expect(undecided.defects).toEqual([]);
  });

  it('proves nothing from a reading that prints differently', async () => {
    expect(
      await proveFromOffered([
        [12, 3],
        [13, 3],
      ]),
    ).toEqual({ cells: [], defects: [] });
  });

  it('proves nothing from a witness that breaks a rule the truth keeps', async () => {
    const generated = withProcurement(12);
    const truth = truthOfGenerated(generated);
    const parsed = structuredClone(truth.report);
    parsed.applications.granted.naturalPerson += 5;
    // Whatever the printing, a witness with a broken row sum is a worse reading, not an equal one.
    const samePrint: Reprint = async () => new Uint8Array([1]);
    const undecided = await provenUndecided(
      generated,
      truth,
      new Uint8Array([1]),
      { kind: 'parsed', report: parsed },
      samePrint,
    );
    expect(undecided).toEqual({ cells: [], defects: [] });
  });

  it('finds a planted defect invisible when a consistent witness prints the same', async () => {
    const generated = withProcurement(13, 'T4.TOTAL');
    const truth = truthOfGenerated(generated);
    expect(truth.expectedFindings).toHaveLength(1);
    const [defect] = generated.brokenRules;
    const cells = defect?.cells ?? [];
    const parsed = structuredClone(truth.report);
    // The reading that keeps T4.TOTAL (and the totals part 一 states): the first result made up.
    const value = (cell: string) => getCell(parsed, cell) ?? 0;
    const results = cells.slice(0, -1);
    const first = results[0] ?? '';
    const missing = value(cells.at(-1) ?? '') - results.reduce((sum, cell) => sum + value(cell), 0);
    expect(value(first) + missing).toBeGreaterThanOrEqual(0);
    setCell(parsed, first, value(first) + missing);
    const samePrint: Reprint = async () => new Uint8Array([1]);
    const undecided = await provenUndecided(
      generated,
      truth,
      new Uint8Array([1]),
      { kind: 'parsed', report: parsed },
      samePrint,
    );
    expect(undecided.cells).toEqual([first]);
    expect(undecided.defects).toEqual(truth.expectedFindings);
  });

  it('proves nothing where the path cannot print again on its own', async () => {
    const generated = withProcurement(11);
    await expect(reprintSample('pdf-libreoffice', 11, generated, tools)).resolves.toBeUndefined();
  });
});
