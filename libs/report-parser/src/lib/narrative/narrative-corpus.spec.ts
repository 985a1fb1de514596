/**
 * The narrative readers on the real reports of the shared corpus: year and applicationsReceived
 * must equal each expected.json (null where it has none). Text sources (.txt, .md, .html) are
 * read here crudely, one paragraph per line or per HTML block; DOCX one paragraph per <w:p>;
 * PDFs through pdfjs, one paragraph per printed line.
 */
import { strFromU8, unzipSync } from 'fflate';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractMetadata } from './metadata';
import { extractNarrativeMetrics } from './metrics';
import { splitParts } from './parts';

const CORPUS = path.resolve(__dirname, '../../../../../../shared/corpus');
const TEXT_SOURCES = ['source.txt', 'source.md', 'source.html'];

interface Expected {
  year: number | null;
  narrative?: { metrics?: { applicationsReceived?: number | null } | null };
}

/** What this module reads beyond expected.json (checked by hand against each source). */
const KNOWN: Readonly<
  Record<string, { agencyName: string; reviewCount?: number; litigationCount?: number }>
> = {
  'jiyuan-etdz-2023': { agencyName: '济源经济技术开发区管理办公室' },
  'pingtan-2021': { agencyName: '平潭综合实验区' },
  'pingtan-2022': { agencyName: '平潭综合实验区', reviewCount: 2, litigationCount: 1 },
  'pingtan-2023-text': { agencyName: '平潭综合实验区', reviewCount: 2, litigationCount: 7 },
  'pingtan-2023-html': { agencyName: '平潭综合实验区', reviewCount: 2, litigationCount: 7 },
  'pingtan-2024': { agencyName: '平潭综合实验区' },
  'shanghai-office-2025': { agencyName: '上海市人民政府办公厅' },
  'hongze-2023': { agencyName: '淮安市洪泽区人民政府' },
  'hongze-2024': { agencyName: '淮安市洪泽区人民政府' },
  'huaian-2024': { agencyName: '淮安市人民政府', reviewCount: 351, litigationCount: 46 },
};

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  ldquo: '“',
  rdquo: '”',
};

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&([a-z]+);/g, (entity, name: string) => HTML_ENTITIES[name] ?? entity);
}

/** HTML as paragraphs: split at block tags (p, div, br, tr, td, headings, title), tags removed. */
function htmlParagraphs(html: string): string[] {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .split(/<\/?(?:p|div|br|tr|td|th|h\d|li|title|table)\b[^>]*>/i)
    .map((block) => decodeEntities(block.replace(/<[^>]+>/g, '')).trim())
    .filter((block) => block.length > 0);
}

function textParagraphs(folder: string): { source: string; paragraphs: string[] } | null {
  const source = TEXT_SOURCES.find((name) => fs.existsSync(path.join(CORPUS, folder, name)));
  if (source === undefined) return null;
  const text = fs.readFileSync(path.join(CORPUS, folder, source), 'utf8');
  const paragraphs = source.endsWith('.html') ? htmlParagraphs(text) : text.split(/\r?\n/);
  return { source, paragraphs };
}

/** A DOCX's paragraphs (<w:p>, table cells included), the text of their <w:t> runs. */
function docxParagraphs(file: string): string[] {
  const xml = strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml'] ?? new Uint8Array());
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .map((text) => decodeEntities(text).trim())
    .filter((text) => text.length > 0);
}

/** A PDF's text, one paragraph per printed line (items grouped by their baseline). */
async function pdfParagraphs(file: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(fs.readFileSync(file));
  const document = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
  const lines: string[] = [];
  for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
    const page = await document.getPage(pageNumber);
    let line = '';
    let lastY: number | null = null;
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] as number;
      if (lastY !== null && Math.abs(y - lastY) > 2) {
        lines.push(line);
        line = '';
      }
      line += item.str;
      lastY = y;
    }
    lines.push(line);
  }
  await document.destroy();
  return lines;
}

function readExpected(folder: string): Expected {
  return JSON.parse(
    fs.readFileSync(path.join(CORPUS, folder, 'expected.json'), 'utf8'),
  ) as Expected;
}

function checkReport(folder: string, paragraphs: string[]): void {
  const expected = readExpected(folder);
  const metadata = extractMetadata(paragraphs);
  const parts = splitParts(paragraphs);
  const metrics = extractNarrativeMetrics(parts.overview, parts.other);
  expect(metadata.year).toBe(expected.year);
  expect(metrics.applicationsReceived).toBe(
    expected.narrative?.metrics?.applicationsReceived ?? null,
  );
  const known = KNOWN[folder];
  if (known === undefined) return;
  expect(metadata.agencyName).toBe(known.agencyName);
  expect(metadata.yearSource).toBe('title');
  expect(metrics.reviewCount).toBe(known.reviewCount ?? null);
  expect(metrics.litigationCount).toBe(known.litigationCount ?? null);
  expect(parts.overview).not.toBe('');
  expect(parts.problems).not.toBe('');
  expect(parts.other).not.toBe('');
}

const folders = fs.existsSync(CORPUS)
  ? fs.readdirSync(CORPUS).filter((name) => fs.existsSync(path.join(CORPUS, name, 'expected.json')))
  : [];
const textFolders = folders.filter((folder) => textParagraphs(folder) !== null);
const pdfFolders = folders.filter((folder) =>
  fs.existsSync(path.join(CORPUS, folder, 'source.pdf')),
);
const docxFolders = folders.filter((folder) =>
  fs.existsSync(path.join(CORPUS, folder, 'source.docx')),
);

describe('narrative readers on the shared corpus', () => {
  if (folders.length === 0) {
    it.skip(`corpus not found at ${CORPUS}: skipped`, () => undefined);
    return;
  }

  it.each(textFolders)('%s (text source)', (folder) => {
    const read = textParagraphs(folder);
    if (read === null) throw new Error(`no text source in ${folder}`);
    checkReport(folder, read.paragraphs);
  });

  it.each(pdfFolders)('%s (PDF, via pdfjs)', async (folder) => {
    checkReport(folder, await pdfParagraphs(path.join(CORPUS, folder, 'source.pdf')));
  });

  it.each(docxFolders)('%s (DOCX)', (folder) => {
    checkReport(folder, docxParagraphs(path.join(CORPUS, folder, 'source.docx')));
  });

  it('pingtan-2021: the year is not the publishing date even without the title', () => {
    const read = textParagraphs('pingtan-2021');
    if (read === null) return;
    const untitled = read.paragraphs.map((p) =>
      p.replace(/平潭综合实验区2021年度政府信息公开工作年度报告/g, ''),
    );
    expect(untitled.join('\n')).toContain('2022-02-08');
    expect(extractMetadata(untitled)).toMatchObject({ year: 2021, yearSource: 'period' });
  });
});
