import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Bulletin, BulletinCell, BulletinTable } from './bulletin';
import type { RenderedChart } from './chart-renderer';

/*
 * The 通报 as a Word document (the `docx` package): title, lead sentence, the charts as PNG
 * images, then one heading and one table per list (a sentence instead of an empty table).
 */

/** Width of the charts on the A4 page with the default margins, in pixels at 96 dpi. */
const IMAGE_WIDTH = 600;
const FONT = { ascii: 'SimSun', eastAsia: '仿宋' } as const;

function cellText(value: BulletinCell): string {
  return value === null ? '—' : String(value);
}

function text(value: string, options: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: value, bold: options.bold, size: options.size ?? 22, font: FONT });
}

function table(section: BulletinTable): Table {
  const row = (cells: BulletinCell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (cell) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: typeof cell === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [text(cellText(cell), { bold: header, size: 20 })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(section.columns, true), ...section.rows.map((cells) => row(cells, false))],
  });
}

export async function bulletinDocx(
  bulletin: Bulletin,
  charts: readonly RenderedChart[],
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [text(bulletin.title, { bold: true, size: 36 })],
    }),
    new Paragraph({ spacing: { after: 200 }, children: [text(bulletin.lead)] }),
  ];
  for (const section of bulletin.tables) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 240, after: 120 },
        children: [text(section.title, { bold: true, size: 28 })],
      }),
    );
    children.push(
      section.rows.length === 0
        ? new Paragraph({ children: [text(section.empty)] })
        : table(section),
    );
    // The charts follow the summary they illustrate.
    if (section.key === 'summary') {
      for (const rendered of charts) {
        const height = Math.round((IMAGE_WIDTH * rendered.height) / rendered.width);
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200 },
            children: [
              new ImageRun({
                type: 'png',
                data: rendered.png,
                transformation: { width: IMAGE_WIDTH, height },
                altText: {
                  name: rendered.chart.key,
                  title: rendered.chart.caption,
                  description: rendered.chart.caption,
                },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [text(rendered.chart.caption, { size: 20 })],
          }),
        );
      }
    }
  }
  const document = new Document({
    creator: 'Disclosure Atlas',
    title: bulletin.title,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
