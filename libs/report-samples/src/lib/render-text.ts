import iconv from 'iconv-lite';
import type { CanonicalReport } from '@atlas/report-model';
import type { GeneratedReport } from './generated-reports';
import {
  coveredPositions,
  gridRows,
  layOutReport,
  type DocumentBlock,
  type LaidOutDocument,
  type RowLayout,
} from './render-document';

/**
 * A laid-out report as plain text (tab-separated table rows, as copied from a web page or
 * exported from Word), as Markdown (pipe tables), or as the single line a web page's text
 * becomes when its cells run together; and text encoded as UTF-8, UTF-8 with BOM or GBK.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gbk';

export function encodeText(text: string, encoding: TextEncodingName = 'utf-8'): Uint8Array {
  if (encoding === 'gbk') return new Uint8Array(iconv.encode(text, 'gbk'));
  const utf8 = new TextEncoder().encode(text);
  if (encoding === 'utf-8') return utf8;
  const withBom = new Uint8Array(utf8.length + 3);
  withBom.set([0xef, 0xbb, 0xbf]);
  withBom.set(utf8, 3);
  return withBom;
}

/** One table row as lines of cells: two when its label wraps (see RowLayout.wrap). */
function rowLines(cells: string[], layout: RowLayout): string[][] {
  const labelAt = cells.findIndex((cell) => cell.includes('\n'));
  if (labelAt < 0) return [cells];
  const [first = '', second = ''] = (cells[labelAt] ?? '').split('\n');
  const blankBefore = cells.slice(0, labelAt).map(() => '');
  if (layout.wrap === 'valuesOnSecondLine') {
    return [
      [...cells.slice(0, labelAt), first],
      [...blankBefore, second, ...cells.slice(labelAt + 1)],
    ];
  }
  return [
    [...cells.slice(0, labelAt), first, ...cells.slice(labelAt + 1)],
    [...blankBefore, second],
  ];
}

/** Lines of a table block: its rows, and the footers printed between them. */
function tableLines(
  block: Extract<DocumentBlock, { kind: 'table' }>,
  row: (cells: string[]) => string,
): string[] {
  const lines: string[] = [];
  gridRows(block.model).forEach((cells, r) => {
    const layout = block.rows[r] ?? {};
    for (const line of rowLines(cells, layout)) lines.push(row(line));
    if (layout.footerRowAfter !== undefined) lines.push(layout.footerRowAfter);
    lines.push(...(layout.linesAfter ?? []));
  });
  return lines;
}

/** Tab-separated rows (empty cells where merged labels were), paragraphs between blank lines. */
export function renderText(document: LaidOutDocument): string {
  const lines: string[] = [''];
  for (const block of document.blocks) {
    if (block.kind === 'paragraph') lines.push(block.text, '');
    else lines.push(...tableLines(block, (cells) => cells.join('\t')), '');
  }
  return lines.join('\n');
}

/** Markdown: headings with #, tables as pipe rows with a separator after the first. */
export function renderMarkdown(document: LaidOutDocument): string {
  const lines: string[] = [];
  for (const block of document.blocks) {
    if (block.kind === 'paragraph') {
      const prefix = block.role === 'title' ? '# ' : block.role === 'heading' ? '## ' : '';
      lines.push(`${prefix}${block.text}`, '');
      continue;
    }
    const rows = tableLines(block, (cells) => `| ${cells.join(' | ')} |`);
    const width = block.model.cells[0]?.length ?? 1;
    lines.push(rows[0] ?? '', `|${'---|'.repeat(width)}`, ...rows.slice(1), '');
  }
  return lines.join('\n');
}

/**
 * The text a browser gives when a report page is copied whole: navigation, title and body on
 * one line, table cells run together without separators (merged cells once), zeros as 0.
 */
export function renderWebPageLine(generated: GeneratedReport<CanonicalReport>): string {
  const document = layOutReport(generated);
  const pieces: string[] = [
    `当前位置： 首页 > 政务公开 > 政府信息公开 > 政府信息公开年报 ${document.title} 来源：${generated.agency} 时间：${generated.year + 1}-01-26 09:30 【字体：大 中 小】 打印 `,
  ];
  for (const block of document.blocks) {
    if (block.kind === 'paragraph') {
      if (block.role !== 'title')
        pieces.push(block.role === 'heading' ? ` ${block.text} ` : block.text);
      continue;
    }
    const covered = coveredPositions(block.model);
    pieces.push(
      block.model.cells
        .flatMap((row, r) => row.filter((_text, c) => !covered.has(`${r}/${c}`)))
        .join(''),
    );
  }
  pieces.push(' 扫一扫在手机打开当前页 【关闭窗口】');
  return `${pieces.join('')}\n`;
}
