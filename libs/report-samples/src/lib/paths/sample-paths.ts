import iconv from 'iconv-lite';
import { layOutReport } from '../render-document';
import { renderMarkdownOcr } from '../render-markdown-ocr';
import { encodeText, renderWebPageLine } from '../render-text';
import { renderXlsx } from '../render-xlsx';
import { generateRandomReport, type RandomReport } from '../random/random-report';
import { SeededRandom } from '../seeded-random';
import type { LibreOfficeTarget } from '../tools/libreoffice';
import { mapLimited, type RenderTools } from '../tools/render-tools';
import { type TableRules, withTableRules } from '../docx-borders';
import { agencyDocx, cmsPage, type BaseDocument } from './base-documents';
import { ocrPerturbations, xlsxVariant } from './variants';

/**
 * The ways a report reaches the parser — each a real tool chain agencies or readers use — and
 * how to render a generated report along each. A document is identified by its path and seed:
 * the report comes from the seed, the printing choices from the seed and the path.
 */
export const SAMPLE_PATHS = [
  'docx-template',
  'docx-libreoffice',
  'pdf-libreoffice',
  'pdf-unruled',
  'html-cms',
  'html-libreoffice',
  'text-browser',
  'text-gb18030',
  'text-webpage-run',
  'markdown-ocr',
  'xlsx',
] as const;

export type SamplePath = (typeof SAMPLE_PATHS)[number];

export type RenderTool = 'soffice' | 'chromium';

/** External programs each path needs. */
export const PATH_TOOLS: Readonly<Record<SamplePath, readonly RenderTool[]>> = {
  'docx-template': [],
  'docx-libreoffice': ['soffice'],
  'pdf-libreoffice': ['soffice'],
  'pdf-unruled': ['soffice'],
  'html-cms': [],
  'html-libreoffice': ['soffice'],
  // Half the pages copied come from LibreOffice's HTML.
  'text-browser': ['soffice', 'chromium'],
  'text-gb18030': ['soffice', 'chromium'],
  'text-webpage-run': [],
  'markdown-ocr': [],
  xlsx: [],
};

export function isSamplePath(name: string): name is SamplePath {
  return (SAMPLE_PATHS as readonly string[]).includes(name);
}

export interface SampleDocument {
  path: SamplePath;
  seed: number;
  generated: RandomReport;
  fileName: string;
  bytes: Uint8Array;
  /** The printing choices drawn for this document. */
  variant: Record<string, unknown>;
}

export interface RenderFailure {
  path: SamplePath;
  seed: number;
  reason: string;
}

interface PathInput {
  seed: number;
  generated: RandomReport;
  random: SeededRandom;
}

type Rendered = { extension: string; bytes: Uint8Array; variant: Record<string, unknown> } | Error;
type PathRenderer = (inputs: PathInput[], tools: RenderTools) => Promise<Rendered[]>;

/** Pages a browser copies at a time. */
const BROWSER_PAGES = 3;

/** The agency's DOCX of each seed, the same for every path that starts from it. */
const agencyDocxes = (inputs: PathInput[], tools: RenderTools) =>
  Promise.all(
    inputs.map((input) =>
      tools.once(`agency docx ${input.seed}`, () =>
        agencyDocx(
          input.generated,
          SeededRandom.derived(input.seed, 'agency docx'),
          tools.template,
        ),
      ),
    ),
  );

/** The agency's DOCX opened and saved (or exported) by LibreOffice. */
function throughLibreOffice(target: LibreOfficeTarget, extension: string): PathRenderer {
  return async (inputs, tools) => {
    const bases = await agencyDocxes(inputs, tools);
    const converted = await convertBases(inputs, bases, target, tools);
    return bases.map((base, index) => {
      const bytes = converted[index];
      return bytes
        ? { extension, bytes, variant: base.variant }
        : new Error(`LibreOffice did not convert it to ${target}`);
    });
  };
}

/** The agency DOCX of each input converted by LibreOffice (named by seed: made once per run). */
async function convertBases(
  inputs: readonly PathInput[],
  bases: readonly BaseDocument[],
  target: LibreOfficeTarget,
  tools: RenderTools,
): Promise<(Uint8Array | undefined)[]> {
  const named = bases.map((base, index) => ({
    name: `report-${inputs[index]?.seed}.docx`,
    bytes: base.bytes,
  }));
  const converted = await tools.convert(named, target);
  return named.map((input) => converted.get(input.name));
}

/**
 * The agency's DOCX printed with its tables' rules left out (none at all, or no column rules),
 * exported to PDF by LibreOffice: tables read from text positions alone.
 */
const unruledPdf: PathRenderer = async (inputs, tools) => {
  const bases = await agencyDocxes(inputs, tools);
  const rules = inputs.map((input): TableRules => (input.random.chance(0.5) ? 'none' : 'horizontal'));
  const named = bases.map((base, index) => ({
    name: `report-${inputs[index]?.seed}-${rules[index]}-rules.docx`,
    bytes: withTableRules(base.bytes, rules[index] as TableRules),
  }));
  const converted = await tools.convert(named, 'pdf');
  return named.map((input, index) => {
    const bytes = converted.get(input.name);
    return bytes
      ? { extension: 'pdf', bytes, variant: { ...bases[index]?.variant, tableRules: rules[index] } }
      : new Error('LibreOffice did not convert it to pdf');
  });
};

