import { unzipSync, zipSync } from 'fflate';
import {
  APPLICANT_COLUMNS,
  applicationRowKeysFor,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type Report2021,
} from '@atlas/report-model';
import {
  buildDocx,
  docxParagraph,
  escapeXml,
  fillDocxCells,
  type DocxBlock,
  type DocxCellFill,
} from './docx-fixture';
import type { GeneratedReport } from './generated-reports';
import { ValueFormatter, type Perturbations, type ValueKind } from './perturbations';
import { BALANCE_NOTE, reportTexts, type LaidOutDocument } from './render-document';
import { toDocxTable } from './table-model';

/**
 * A generated report as DOCX: the official template (国办公开办函〔2021〕30号) filled in, cell by
 * cell and with the report's own title and text in place of the template's placeholders; or,
 * for layouts the template does not have (（六） as one row), a document built from scratch.
 */

export interface DocxOptions {
  /** Leave zero cells empty, as many filled-in templates do. */
  blankZeros?: boolean;
  /**
   * How the clerk filled the template in: zero marks, units and separators in values; "1、"
   * numbering and notes left out in the labels (enumerationComma, dropNotes).
   */
  perturb?: Perturbations;
}

/** Template grid positions (see docx.spec.ts): table 1 = 表二, 2 = 表三, 3 = 表四. */
export function templateFills(report: Report2021, options: DocxOptions = {}): DocxCellFill[] {
  const format = new ValueFormatter(
    options.blankZeros ? { ...options.perturb, zeroMarks: [''] } : (options.perturb ?? {}),
  );
  const fills: DocxCellFill[] = [];
  const put = (table: number, row: number, column: number, value: number, kind?: ValueKind) =>
    fills.push({ table, row, column, text: format.format(value, kind) });
  const p = report.proactive;
  [p.regulations, p.normativeDocuments].forEach((values, index) => {
    put(1, 3 + index, 2, values.issued, 'table2Count');
    put(1, 3 + index, 3, values.repealed, 'table2Count');
    put(1, 3 + index, 4, values.inForce, 'table2Count');
  });
  put(1, 7, 2, p.licensing.decisions, 'table2Count');
  put(1, 10, 2, p.penalty.decisions, 'table2Count');
  put(1, 11, 2, p.coercion.decisions, 'table2Count');
  put(1, 14, 2, p.fees.amountWanYuan, 'fee');
  const rowKeys = applicationRowKeysFor('itemizedOtherHandling');
  rowKeys.forEach((key, index) => {
    const cells = report.applications[key];
    if (cells === undefined)
      throw new RangeError(`the template has row ${key}; the report does not`);
    APPLICANT_COLUMNS.forEach((column, c) => put(2, 4 + index, 4 + c, cells[column.key]));
  });
  REVIEW_GROUPS.forEach((group, g) =>
    REVIEW_COLUMNS.forEach((column, c) =>
      put(3, 4, 1 + g * 5 + c, report.reviewLitigation[group.key][column.key]),
    ),
  );
  return fills;
}

/** A body paragraph `<w:p>…</w:p>` (or `<w:p/>`) with its text. */
const PARAGRAPH = /<w:p(?=[\s>/])(?:[^>]*\/>|[^>]*>[\s\S]*?<\/w:p>)/g;
const TEXT_RUN = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;

/** Replaces the first body paragraph whose text is `text` (from `from` on) with new paragraphs. */
export function replaceDocxParagraph(xml: string, text: string, replacement: string[]): string {
  for (const match of xml.matchAll(PARAGRAPH)) {
    const paragraphText = [...match[0].matchAll(TEXT_RUN)].map((run) => run[1] ?? '').join('');
    if (paragraphText !== text) continue;
    const start = match.index ?? 0;
    return (
      xml.slice(0, start) +
      replacement.map(docxParagraph).join('') +
      xml.slice(start + match[0].length)
    );
  }
  throw new Error(`no paragraph “${text}” in the document`);
}

/** Every `<w:t>` text of document.xml passed through `edit`. */
export function editDocxTexts(xml: string, edit: (text: string) => string): string {
  return xml.replace(
    /(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g,
    (_match, open: string, text: string, close: string) =>
      `${open}${escapeXml(edit(unescapeXml(text)))}${close}`,
  );
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The template's labels as the clerk left them: "1、" numbering, notes deleted. */
function templateLabel(text: string, perturb: Perturbations): string {
  let label = text;
  if (perturb.enumerationComma) label = label.replace(/^(\d)\./, '$1、');
  if (perturb.dropNotes) {
    for (const note of [BALANCE_NOTE, '（区分处理的，只计这一情形，不计其他情形）'])
      label = label.replace(note, '');
  }
  return label;
}

/** The official template with the report's values, title and text. */
export async function renderDocxFromTemplate(
  template: Uint8Array,
  generated: GeneratedReport,
  options: DocxOptions = {},
): Promise<Uint8Array> {
  // Labels first: the values filled in afterwards ("3.94") must not be renumbered ("3、94").
  const perturb = options.perturb ?? {};
  const labelled = unzipSync(template);
  const blank = new TextDecoder().decode(labelled['word/document.xml']);
  labelled['word/document.xml'] = new TextEncoder().encode(
    editDocxTexts(blank, (text) => templateLabel(text, perturb)),
  );
  const filled = await fillDocxCells(zipSync(labelled), templateFills(generated.report, options));
  const parts = unzipSync(filled);
  const texts = reportTexts(generated);
  let xml = new TextDecoder().decode(parts['word/document.xml']);
  xml = replaceDocxParagraph(xml, '政府信息公开工作年度报告格式模板', [
    texts.title,
    ...texts.preface,
  ]);
  xml = replaceDocxParagraph(xml, '（文字描述）', texts.overview);
  xml = replaceDocxParagraph(xml, '（文字描述）', texts.problems);
  xml = replaceDocxParagraph(xml, '（文字描述，收取信息处理费情况在此处报告。）', texts.other);
  parts['word/document.xml'] = new TextEncoder().encode(xml);
  return zipSync(parts);
}

/** A DOCX built from the laid-out document (any layout): paragraphs and merged tables. */
export function renderDocxFromLayout(document: LaidOutDocument): Uint8Array {
  const blocks: DocxBlock[] = document.blocks.map((block) =>
    block.kind === 'paragraph' ? { paragraph: block.text } : { table: toDocxTable(block.model) },
  );
  return buildDocx(blocks);
}
