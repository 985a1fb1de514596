import { coveredPositions, type DocumentBlock, type LaidOutDocument } from './render-document';
import type { SeededRandom } from './seeded-random';

/**
 * Markdown as PDF-to-text and OCR tools write a report (see the corpus's shanghai-office-2025):
 * text hard-wrapped at the page width with page footers ("— 5 —") between lines; tables as
 * `|` rows broken into pieces, each piece with its own separator row, sometimes a repeated
 * heading or a footer between pieces; header rows broken up into loose lines; long labels
 * pulled out of their row onto lines of their own or split over two cells; the merged group
 * labels of （三）…（六） printed in halves beside two of their rows; a lost `|` that glues two
 * neighbouring cells ("| 0 36 |"). Every number of the tables stays printed, in row order.
 */

type TableBlock = Extract<DocumentBlock, { kind: 'table' }>;

interface OcrRow {
  kind: 'header' | 'data';
  /** Merged labels to the left (三、本年度办理结果, （三）不予公开 …), in order. */
  groups: string[];
  /** The row's own label ('' for table 4's value row). */
  label: string;
  values: string[];
  /** Header rows: every cell's text. */
  cells: string[];
}

const FIRST_VALUE_COLUMN: Record<TableBlock['table'], number> = {
  table2: 1,
  table3: 3,
  table4: 0,
};
const VALUE_TEXT = /^[\d.,\-—/无０-９．件万元增减（）()其中修订 ]*$/;
const CAPTIONS: Record<TableBlock['table'], string> = {
  table2: '## 表二：主动公开政府信息情况',
  table3: '## 表三：收到和处理政府信息公开申请情况',
  table4: '## 表四：政府信息公开行政复议、行政诉讼情况',
};
const RESULTS_LABEL = '三、本年度办理结果';

function tableRows(block: TableBlock): OcrRow[] {
  const covered = coveredPositions(block.model);
  const firstValue = FIRST_VALUE_COLUMN[block.table];
  return block.model.cells.map((row, r) => {
    const cells = row.map((text, c) => ({ text, c })).filter(({ c }) => !covered.has(`${r}/${c}`));
    const labels = cells.filter(({ c }) => c < firstValue).map(({ text }) => text);
    const values = cells.filter(({ c }) => c >= firstValue).map(({ text }) => text);
    const data =
      values.length > 0 &&
      values.every((value) => VALUE_TEXT.test(value)) &&
      values.some((value) => /\d/.test(value) || value !== '') &&
      (block.table === 'table4' || (labels.at(-1) ?? '') !== '');
    const texts = cells.map(({ text }) => text).filter((text) => text !== '');
    return data
      ? {
          kind: 'data',
          groups: labels.slice(0, -1).filter(Boolean),
          label: labels.at(-1) ?? '',
          values,
          cells: texts,
        }
      : { kind: 'header', groups: [], label: '', values: [], cells: texts };
  });
}

const pipeRow = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const separator = (width: number): string => `|${'---|'.repeat(Math.max(1, width))}`;

/** Cuts a text into pieces of about `width` characters, never inside a run of digits. */
export function hardWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = width;
    while (cut > 1 && /[\d.]/.test(rest[cut - 1] ?? '') && /[\d.]/.test(rest[cut] ?? '')) cut--;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') lines.push(rest);
  return lines;
}

/** Splits a label into `parts` pieces of similar length. */
function splitLabel(label: string, parts: number): string[] {
  const size = Math.ceil(label.length / parts);
  return Array.from({ length: parts }, (_, i) => label.slice(i * size, (i + 1) * size)).filter(
    Boolean,
  );
}

