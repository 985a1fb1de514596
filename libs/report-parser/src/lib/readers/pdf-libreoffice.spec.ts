import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getCell, listCells } from '@atlas/report-model';
import {
  expectedCells,
  renderDocxFromTemplate,
  REPORT_A,
  REPORT_C,
  REPORT_D,
  type GeneratedReport,
} from '@atlas/report-samples';
import type { DocLine, ReadDocument } from '../document';
import { parseReport } from '../parse-report';
import { readPdf } from './pdf';

/*
 * The most common published form: the official DOCX template filled in, exported to PDF by
 * LibreOffice. Table 3's long labels wrap inside their cells and its values sit at different
 * heights in one row (some cells top-aligned, others centred), so only the table's rules say
 * which values belong together. Needs `soffice`: skipped with a warning when it is missing,
 * a failure instead when ATLAS_REQUIRE_RENDERERS=1.
 */

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../../../shared/corpus/template-2021/source.docx',
);
const SOFFICE = process.env['ATLAS_SOFFICE'] ?? 'soffice';
const REQUIRE_RENDERERS = process.env['ATLAS_REQUIRE_RENDERERS'] === '1';
const hasSoffice = spawnSync(SOFFICE, ['--version'], { timeout: 30_000 }).status === 0;

interface Case {
  name: string;
  generated: GeneratedReport;
  blankZeros: boolean;
}

const CASES: Case[] = [REPORT_A, REPORT_C, REPORT_D].flatMap((generated) =>
  [false, true].map((blankZeros) => ({
    name: `${generated.name.slice(0, 1)}${blankZeros ? '-blank-zeros' : ''}`,
    generated,
    blankZeros,
  })),
);

/** DOCX → PDF with one soffice call, in a temporary folder with a profile of its own. */
function exportPdfs(documents: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const work = mkdtempSync(path.join(tmpdir(), 'atlas-pdf-spec-'));
  try {
    const inputs = [...documents].map(([name, bytes]) => {
      const file = path.join(work, `${name}.docx`);
      writeFileSync(file, bytes);
      return file;
    });
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        work,
        ...inputs,
      ],
      { stdio: 'ignore', timeout: 150_000 },
    );
    return new Map(
      [...documents.keys()].map((name) => [
        name,
        new Uint8Array(readFileSync(path.join(work, `${name}.pdf`))),
      ]),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const missing = [
  ...(hasSoffice ? [] : ['soffice (LibreOffice)']),
  ...(existsSync(TEMPLATE) ? [] : [TEMPLATE]),
];
if (missing.length > 0 && !REQUIRE_RENDERERS) {
  console.warn(
    `pdf-libreoffice.spec: SKIPPED — ${missing.join(', ')} not found (ATLAS_REQUIRE_RENDERERS=1 makes this a failure)`,
  );
}
const run = missing.length === 0 || REQUIRE_RENDERERS ? describe : describe.skip;

const own = (line: DocLine) => line.cells.filter((c) => !c.mergedFrom);

run('LibreOffice PDFs of the filled-in template', () => {
  const pdfs = new Map<string, Uint8Array>();

  beforeAll(async () => {
    if (missing.length > 0) return;
    const template = new Uint8Array(readFileSync(TEMPLATE));
    const documents = new Map<string, Uint8Array>();
    for (const c of CASES) {
      documents.set(
        c.name,
        await renderDocxFromTemplate(template, c.generated, { blankZeros: c.blankZeros }),
      );
    }
    for (const [name, bytes] of exportPdfs(documents)) pdfs.set(name, bytes);
  }, 180_000);

  it('has the programs and the template it needs', () => {
    expect(missing).toEqual([]);
  });

  describe.each(CASES)('$name', ({ name, generated }) => {
    it('every cell right, exactly the findings the report has', async () => {
      const { report } = await parseReport(pdfs.get(name) ?? new Uint8Array(), {
        fileName: `${name}.pdf`,
      });
      const wrong = expectedCells(generated.report)
        .filter(([address, value]) => getCell(report, address) !== value)
        .map(
          ([address, value]) => `${address}: expected ${value}, read ${getCell(report, address)}`,
        );
      expect(wrong).toEqual([]);
      expect(listCells(report).map((cell) => cell.address)).toEqual(
        expectedCells(generated.report).map(([address]) => address),
      );
      const facts = (findings: readonly { rule: string; cells: readonly string[] }[]) =>
        findings.map((f) => `${f.rule} ${f.cells.join(',')}`).sort();
      expect(facts(report.findings)).toEqual(facts(generated.brokenRules));
    });
  });

  it('reads table 3 from its rules: wrapped labels whole, each row with its seven cells', async () => {
    const doc: ReadDocument = await readPdf(pdfs.get('A') ?? new Uint8Array());
    const rowOf = (label: RegExp) => {
      const rows = doc.lines.filter((l) => own(l).some((c) => label.test(c.text)));
      expect(rows).toHaveLength(1);
      return rows[0];
    };
    const { applications } = REPORT_A.report;
    const seven = (row: Record<string, number> | undefined) =>
      [
        'naturalPerson',
        'commercial',
        'research',
        'nonprofit',
        'legalService',
        'otherOrg',
        'total',
      ].map((column) => String(row?.[column]));
    const partial = rowOf(/^（二）部分公开/);
    expect(partial.source).toMatchObject({ page: expect.any(Number), table: expect.any(Number) });
    expect(own(partial).map((c) => c.text)).toEqual([
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      ...seven(applications.partiallyGranted),
    ]);
    for (const [label, key] of [
      [/^1\.申请人无正当理由逾期不补正/, 'otherHandling.noCorrection'],
      [/^2\.申请人逾期未按收费通知/, 'otherHandling.unpaidFee'],
      [/^3\.其他$/, 'otherHandling.other'],
    ] as const) {
      expect(
        own(rowOf(label))
          .slice(-7)
          .map((c) => c.text),
      ).toEqual(seven(applications[key]));
    }
  });
});
