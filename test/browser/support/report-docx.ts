import { renderReportText } from '@atlas/demo-data';
import type { CanonicalReport } from '@atlas/report-model';
import { strToU8, zipSync } from 'fflate';

/**
 * A report as a Word document, the way agencies publish it: the title and parts as paragraphs,
 * tables 2, 3 and 4 as real Word tables. The text comes from the demo data's renderer (the
 * official layout, tab-separated cells), so the document carries exactly the report's numbers;
 * every run of tab-separated lines becomes one `<w:tbl>`, each tab a cell.
 */
export function reportDocx(report: CanonicalReport): Uint8Array {
  const blocks: string[] = [];
  let rows: string[][] = [];
  const flushTable = () => {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((row) => row.length));
    blocks.push(table(rows, width));
    rows = [];
  };
  for (const line of renderReportText(report).split('\n')) {
    if (line.includes('\t')) {
      rows.push(line.split('\t'));
      continue;
    }
    flushTable();
    if (line.trim() !== '') blocks.push(paragraph(line));
  }
  flushTable();
  return buildDocx(blocks.join(''));
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function paragraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

/** A row shorter than the table stretches its last cell over the remaining grid columns. */
function table(rows: string[][], width: number): string {
  const grid = `<w:tblGrid>${'<w:gridCol w:w="900"/>'.repeat(width)}</w:tblGrid>`;
  const body = rows
    .map((cells) => {
      const spanLast = width - cells.length + 1;
      const tcs = cells.map((text, index) => {
        const span =
          index === cells.length - 1 && spanLast > 1 ? `<w:gridSpan w:val="${spanLast}"/>` : '';
        return `<w:tc><w:tcPr>${span}</w:tcPr>${text === '' ? '<w:p/>' : paragraph(text)}</w:tc>`;
      });
      return `<w:tr>${tcs.join('')}</w:tr>`;
    })
    .join('');
  return `<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>${grid}${body}</w:tbl>`;
}

function buildDocx(body: string): Uint8Array {
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ' +
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const packageRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" ' +
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
    'Target="word/document.xml"/></Relationships>';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(packageRels),
    'word/document.xml': strToU8(document),
  });
}
