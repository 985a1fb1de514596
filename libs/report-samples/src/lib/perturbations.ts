/**
 * The ways real documents print the same report differently (typos, numbering, zero marks,
 * units, separators, full-width digits …), and the formatter that writes values accordingly.
 */

export interface Perturbations {
  /** 2.其他法律行政止公开 (table 3) and 行政法复议 (table 4 header). */
  labelTypos?: boolean;
  /** "1、属于国家秘密" instead of "1.属于国家秘密". */
  enumerationComma?: boolean;
  /** Full-width digits in values and labels, full-width points ("１．", "１２３４．５６"). */
  fullWidth?: boolean;
  /** Spaces inside labels ("一、本年新收 政府信息公开申请数量", "1. 属于国家秘密"). */
  spacesInLabels?: boolean;
  /** Half-width brackets with a space: "(一) 予以公开" (text copied from web pages). */
  asciiBrackets?: boolean;
  /** Zero cells printed as these marks in turn ('' blank, '/', '—', '无', …). */
  zeroMarks?: readonly string[];
  /** 行政规范性文件 本年制发件数 printed with a note: "22（其中修订 16 件）". */
  noteInTable2?: boolean;
  /** （二）部分公开（区分处理的，只计这一情形， / 不计其他情形） on two lines. */
  wrappedLabel?: 'valuesOnFirstLine' | 'valuesOnSecondLine';
  /** "3.其他" one column to the left of the other sub-item labels (a miscounted rowspan). */
  shiftedOther?: boolean;
  /** Page footers ("— 4 —", "-5-") between rows of table 3. */
  pageFooters?: boolean;
  /** Table 3 split in two (a page break), the three header rows repeated on the second part. */
  splitTable3?: boolean;
  /** The template's parenthesised notes left out (（区分处理的，…）, the balance note of table 3). */
  dropNotes?: boolean;
  /** Numbers from 1000 on written "1,234". */
  thousandsSeparators?: boolean;
  /** Table-2 counts written with their unit: "30件". */
  countUnit?: boolean;
  /** The fee (2021 table 2) with its unit: "12.5万元", or in yuan "125000元". */
  feeUnit?: '万元' | '元';
  /** 2019 本年增/减: "增3" / "减4" (words) or "3" / "-4" (sign). */
  changeStyle?: 'words' | 'sign';
}

/** What a number means, which decides how documents write it. */
export type ValueKind = 'count' | 'table2Count' | 'fee' | 'change' | 'amount';

const FULL_WIDTH_OFFSET = 0xfee0;

/** ASCII digits, letters and punctuation to their full-width forms. */
export function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (char) =>
    String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_OFFSET),
  );
}

/** Values as printed: a number, or a zero mark; full-width if asked. */
export class ValueFormatter {
  private zeros = 0;

  constructor(private readonly perturb: Perturbations = {}) {}

  format(value: number, kind: ValueKind = 'count'): string {
    const marks = this.perturb.zeroMarks;
    if (value === 0 && marks && marks.length > 0) return marks[this.zeros++ % marks.length] ?? '';
    const text = this.written(value, kind);
    return this.perturb.fullWidth ? toFullWidth(text) : text;
  }

  private written(value: number, kind: ValueKind): string {
    const perturb = this.perturb;
    const number = (n: number): string =>
      perturb.thousandsSeparators && Math.abs(n) >= 1000 ? withSeparators(n) : String(n);
    switch (kind) {
      case 'fee':
        if (perturb.feeUnit === '元') return `${number(Math.round(value * 10_000))}元`;
        return perturb.feeUnit === '万元' ? `${number(value)}万元` : number(value);
      case 'change':
        if (perturb.changeStyle !== 'words' || value === 0) return number(value);
        return value > 0 ? `增${number(value)}` : `减${number(-value)}`;
      case 'table2Count':
        return perturb.countUnit ? `${number(value)}件` : number(value);
      case 'count':
      case 'amount':
        return number(value);
    }
  }
}

/** 1234567.5 → "1,234,567.5". */
export function withSeparators(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Numbering and spacing perturbations that apply to every label. */
export function perturbLabel(label: string, perturb: Perturbations): string {
  let text = label;
  if (perturb.enumerationComma) text = text.replace(/^(\d{1,2})\./, '$1、');
  if (perturb.spacesInLabels) {
    text = text
      .replace(/^(\d{1,2}[.、])/, '$1 ')
      .replace(/^([一二三四]、本年新收)/, '$1 ')
      .replace('不予公开', '不予 公开')
      .replace('行政规范性文件', '行政规范性 文件')
      .replace('（七）总计', '（七）总 计');
  }
  if (perturb.asciiBrackets) text = text.replace(/^（([一二三四五六七])）/, '($1) ');
  if (perturb.fullWidth)
    text = text.replace(/^(\d{1,2})\./, (_m, digits: string) => `${toFullWidth(digits)}．`);
  return text;
}