class OcrWriter {
  readonly lines: string[] = [];
  private page = 1;
  private sinceFooter = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly width: number,
    private readonly spacedNumbers: boolean,
  ) {}

  footer(): void {
    this.page++;
    this.lines.push(`— ${this.page} —`);
    this.sinceFooter = 0;
  }

  text(line: string): void {
    this.lines.push(line);
    if (++this.sinceFooter >= 28) this.footer();
  }

  paragraph(block: Extract<DocumentBlock, { kind: 'paragraph' }>): void {
    if (block.role === 'footer') return this.footer();
    let text = block.text;
    // OCR puts spaces around numbers inside Chinese text ("受理政府信息公开申请 1295 件").
    if (this.spacedNumbers && block.role === 'body')
      text = text.replace(/(?<=[^\d\s.])(\d[\d.]*)(?=[^\d.])/g, ' $1 ');
    const width = block.role === 'title' ? 24 : this.width;
    for (const line of hardWrap(text, width)) this.text(line);
    if (block.role !== 'title') this.lines.push('');
  }

  table(block: TableBlock): void {
    const random = this.random;
    const rows = tableRows(block);
    const dataRows = rows.filter((row) => row.kind === 'data');
    const groupHalves = this.planGroupHalves(rows);
    const scatterResults = random.chance(0.5);
    const brokenHeader = block.table !== 'table2' && random.chance(0.6);
    const glued = new Set(
      dataRows.filter((row) => row.values.length >= 4 && random.chance(0.08)).map((row) => row),
    );
    let pieceOpen = false;
    let pieceWidth = 0;
    const startPiece = (cells: string[], caption: boolean) => {
      if (pieceOpen) this.lines.push('');
      if (caption && random.chance(0.5)) this.lines.push(CAPTIONS[block.table]);
      this.lines.push(pipeRow(cells), separator(cells.length));
      pieceOpen = true;
      pieceWidth = cells.length;
    };
    const addRow = (cells: string[]) => {
      if (!pieceOpen) return startPiece(cells, true);
      this.lines.push(pipeRow(cells));
      if (random.chance(0.08)) this.lines.push(separator(pieceWidth));
    };
    const breakPiece = () => {
      if (pieceOpen) this.lines.push('');
      pieceOpen = false;
    };

    rows.forEach((row, index) => {
      if (row.kind === 'header') {
        if (brokenHeader && index < 3) {
          // The header's text comes out as loose lines; only its last row stays a table row.
          if (index < 2 || rows[index + 1]?.kind === 'header') {
            breakPiece();
            for (const cell of row.cells) for (const line of hardWrap(cell, 20)) this.text(line);
            return;
          }
        }
        if (row.cells.length === 1 && block.table === 'table2') {
          // A clause row (第二十条第（五）项) spans the table: OCR prints it as a line.
          breakPiece();
          this.text(row.cells[0] ?? '');
          return;
        }
        addRow(row.cells);
        return;
      }
      if (pieceOpen && index > 4 && random.chance(0.1)) {
        breakPiece();
        if (random.chance(0.6)) this.footer();
      }
      const groups = row.groups.filter((group) => {
        if (group === RESULTS_LABEL && scatterResults) return false;
        return !groupHalves.has(group);
      });
      const half = groupHalves.get(row.label);
      if (half !== undefined) groups.push(half);
      if (row.groups.includes(RESULTS_LABEL) && scatterResults) {
        // The vertical label 三、本年度办理结果 ends up as short lines between pieces.
        breakPiece();
        for (const piece of splitLabel(RESULTS_LABEL, 3)) this.text(piece);
      }
      const values = glued.has(row) ? glue(row.values, random) : row.values;
      let labelCells = row.label === '' ? [] : [row.label];
      if (row.label.length >= 15 && half === undefined && random.chance(0.35)) {
        // A wrapped label pulled out of its row: its lines stand alone, the values follow.
        breakPiece();
        for (const line of splitLabel(row.label, random.int(1, 2))) this.text(line);
        labelCells = [];
      } else if (/^\d/.test(row.label) && row.label.length >= 20 && random.chance(0.3)) {
        // A sub-item label over three lines: its first line alone, the rest over two cells.
        const [first = '', ...rest] = splitLabel(row.label, 3);
        breakPiece();
        this.text(first);
        labelCells = splitLabel(rest.join(''), 2);
      }
      addRow([...groups, ...labelCells, ...values]);
    });
    breakPiece();
  }

  /** The merged group labels (（三）不予公开 …) printed in halves beside two middle rows. */
  private planGroupHalves(rows: OcrRow[]): Map<string, string> {
    const halves = new Map<string, string>();
    const labels = rows.map((row) => row.label);
    for (const row of rows) {
      const group = row.groups.find((g) => /^（[三四五六]）/.test(g));
      if (!group || !this.random.chance(0.5)) continue;
      const members = rows.slice(rows.indexOf(row)).filter((_r, i) => i < 8);
      const size = members.findIndex(
        (member, i) => i > 0 && (member.groups.length > 0 || !/^\d/.test(member.label)),
      );
      const count = size < 0 ? members.length : size;
      if (count < 3) continue;
      const middle = rows.indexOf(row) + Math.floor((count - 1) / 2);
      const [first = '', second = ''] = splitLabel(group, 2);
      halves.set(group, '');
      halves.set(labels[middle] ?? '', first);
      halves.set(labels[middle + 1] ?? '', second);
    }
    return halves;
  }
}

/** Two neighbouring values whose `|` was lost: "0 | 36" → "0 36". */
function glue(values: string[], random: SeededRandom): string[] {
  const at = random.int(0, values.length - 2);
  return [...values.slice(0, at), `${values[at]} ${values[at + 1]}`, ...values.slice(at + 2)];
}

export function renderMarkdownOcr(document: LaidOutDocument, random: SeededRandom): string {
  const writer = new OcrWriter(random, random.int(26, 34), random.chance(0.5));
  if (random.chance(0.5)) writer.text('正文');
  for (const block of document.blocks) {
    if (block.kind === 'paragraph') writer.paragraph(block);
    else writer.table(block);
  }
  return `${writer.lines.join('\n')}\n`;
}