/**
 * What a person copies from a web page in Chromium: a CMS page or LibreOffice's HTML of the
 * agency's DOCX, then saved as UTF-8 — or, with `gb18030`, as GB18030/GBK (Notepad's "ANSI").
 */
function browserText(saved: 'utf-8' | 'gb18030'): PathRenderer {
  return async (inputs, tools) => {
    const fromCms = inputs.map((input) => input.random.chance(0.6));
    const pages: (BaseDocument | Error)[] = inputs.map((input, index) =>
      fromCms[index] ? cmsPage(input.generated, input.random) : new Error('not rendered yet'),
    );
    const officeInputs = inputs.filter((_input, index) => !fromCms[index]);
    const bases = await agencyDocxes(officeInputs, tools);
    const converted = await convertBases(officeInputs, bases, 'html', tools);
    let office = 0;
    pages.forEach((page, index) => {
      if (fromCms[index]) return;
      const base = bases[office] as BaseDocument;
      const html = converted[office++];
      pages[index] = html
        ? { bytes: html, variant: { page: 'LibreOffice HTML', ...base.variant } }
        : new Error('LibreOffice did not convert it to HTML');
    });
    const browser = await tools.browser();
    return mapLimited(pages, BROWSER_PAGES, async (page, index): Promise<Rendered> => {
      if (page instanceof Error) return page;
      const text = await browser.copyAll(page.bytes);
      const variant = { ...(fromCms[index] ? { page: 'CMS' } : {}), ...page.variant };
      if (saved === 'utf-8') return { extension: 'txt', bytes: encodeText(text), variant };
      const encoding = (inputs[index] as PathInput).random.chance(0.3) ? 'gbk' : 'gb18030';
      // GBK has no no-break space; Notepad writes a space for it.
      const bytes = iconv.encode(
        encoding === 'gbk' ? text.replace(/\u00a0/g, ' ') : text,
        encoding,
      );
      return {
        extension: 'txt',
        bytes: new Uint8Array(bytes),
        variant: { ...variant, saved: encoding },
      };
    });
  };
}

const RENDERERS: Readonly<Record<SamplePath, PathRenderer>> = {
  'docx-template': async (inputs, tools) =>
    (await agencyDocxes(inputs, tools)).map((base) => ({ extension: 'docx', ...base })),
  'docx-libreoffice': throughLibreOffice('docx', 'docx'),
  'pdf-libreoffice': throughLibreOffice('pdf', 'pdf'),
  'pdf-unruled': unruledPdf,
  'html-libreoffice': throughLibreOffice('html', 'html'),
  'html-cms': async (inputs) =>
    inputs.map(({ generated, random }) => ({ extension: 'html', ...cmsPage(generated, random) })),
  'text-browser': browserText('utf-8'),
  'text-gb18030': browserText('gb18030'),
  'text-webpage-run': async (inputs) =>
    inputs.map(({ generated }) => ({
      extension: 'txt',
      bytes: encodeText(renderWebPageLine(generated)),
      variant: {},
    })),
  'markdown-ocr': async (inputs) =>
    inputs.map(({ generated, random }) => {
      const perturb = ocrPerturbations(random);
      const markdown = renderMarkdownOcr(layOutReport(generated, perturb), random);
      return { extension: 'md', bytes: encodeText(markdown), variant: { perturb } };
    }),
  xlsx: async (inputs) =>
    Promise.all(
      inputs.map(async ({ generated, random }) => {
        const { layout, perturb } = xlsxVariant(random);
        const bytes = await renderXlsx(layOutReport(generated, perturb), layout);
        return { extension: 'xlsx', bytes, variant: { layout, perturb } };
      }),
    ),
};

/**
 * Paths whose document is a function of the report and the seed alone — no external program,
 * no document made once per seed and shared — so a changed report can be printed again the
 * same way to compare bytes.
 */
const REPRINTABLE: ReadonlySet<SamplePath> = new Set<SamplePath>([
  'html-cms',
  'text-webpage-run',
  'markdown-ocr',
  'xlsx',
]);

/**
 * The document a path prints for another report with the same seed and printing choices;
 * undefined where the path cannot print again on its own (it needs LibreOffice or a browser).
 */
export async function reprintSample(
  path: SamplePath,
  seed: number,
  generated: RandomReport,
  tools: RenderTools,
): Promise<Uint8Array | undefined> {
  if (!REPRINTABLE.has(path)) return undefined;
  const [printed] = await RENDERERS[path](
    [{ seed, generated, random: SeededRandom.derived(seed, path) }],
    tools,
  );
  return printed instanceof Error || !printed ? undefined : printed.bytes;
}

/** Renders the reports of the given seeds along one path. */
export async function renderSamples(
  path: SamplePath,
  seeds: readonly number[],
  tools: RenderTools,
): Promise<{ documents: SampleDocument[]; failures: RenderFailure[] }> {
  const inputs = seeds.map((seed) => ({
    seed,
    generated: generateRandomReport(seed),
    random: SeededRandom.derived(seed, path),
  }));
  const rendered = await RENDERERS[path](inputs, tools);
  const documents: SampleDocument[] = [];
  const failures: RenderFailure[] = [];
  rendered.forEach((result, index) => {
    const { seed, generated } = inputs[index] as PathInput;
    if (result instanceof Error) failures.push({ path, seed, reason: result.message });
    else
      documents.push({
        path,
        seed,
        generated,
        fileName: `report-${seed}.${result.extension}`,
        bytes: result.bytes,
        variant: result.variant,
      });
  });
  return { documents, failures };
}
