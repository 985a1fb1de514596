import { unzipSync, zipSync } from 'fflate';
import { buildZip } from './zip-fixture';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

const PACKAGE_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" ' +
  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
  'Target="word/document.xml"/></Relationships>';

/** A table cell for `buildDocx`: its text, or its paragraphs and merge marks. */
export type DocxCellModel =
  string | { paragraphs: string[]; gridSpan?: number; vMerge?: 'restart' | 'continue' };

export type DocxBlock = { paragraph: string } | { table: DocxCellModel[][] };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<w:p>` with one run; `\n` in the text becomes `<w:br/>`. */
export function docxParagraph(text: string): string {
  const runs = text
    .split('\n')
    .map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`)
    .join('<w:br/>');
  return `<w:p><w:r>${runs}</w:r></w:p>`;
}

function docxCell(model: DocxCellModel): string {
  const cell = typeof model === 'string' ? { paragraphs: [model] } : model;
  const properties =
    (cell.gridSpan ? `<w:gridSpan w:val="${cell.gridSpan}"/>` : '') +
    (cell.vMerge ? `<w:vMerge${cell.vMerge === 'restart' ? ' w:val="restart"' : ''}/>` : '');
  const paragraphs =
    cell.paragraphs.length > 0 ? cell.paragraphs.map(docxParagraph).join('') : '<w:p/>';
  return `<w:tc><w:tcPr>${properties}</w:tcPr>${paragraphs}</w:tc>`;
}

/** word/document.xml for paragraphs and tables (what `buildDocx` zips). */
export function docxDocumentXml(blocks: DocxBlock[]): string {
  const body = blocks
    .map((block) =>
      'paragraph' in block
        ? docxParagraph(block.paragraph)
        : `<w:tbl>${block.table.map((row) => `<w:tr>${row.map(docxCell).join('')}</w:tr>`).join('')}</w:tbl>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A minimal DOCX (content types, package relationships, document.xml). */
export function buildDocx(blocksOrDocumentXml: DocxBlock[] | string): Uint8Array {
  const documentXml =
    typeof blocksOrDocumentXml === 'string'
      ? blocksOrDocumentXml
      : docxDocumentXml(blocksOrDocumentXml);
  return buildZip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': PACKAGE_RELS,
    'word/document.xml': documentXml,
  });
}

/** Text for the cell at a grid position: table (1-based, document order), row, column (grid). */
export interface DocxCellFill {
  table: number;
  row: number;
  column: number;
  text: string;
}

/**
 * Returns a copy of a DOCX whose cells at the given grid positions hold the given text instead
 * of their paragraphs (cell properties such as merges are kept). Positions count as readDocx
 * does: tables in start order, w:tr per row, grid columns with w:gridBefore and w:gridSpan.
 */
export async function fillDocxCells(docx: Uint8Array, fills: DocxCellFill[]): Promise<Uint8Array> {
  const parts = unzipSync(docx);
  const xml = new TextDecoder().decode(parts['word/document.xml']);
  const wanted = new Map(
    fills.map((fill) => [`${fill.table}/${fill.row}/${fill.column}`, fill.text]),
  );
  const edits: { start: number; end: number; text: string }[] = [];

  // htmlparser2 is ESM only: a real dynamic import.
  const { Parser } = await import('htmlparser2');
  const tables: { number: number; row: number; column: number }[] = [];
  let tableCount = 0;
  let cell: { key: string; contentStart: number; gridSpan: number } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const table = tables.at(-1);
        if (name === 'w:tbl') tables.push({ number: ++tableCount, row: 0, column: 1 });
        else if (name === 'w:tr' && table) {
          table.row++;
          table.column = 1;
        } else if (name === 'w:gridBefore' && table) table.column += Number(attribs['w:val'] ?? 0);
        else if (name === 'w:tc' && table) {
          cell = {
            key: `${table.number}/${table.row}/${table.column}`,
            contentStart: parser.endIndex + 1,
            gridSpan: 1,
          };
        } else if (name === 'w:gridSpan' && cell) cell.gridSpan = Number(attribs['w:val'] ?? 1);
      },
      onclosetag(name) {
        const table = tables.at(-1);
        if (name === 'w:tbl') tables.pop();
        else if (name === 'w:tcPr' && cell) cell.contentStart = parser.endIndex + 1;
        else if (name === 'w:tc' && cell && table) {
          const text = wanted.get(cell.key);
          if (text !== undefined)
            edits.push({ start: cell.contentStart, end: parser.startIndex, text });
          table.column += cell.gridSpan;
          cell = undefined;
        }
      },
    },
    { xmlMode: true },
  );
  parser.write(xml);
  parser.end();
  if (edits.length !== wanted.size)
    throw new Error(`only ${edits.length} of ${wanted.size} cells found`);

  // Pieces joined once: slicing the whole document per edit is quadratic.
  const pieces: string[] = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    pieces.push(xml.slice(at, edit.start), docxParagraph(edit.text));
    at = edit.end;
  }
  pieces.push(xml.slice(at));
  parts['word/document.xml'] = new TextEncoder().encode(pieces.join(''));
  return zipSync(parts);
}
