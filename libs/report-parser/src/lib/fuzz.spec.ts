import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listCells } from '@atlas/report-model';
import {
  ALL_REPORTS,
  encodeText,
  layOutReport,
  renderDocxFromLayout,
  renderHtmlPage,
  renderMarkdown,
  renderText,
  renderWebPageLine,
  renderXlsx,
  REPORT_E,
  SeededRandom,
} from '@atlas/report-samples';
import { ParseError } from './document';
import { parseReport } from './parse-report';
import { damageBytes, mutateText, mutateZipDocument } from '../test-support/mutations';

/*
 * Fuzz: real and generated documents of every format, mutated the way files get damaged and
 * mangled in the wild, go through parseReport. Whatever the input, the answer is a report (with
 * findings) or a ParseError with a reason — never any other exception, never a value that is not
 * a finite number. Seeded: FUZZ_SEED=<n> reproduces a run, FUZZ_CASES=<n> sets mutants per source.
 */

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus');
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);
const CASES_PER_SOURCE = Number(process.env['FUZZ_CASES'] ?? 0);

interface Source {
  name: string;
  fileName: string;
  bytes: Uint8Array;
  kind: 'text' | 'zip' | 'pdf';
  /** Mutants of this source per run (PDFs are slow to read: fewer). */
  cases: number;
}

function corpusSources(): Source[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((folder) => existsSync(path.join(CORPUS, folder, 'expected.json')))
    .flatMap((folder) => {
      const file = readdirSync(path.join(CORPUS, folder)).find((name) => name.startsWith('source.'));
      if (!file) return [];
      const bytes = new Uint8Array(readFileSync(path.join(CORPUS, folder, file)));
      const kind = file.endsWith('.pdf') ? 'pdf' : file.endsWith('.docx') || file.endsWith('.xlsx') ? 'zip' : 'text';
      return [{ name: `corpus ${folder}`, fileName: file, bytes, kind, cases: kind === 'pdf' ? 25 : 150 } as Source];
    });
}

async function generatedSources(): Promise<Source[]> {
  const sources: Source[] = [];
  for (const generated of [...ALL_REPORTS, REPORT_E]) {
    const laidOut = layOutReport(generated, { labelTypos: generated === ALL_REPORTS[1], zeroMarks: ['', '/', '—'] });
    const letter = generated.name.slice(0, 1);
    sources.push(
      { name: `text ${letter}`, fileName: 'report.txt', bytes: encodeText(renderText(laidOut)), kind: 'text', cases: 80 },
      { name: `markdown ${letter}`, fileName: 'report.md', bytes: encodeText(renderMarkdown(laidOut)), kind: 'text', cases: 60 },
      { name: `web page line ${letter}`, fileName: 'report.txt', bytes: encodeText(renderWebPageLine(generated)), kind: 'text', cases: 60 },
      { name: `html ${letter}`, fileName: 'report.html', bytes: renderHtmlPage(laidOut, generated), kind: 'text', cases: 60 },
      { name: `docx ${letter}`, fileName: 'report.docx', bytes: renderDocxFromLayout(laidOut), kind: 'zip', cases: 40 },
      { name: `xlsx ${letter}`, fileName: 'report.xlsx', bytes: await renderXlsx(laidOut, 'oneSheet'), kind: 'zip', cases: 30 },
    );
  }
  return sources;
}

function mutate(source: Source, random: SeededRandom): { name: string; bytes: Uint8Array } {
  if (source.kind === 'pdf') return damageBytes(source.bytes, random);
  if (source.kind === 'zip') return mutateZipDocument(source.bytes, random);
  return random.chance(0.1) ? damageBytes(source.bytes, random) : mutateText(source.bytes, random);
}

/** What went wrong with one mutant, or null when the parser answered as it must. */
async function problemWith(bytes: Uint8Array, fileName: string): Promise<string | null> {
  try {
    const { report } = await parseReport(bytes, { fileName });
    const bad = listCells(report).filter((cell) => !Number.isFinite(cell.value));
    if (bad.length > 0) return `non-finite cells ${bad.map((cell) => cell.address).join(', ')}`;
    const noMessage = report.findings.filter((finding) => !/[\u4e00-\u9fff]/.test(finding.message));
    if (noMessage.length > 0) return `finding without a Chinese message: ${noMessage[0]?.rule}`;
    return null;
  } catch (error) {
    if (error instanceof ParseError && /[\u4e00-\u9fff]/.test(error.messageZh)) return null;
    return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error);
  }
}

describe('fuzz: mutated documents never crash the parser', () => {
  let sources: Source[] = [];
  beforeAll(async () => {
    sources = [...corpusSources(), ...(await generatedSources())];
  });

  it(`every mutant is read or refused with a reason (seed ${SEED})`, async () => {
    const random = new SeededRandom(SEED);
    const problems: string[] = [];
    let cases = 0;
    for (const source of sources) {
      for (let i = 0; i < (CASES_PER_SOURCE || source.cases); i++) {
        const caseSeed = random.next();
        const mutant = mutate(source, new SeededRandom(caseSeed));
        cases++;
        const problem = await problemWith(mutant.bytes, source.fileName);
        if (problem) problems.push(`${source.name} · ${mutant.name} · case seed ${caseSeed}: ${problem}`);
      }
    }
    expect(cases).toBeGreaterThanOrEqual(2000);
    expect(problems).toEqual([]);
  }, 300_000);
});
