import type { OfficialDocxStyle } from '../render-docx-official';
import type { HtmlOptions } from '../render-html';
import type { Perturbations } from '../perturbations';
import type { XlsxLayout } from '../render-xlsx';
import type { SeededRandom } from '../seeded-random';

/**
 * How one document of a path is printed, drawn per document within what real documents show.
 * Each chooser returns plain data, recorded with the document so a failure can be reproduced.
 */

/** Zero as 0 (no mark), blank, /, —, 无, or blank and / mixed. */
const ZERO_MARKS: readonly (readonly [readonly string[] | null, number])[] = [
  [null, 5],
  [[''], 3],
  [['/'], 1],
  [['—'], 1],
  [['无'], 0.5],
  [['', '/'], 0.5],
];

/** Marks a scan keeps (OCR cannot see a blank cell's position). */
const PRINTED_ZERO_MARKS: readonly (readonly [readonly string[] | null, number])[] = [
  [null, 6],
  [['/'], 1],
  [['—'], 1],
];

function zeroMarks(random: SeededRandom, marks = ZERO_MARKS): Perturbations {
  const chosen = random.weighted(marks);
  return chosen ? { zeroMarks: chosen } : {};
}

/** What a clerk changes when filling in a Word template. */
export function templatePerturbations(random: SeededRandom): Perturbations {
  return {
    ...zeroMarks(random),
    ...(random.chance(0.3) ? { enumerationComma: true } : {}),
    ...(random.chance(0.25) ? { dropNotes: true } : {}),
    ...(random.chance(0.5) ? { changeStyle: 'words' as const } : {}),
  };
}

export function officialDocxStyle(random: SeededRandom): OfficialDocxStyle {
  return {
    valueAlign: random.chance(0.4) ? 'top' : 'center',
    labelWidth: random.int(1700, 2800),
    tableFontSize: random.pick([21, 24]),
  };
}

/** A CMS page: Word markup or bare cells, units and separators typed into some cells. */
export function cmsVariant(random: SeededRandom): { html: HtmlOptions; perturb: Perturbations } {
  const plain = random.chance(0.5);
  const feeUnit = random.weighted([
    [null, 7],
    ['万元', 2],
    ['元', 1],
  ] as const);
  return {
    html: {
      cellStyle: plain ? 'plain' : 'word',
      ...(plain && random.chance(0.5) ? { labelBreaks: true } : {}),
      ...(random.chance(0.25) ? { layoutTable: true } : {}),
      ...(random.chance(0.25) ? { encoding: 'gbk' as const } : {}),
    },
    perturb: {
      ...templatePerturbations(random),
      ...(random.chance(0.3) ? { thousandsSeparators: true } : {}),
      ...(random.chance(0.2) ? { countUnit: true } : {}),
      ...(feeUnit ? { feeUnit } : {}),
      ...(random.chance(0.1) ? { noteInTable2: true } : {}),
      ...(random.chance(0.05) ? { labelTypos: true } : {}),
      ...(random.chance(0.1) ? { spacesInLabels: true } : {}),
    },
  };
}

export function ocrPerturbations(random: SeededRandom): Perturbations {
  return {
    ...zeroMarks(random, PRINTED_ZERO_MARKS),
    ...(random.chance(0.3) ? { enumerationComma: true } : {}),
    ...(random.chance(0.15) ? { noteInTable2: true } : {}),
    ...(random.chance(0.5) ? { changeStyle: 'words' as const } : {}),
  };
}

export function xlsxVariant(random: SeededRandom): { layout: XlsxLayout; perturb: Perturbations } {
  return {
    layout: random.chance(0.5) ? 'oneSheet' : 'threeSheets',
    perturb: {
      ...zeroMarks(random),
      ...(random.chance(0.3) ? { enumerationComma: true } : {}),
    },
  };
}
