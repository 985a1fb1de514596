import iconv from 'iconv-lite';
import type { CanonicalReport } from '@atlas/report-model';
import type { GeneratedReport } from './generated-reports';
import { coveredPositions, type DocumentBlock, type LaidOutDocument } from './render-document';
import type { MergedRange, TableModel } from './table-model';

/**
 * A laid-out report as a government CMS page: navigation, the article with Word-exported tables
 * (rowspan/colspan, header text one character per <p><span>, labels split over two <p> with a
 * <span> per character, &nbsp; for blanks and spaces), and a site footer.
 */

export interface HtmlOptions {
  /** GBK bytes with <meta charset=gb2312> (older sites). */
  encoding?: 'utf-8' | 'gbk';
  /** The page laid out in an outer <table> (the report's tables nested inside it). */
  layoutTable?: boolean;
  /**
   * `word` (default): the markup of Word's "save as HTML" pasted into the CMS (MsoNormal
   * paragraphs, a <span> per piece); `plain`: bare <td> text as CMS table editors write it.
   */
  cellStyle?: 'word' | 'plain';
  /** Plain cells only: long labels broken with <br> where the editor pressed Enter. */
  labelBreaks?: boolean;
}

const HEADER_ROWS: Record<string, number> = { table2: 0, table3: 3, table4: 3 };

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/ /g, '&nbsp;');
}

/** A value cell as Word writes it: one paragraph, whatever its separators, unit or 增/减. */
const NUMBER_LIKE = /^(?:[增减-]?[\d０-９.．,]+(?:件|万元|元)?|[/—无-])$/;
const span = (piece: string): string =>
  `<span style='font-size:10.5pt;font-family:仿宋_GB2312'>${escapeHtml(piece)}</span>`;

/** Word's markup for one cell's text. */
function cellHtml(text: string, header: boolean): string {
  if (text === '') return '<p class=MsoNormal align=center><span lang=EN-US>&nbsp;</span></p>';
  if (NUMBER_LIKE.test(text)) {
    return `<p class=MsoNormal align=center><span lang=EN-US style='font-size:10.5pt'>${escapeHtml(text)}</span></p>`;
  }
  if (header) {
    // A vertical header: one paragraph per character.
    return [...text]
      .map((char) => `<p class=MsoNormal align=center>${span(char)}</p>`)
      .join('\r\n');
  }
  const lines = text.split('\n');
  return lines
    .map((line) => {
      const half = Math.ceil(line.length / 2);
      const spans = (part: string): string =>
        (part.match(/[\x21-\x7e]+|[^\x21-\x7e]/g) ?? []).map(span).join('\r\n');
      return `<p class=MsoNormal>${spans(line.slice(0, half))}</p>\r\n<p class=MsoNormal>${spans(line.slice(half))}</p>`;
    })
    .join('<br>\r\n');
}

