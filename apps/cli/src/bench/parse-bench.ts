import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, parseReport, type SourceFormat } from '@atlas/report-parser';
import { unzipSync } from 'fflate';
import type { ParseFunction } from './baseline-parser';
import { median, round, timeInterleaved } from './measure';

/** A document to read, and the bare extraction the same library does for it (the baseline). */
interface BenchInput {
  name: string;
  format: SourceFormat;
  bytes: Uint8Array;
}

export interface ParseBenchRow {
  format: SourceFormat;
  files: string[];
  /** Median time to parse one report into the canonical model once the JIT is warm, ms. */
  parseMs: number;
  /** Median time of the runs while the JIT was still warming up (a one-off CLI run), ms. */
  warmingParseMs: number;
  /** Median time for the same library's bare text extraction of the same file, ms. */
  baselineMs: number;
  ratio: number;
  targetMs: number;
  /** With a parser of another revision measured in the same run: its median time, ms. */
  previousParserMs?: number;
  /** parseMs / previousParserMs. */
  ratioToPrevious?: number;
  /** The previous parser's median while warming up, ms, and warmingParseMs / that. */
  warmingPreviousParserMs?: number;
  warmingRatioToPrevious?: number;
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

/** Rounds before the measured ones: the first few load modules, the rest let the JIT compile. */
const COLD_ROUNDS = 3;
const WARMING_ROUNDS = 20;

/**
 * Median parse and baseline time per format, measured in the same run; with `previous` (the
 * parser of another revision) that one too. Each file's runs of today's parser, the previous one
 * and the bare extraction alternate, so that all three see the same machine. Steady-state times
 * (what a long-running server sees) are the result; the times while the JIT is still warming up
 * are reported beside them, since a one-off CLI run sees those.
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
    const warmingParseTimes: number[] = [];
    const warmingPreviousTimes: number[] = [];
    for (const input of group) {
      const options = { fileName: input.name };
      const works: Array<() => Promise<unknown>> = [
        () => parseReport(input.bytes, options),
        () => extractBare(input),
      ];
      if (previous) works.push(() => previous(input.bytes, options));
      const { warming, steady } = await timeInterleaved(works, runs, COLD_ROUNDS + WARMING_ROUNDS);
      const warm = (index: number) => median((warming[index] ?? []).slice(COLD_ROUNDS));
      parseTimes.push(median(steady[0] ?? []));
      baselineTimes.push(median(steady[1] ?? []));
      warmingParseTimes.push(warm(0));
      if (previous) {
        previousTimes.push(median(steady[2] ?? []));
        warmingPreviousTimes.push(warm(2));
      }
    }
    const parseMs = median(parseTimes);
    const baselineMs = median(baselineTimes);
    const previousMs = previous ? median(previousTimes) : undefined;
    const warmingPreviousMs = previous ? median(warmingPreviousTimes) : undefined;
    const warmingParseMs = median(warmingParseTimes);
    rows.push({
      format,
      files: group.map((input) => input.name),
      parseMs: round(parseMs, 3),
      baselineMs: round(baselineMs, 3),
      ratio: round(parseMs / baselineMs, 2),
      targetMs: TARGET_MS[format],
      warmingParseMs: round(warmingParseMs, 3),
      ...(previousMs === undefined || warmingPreviousMs === undefined
        ? {}
        : {
            previousParserMs: round(previousMs, 3),
            ratioToPrevious: round(parseMs / previousMs, 2),
            warmingPreviousParserMs: round(warmingPreviousMs, 3),
            warmingRatioToPrevious: round(warmingParseMs / warmingPreviousMs, 2),
          }),
    });
  }
  return rows;
}
