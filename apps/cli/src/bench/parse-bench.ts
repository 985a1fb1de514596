import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, parseReport, type SourceFormat } from '@atlas/report-parser';
import { unzipSync } from 'fflate';
import type { ParseFunction } from './baseline-parser';
import { median, round, timeRuns } from './measure';

/** A document to read, and the bare extraction the same library does for it (the baseline). */
interface BenchInput {
  name: string;
  format: SourceFormat;
  bytes: Uint8Array;
}

export interface ParseBenchRow {
  format: SourceFormat;
  files: string[];
  /** Median time to parse one report into the canonical model, ms. */
  parseMs: number;
  /** Median time for the same library's bare text extraction of the same file, ms. */
  baselineMs: number;
  ratio: number;
  targetMs: number;
  /** With a parser of another revision measured in the same run: its median time, ms. */
  previousParserMs?: number;
  /** parseMs / previousParserMs. */
  ratioToPrevious?: number;
}

/** The targets on a 2-core machine, per report. */
const TARGET_MS: Record<SourceFormat, number> = {
  text: 5,
  markdown: 5,
  html: 5,
  docx: 30,
  xlsx: 30,
  pdf: 150,
};

type Htmlparser2 = typeof import('htmlparser2');
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** Real dynamic imports: both packages are ES modules only. */
const loadHtmlparser2 = () => import('htmlparser2') as Promise<Htmlparser2>;
const loadPdfjs = () => import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<Pdfjs>;

/** Bare extraction: what a reader does before any table logic, with the same library. */
async function extractBare(input: BenchInput): Promise<number> {
  switch (input.format) {
    case 'text':
    case 'markdown':
      return new TextDecoder().decode(input.bytes).split(/\r?\n/).length;
    case 'html': {
      const { parseDocument, DomUtils } = await loadHtmlparser2();
      return DomUtils.textContent(parseDocument(new TextDecoder().decode(input.bytes))).length;
    }
    case 'docx':
    case 'xlsx': {
      const { parseDocument, DomUtils } = await loadHtmlparser2();
      const files = unzipSync(input.bytes, {
        filter: (file) =>
          /^(word\/document|xl\/sharedStrings|xl\/worksheets\/sheet\d+)\.xml$/.test(file.name),
      });
      return Object.values(files).reduce(
        (length, xml) =>
          length +
          DomUtils.textContent(parseDocument(new TextDecoder().decode(xml), { xmlMode: true }))
            .length,
        0,
      );
    }
    case 'pdf': {
      const pdfjs = await loadPdfjs();
      const task = pdfjs.getDocument({
        data: input.bytes.slice(),
        isEvalSupported: false,
        useSystemFonts: false,
        disableFontFace: true,
      });
      const document = await task.promise;
      let items = 0;
      for (let page = 1; page <= document.numPages; page++) {
        items += (await (await document.getPage(page)).getTextContent()).items.length;
      }
      await task.destroy();
      return items;
    }
  }
}

/** Every corpus source, by its detected format. */
export function corpusInputs(corpusDir: string): BenchInput[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .flatMap((folder) => {
      const source = readdirSync(join(corpusDir, folder)).find((file) =>
        file.startsWith('source.'),
      );
      if (!source) return [];
      const bytes = new Uint8Array(readFileSync(join(corpusDir, folder, source)));
      return [{ name: `${folder}/${source}`, format: detectFormat(bytes, source), bytes }];
    });
}

/**
 * Median parse and baseline time per format, measured in the same run; with `previous` (the
 * parser of another revision) that one too, each file's runs interleaved with today's so that
 * both see the same machine.
 */
export async function benchParse(
  inputs: BenchInput[],
  runs: number,
  previous?: ParseFunction,
): Promise<ParseBenchRow[]> {
  const formats = [...new Set(inputs.map((input) => input.format))];
  const rows: ParseBenchRow[] = [];
  for (const format of formats) {
    const group = inputs.filter((input) => input.format === format);
    const parseTimes: number[] = [];
    const baselineTimes: number[] = [];
    const previousTimes: number[] = [];
    for (const input of group) {
      const options = { fileName: input.name };
      parseTimes.push(median(await timeRuns(() => parseReport(input.bytes, options), runs)));
      if (previous) previousTimes.push(median(await timeRuns(() => previous(input.bytes, options), runs)));
      baselineTimes.push(median(await timeRuns(() => extractBare(input), runs)));
    }
    const parseMs = median(parseTimes);
    const baselineMs = median(baselineTimes);
    const previousMs = previous ? median(previousTimes) : undefined;
    rows.push({
      format,
      files: group.map((input) => input.name),
      parseMs: round(parseMs, 3),
      baselineMs: round(baselineMs, 3),
      ratio: round(parseMs / baselineMs, 2),
      targetMs: TARGET_MS[format],
      ...(previousMs === undefined
        ? {}
        : { previousParserMs: round(previousMs, 3), ratioToPrevious: round(parseMs / previousMs, 2) }),
    });
  }
  return rows;
}