function mergeAt(model: TableModel, row: number, column: number): MergedRange | undefined {
  return model.merges.find(
    (m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right,
  );
}

/** A CMS table editor's cell: the text, `<br>` for line breaks, &nbsp; for an empty cell. */
function plainCellHtml(text: string, labelBreaks: boolean): string {
  if (text === '') return '&nbsp;';
  let broken = text;
  if (labelBreaks && !text.includes('\n') && text.length > 14) {
    const at = text.indexOf('（', 4) > 0 ? text.indexOf('（', 4) : Math.ceil(text.length / 2);
    broken = `${text.slice(0, at)}\n${text.slice(at)}`;
  }
  return broken
    .split('\n')
    .map((line) => escapeHtml(line).replace(/&nbsp;/g, ' '))
    .join('<br>');
}

function tableHtml(block: Extract<DocumentBlock, { kind: 'table' }>, options: HtmlOptions): string {
  const plain = options.cellStyle === 'plain';
  const { model } = block;
  const covered = coveredPositions(model);
  const width = model.cells[0]?.length ?? 1;
  const headerRows = HEADER_ROWS[block.table] ?? 0;
  const rows: string[] = [];
  model.cells.forEach((row, r) => {
    const cells = row.flatMap((text, c) => {
      if (covered.has(`${r}/${c}`)) return [];
      const merge = mergeAt(model, r, c);
      const rowSpan = merge ? merge.bottom - merge.top + 1 : 1;
      const colSpan = merge ? merge.right - merge.left + 1 : 1;
      const spans =
        (rowSpan > 1 ? ` rowspan=${rowSpan}` : '') + (colSpan > 1 ? ` colspan=${colSpan}` : '');
      if (plain) return [`<td${spans}>${plainCellHtml(text, options.labelBreaks === true)}</td>`];
      return [
        `<td${spans} valign=center style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>\r\n  ${cellHtml(text, r < headerRows)}</td>`,
      ];
    });
    rows.push(` <tr style='height:20.0pt'>\r\n${cells.join('\r\n')}\r\n </tr>`);
    const footer = block.rows[r]?.footerRowAfter;
    if (footer !== undefined) {
      rows.push(
        ` <tr><td colspan=${width} style='border:none'><p class=MsoNormal align=center>${escapeHtml(footer)}</p></td></tr>`,
      );
    }
  });
  if (plain)
    return `<table border="1" cellspacing="0" cellpadding="0" width="100%">\r\n<tbody>\r\n${rows.join('\r\n')}\r\n</tbody></table>`;
  return `<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\r\n<tbody>\r\n${rows.join('\r\n')}\r\n</tbody></table></div>`;
}

function paragraphHtml(block: Extract<DocumentBlock, { kind: 'paragraph' }>): string {
  const text = escapeHtml(block.text).replace(/&nbsp;/g, ' ');
  switch (block.role) {
    case 'title':
      return `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${text}</span></b></p>`;
    case 'heading':
      return `<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:黑体'>${text}</span></p>`;
    case 'footer':
      return `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>${text}</span></p>`;
    case 'body':
      // CMS editors indent with &nbsp; and leave empty paragraphs between blocks.
      return `<p class=MsoNormal style='line-height:28.0pt'><span style='font-family:仿宋_GB2312'>&nbsp;&nbsp;&nbsp;&nbsp;${text}</span></p>\r\n<p class=MsoNormal>&nbsp;</p>`;
  }
}

/** The article body: the report's paragraphs and tables. */
export function renderHtmlBody(document: LaidOutDocument, options: HtmlOptions = {}): string {
  return document.blocks
    .map((block) => (block.kind === 'paragraph' ? paragraphHtml(block) : tableHtml(block, options)))
    .join('\r\n');
}

/** A whole CMS page around the report. */
export function renderHtmlPage(
  document: LaidOutDocument,
  generated: GeneratedReport<CanonicalReport>,
  options: HtmlOptions = {},
): Uint8Array {
  const charset = options.encoding === 'gbk' ? 'gb2312' : 'utf-8';
  const site = `${generated.agency.replace(/(局|办公室|办公厅)$/, '')}门户网站`;
  const article = [
    '<div class="article">',
    `<h1 class="title">${escapeHtml(document.title).replace(/&nbsp;/g, ' ')}</h1>`,
    `<div class="info"><span>发布时间：${generated.year + 1}-01-20 15:30</span><span>来源：${generated.agency}</span><span>浏览次数：<em id="hits">1288</em></span></div>`,
    '<div class="TRS_Editor"><div class=WordSection1>',
    renderHtmlBody(document, options),
    '</div></div>',
    '<div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div>',
    '</div>',
  ].join('\r\n');
  const main = options.layoutTable
    ? `<table width="1000" border="0" align="center"><tr><td valign="top" class="left">${article}</td></tr></table>`
    : `<div class="main">${article}</div>`;
  const html = [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml"><head>',
    `<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />`,
    `<title>${document.title}_政府信息公开年报_${site}</title>`,
    '<style>.nav li{float:left} .footer{color:#666}</style>',
    '<script type="text/javascript">var _hits = 1288; document.write("");</script>',
    '</head><body>',
    `<div class="header"><div class="logo">${site}</div><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>`,
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>',
    main,
    `<div class="footer"><p>主办：${generated.agency}\u3000承办：信息中心</p><p>网站标识码：4401000042\u3000ICP备案号：粤ICP备05012345号-1</p><p>联系电话：020-83331234</p></div>`,
    '</body></html>',
  ].join('\r\n');
  return options.encoding === 'gbk'
    ? new Uint8Array(iconv.encode(html, 'gbk'))
    : new TextEncoder().encode(html);
}
