import {
  APPLICANT_TYPE_COLUMN_KEYS,
  APPLICATION_ROW,
  applicationRowKeysFor,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  table3Layout,
  type ApplicationRowKey,
  type CanonicalReport,
  type Report2021,
} from '@atlas/report-model';
import type { GeneratedReport } from './generated-reports';
import { perturbLabel, ValueFormatter, type Perturbations, type ValueKind } from './perturbations';
import { proactive2019TableModel } from './proactive-2019-table';
import { TableModelBuilder, type TableModel } from './table-model';

/**
 * A generated report laid out as a document — title, text of parts 一…六 and tables 2–4 as
 * grids with merged cells like the official template — with the perturbations real documents
 * have. The render-*.ts modules write this layout out as text, Markdown, HTML, DOCX or XLSX.
 */

export type TableName = 'table2' | 'table3' | 'table4';

/** Per row of a table model: what line-based renderings print around it. */
export interface RowLayout {
  /** Printed as lines of their own after the row (text, Markdown); ignored by grid formats. */
  linesAfter?: string[];
  /** A row of one merged cell after this row (grid formats), a line of text elsewhere. */
  footerRowAfter?: string;
  /** The row's label holds a line break: which of the two lines the values are on. */
  wrap?: 'valuesOnFirstLine' | 'valuesOnSecondLine';
}

export type DocumentBlock =
  | { kind: 'paragraph'; role: 'title' | 'heading' | 'body' | 'footer'; text: string }
  | { kind: 'table'; table: TableName; model: TableModel; rows: RowLayout[] };

export interface LaidOutDocument {
  title: string;
  blocks: DocumentBlock[];
}

const NOTES = ['（区分处理的，只计这一情形，不计其他情形）'];
/** The note in table 3's corner. */
export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const RESULTS = '三、本年度办理结果';
const GROUP_LABELS: Record<string, string> = {
  denied: '（三）不予公开',
  unavailable: '（四）无法提供',
  notProcessed: '（五）不予处理',
  otherHandling: '（六）其他处理',
};

/** The label a document prints for a table-3 row, with the perturbations. */
export function table3RowLabel(key: ApplicationRowKey, perturb: Perturbations): string {
  let label: string = APPLICATION_ROW[key].label.replace('"三安全一稳定"', '“三安全一稳定”');
  if (perturb.labelTypos && key === 'denied.lawProhibited') label = '2.其他法律行政止公开';
  if (perturb.wrappedLabel && key === 'partiallyGranted') {
    label = '（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）';
  }
  if (perturb.dropNotes) for (const note of NOTES) label = label.replace(note, '');
  return perturbLabel(label, perturb);
}

function groupOf(key: ApplicationRowKey): string | null {
  const dot = key.indexOf('.');
  return dot > 0 ? key.slice(0, dot) : null;
}

const TABLE3_WIDTH = 10;

function table3Header(builder: TableModelBuilder, rows: RowLayout[], perturb: Perturbations): void {
  builder
    .nextRow()
    .cell(perturb.dropNotes ? '' : BALANCE_NOTE, 3, 3)
    .cell('申请人情况', 1, 7);
  builder.nextRow().cell('自然人', 2).cell('法人或其他组织', 1, 5).cell('总计', 2);
  builder.nextRow();
  for (const label of ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'])
    builder.cell(label);
  rows.push({}, {}, {});
}

/**
 * Table 3 as the official template lays it out (三、本年度办理结果 over 20 or 22 rows, the groups
 * （三）…（六） over their sub-items, labels of whole rows over three columns), as one grid or,
 * with `splitTable3`, two: the second repeats the header and leaves the merged group labels of
 * its first rows blank (they were printed on the page before).
 */
export function table3Parts(
  report: CanonicalReport,
  perturb: Perturbations,
): { model: TableModel; rows: RowLayout[] }[] {
  const format = new ValueFormatter(perturb);
  const keys = applicationRowKeysFor(table3Layout(report));
  const resultKeys = keys.filter((key) =>
    (APPLICATION_ROW[key].headings as readonly string[]).includes(RESULTS),
  );
  const splitAt = perturb.splitTable3 ? keys.indexOf('unavailable.notHeld') : -1;
  const parts = splitAt > 0 ? [keys.slice(0, splitAt), keys.slice(splitAt)] : [keys];
  return parts.map((partKeys, partIndex) => {
    const builder = new TableModelBuilder(TABLE3_WIDTH);
    const rows: RowLayout[] = [];
    table3Header(builder, rows, perturb);
    partKeys.forEach((key, index) => {
      builder.nextRow();
      const layout: RowLayout = {};
      const label = table3RowLabel(key, perturb);
      const group = groupOf(key);
      const inResults = resultKeys.includes(key);
      if (
        inResults &&
        (index === 0 || !resultKeys.includes(partKeys[index - 1] ?? 'newReceived'))
      ) {
        const span = partKeys.filter((k) => resultKeys.includes(k)).length;
        builder.cell(partIndex === 0 || key === 'granted' ? RESULTS : '', span);
      }
      if (!inResults) {
        builder.cell(label, 1, 3);
      } else if (group === null) {
        builder.cell(label, 1, 2);
      } else {
        const siblings = partKeys.filter((k) => groupOf(k) === group);
        const first = siblings[0] === key;
        const shifted = perturb.shiftedOther === true && group === 'otherHandling';
        const span = shifted ? siblings.length - 1 : siblings.length;
        // The group began on the part before: its label was printed there.
        const before = keys[keys.indexOf(siblings[0] ?? key) - 1];
        const continued =
          before !== undefined && !partKeys.includes(before) && groupOf(before) === group;
        if (first)
          builder.cell(continued ? '' : perturbLabel(GROUP_LABELS[group] ?? '', perturb), span);
        builder.cell(label);
      }
      if (label.includes('\n')) layout.wrap = perturb.wrappedLabel ?? 'valuesOnFirstLine';
      const cells = report.applications[key];
      if (cells === undefined) throw new RangeError(`no row ${key}`);
      for (const column of [...APPLICANT_TYPE_COLUMN_KEYS, 'total' as const]) {
        builder.cell(format.format(cells[column]));
      }
      if (perturb.pageFooters && key === 'carriedOver') layout.footerRowAfter = '— 4 —';
      if (perturb.pageFooters && key === 'denied.thirdParty') layout.linesAfter = ['-5-'];
      rows.push(layout);
    });
    return { model: builder.build(), rows };
  });
}

/** Table 2 (2021) as in the template: four sections, each with its clause and column labels. */
export function proactiveTableModel(report: Report2021, perturb: Perturbations): TableModel {
  const format = new ValueFormatter(perturb);
  const p = report.proactive;
  const builder = new TableModelBuilder(4);
  builder.nextRow().cell('第二十条第（一）项', 1, 4);
  builder.nextRow().cell('信息内容').cell('本年制发件数').cell('本年废止件数').cell('现行有效件数');
  const stock = (
    label: string,
    values: { issued: number; repealed: number; inForce: number },
    noted: boolean,
  ) => {
    builder.nextRow().cell(perturbLabel(label, perturb));
    const issued = format.format(values.issued, 'table2Count');
    const note = noted && values.issued > 0 ? `（其中修订 ${Math.min(values.issued, 3)} 件）` : '';
    builder.cell(`${issued}${note}`);
    builder
      .cell(format.format(values.repealed, 'table2Count'))
      .cell(format.format(values.inForce, 'table2Count'));
  };
  stock('规章', p.regulations, false);
  stock('行政规范性文件', p.normativeDocuments, perturb.noteInTable2 === true);
  const single = (
    clause: string,
    column: string,
    rows: [string, number][],
    kind: ValueKind = 'table2Count',
  ) => {
    builder.nextRow().cell(clause, 1, 4);
    builder.nextRow().cell('信息内容').cell(column, 1, 3);
    for (const [label, value] of rows)
      builder.nextRow().cell(label).cell(format.format(value, kind), 1, 3);
  };
  single('第二十条第（五）项', '本年处理决定数量', [['行政许可', p.licensing.decisions]]);
  single('第二十条第（六）项', '本年处理决定数量', [
    ['行政处罚', p.penalty.decisions],
    ['行政强制', p.coercion.decisions],
  ]);
  single(
    '第二十条第（八）项',
    '本年收费金额（单位：万元）',
    [['行政事业性收费', p.fees.amountWanYuan]],
    'fee',
  );
  return builder.build();
}

/** Table 2 of the report's own format. */
export function proactiveTableFor(report: CanonicalReport, perturb: Perturbations): TableModel {
  return report.formatVersion === '2019'
    ? proactive2019TableModel(report, perturb)
    : proactiveTableModel(report, perturb);
}

/** Table 4: 行政复议 and the two 行政诉讼 groups side by side, then the row of 15 values. */
export function reviewLitigationTableModel(
  report: CanonicalReport,
  perturb: Perturbations,
): TableModel {
  const format = new ValueFormatter(perturb);
  const results = REVIEW_COLUMNS.map((column) => column.label);
  const builder = new TableModelBuilder(15);
  builder
    .nextRow()
    .cell(perturb.labelTypos ? '行政法复议' : '行政复议', 1, 5)
    .cell('行政诉讼', 1, 10);
  builder.nextRow();
  for (const label of results) builder.cell(label, 2);
  builder.cell('未经复议直接起诉', 1, 5).cell('复议后起诉', 1, 5);
  builder.nextRow();
  for (let group = 0; group < 2; group++) for (const label of results) builder.cell(label);
  builder.nextRow();
  for (const group of REVIEW_GROUPS) {
    for (const column of REVIEW_COLUMNS)
      builder.cell(format.format(report.reviewLitigation[group.key][column.key]));
  }
  return builder.build();
}

/** The text of the report: preface, parts 一…六 (tables go after the headings of 二, 三, 四). */
export function reportTexts(generated: GeneratedReport<CanonicalReport>): {
  title: string;
  preface: string[];
  overview: string[];
  problems: string[];
  other: string[];
} {
  const { agency, year, report } = generated;
  return {
    title: report.title ?? '',
    preface: [
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。`,
      `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在${agency}门户网站查阅或下载。如对本报告有任何疑问，请与${agency}办公室联系。`,
    ],
    overview: [
      `${year}年，${agency}坚持以人民为中心，认真贯彻落实《条例》，扎实推进政务公开各项工作。`,
      `（一）主动公开。${normativeDocumentsSentence(report)}`,
      `（二）依申请公开。本年度共收到政府信息公开申请${generated.applicationsStated}件，均在法定期限内答复。${casesSentence(generated)}`,
      '（三）政府信息管理。严格落实公开前保密审查，动态调整主动公开基本目录。',
      '（四）平台建设。持续优化门户网站政府信息公开专栏，完善栏目设置。',
      '（五）监督保障。将政务公开工作纳入年度绩效考核，未发生责任追究情况。',
    ],
    problems: [
      '存在的问题：政策解读形式还不够丰富，基层公开标准化规范化水平有待提升。',
      '改进措施：加强业务培训，丰富解读形式，持续提升公开质量。',
    ],
    other: ['本年度未收取信息处理费。'],
  };
}

/** What part 一 says about normative documents, in the words of the report's format. */
function normativeDocumentsSentence(report: CanonicalReport): string {
  if (report.formatVersion === '2019') {
    const p = report.proactive.normativeDocuments;
    return `本年度新制作规范性文件${p.newlyMade}件，新公开规范性文件${p.newlyPublished}件，均已在门户网站公开。`;
  }
  const p = report.proactive.normativeDocuments;
  return `本年度制发行政规范性文件${p.issued}件，现行有效行政规范性文件${p.inForce}件，均已在门户网站公开。`;
}

/** The 行政复议 / 行政诉讼 cases, when the generated report states them. */
function casesSentence(generated: GeneratedReport<CanonicalReport>): string {
  const cases = generated.casesStated;
  if (!cases) return '';
  if (cases.reviews === 0 && cases.lawsuits === 0)
    return '全年未发生因政府信息公开引起的行政复议、行政诉讼案件。';
  return `全年发生政府信息公开行政复议案件${cases.reviews}件、行政诉讼案件${cases.lawsuits}件。`;
}

export const PART_HEADINGS = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** The whole report as blocks in document order. */
export function layOutReport(
  generated: GeneratedReport<CanonicalReport>,
  perturb: Perturbations = {},
): LaidOutDocument {
  const texts = reportTexts(generated);
  const report = generated.report;
  const body = (text: string): DocumentBlock => ({ kind: 'paragraph', role: 'body', text });
  const heading = (text: string): DocumentBlock => ({ kind: 'paragraph', role: 'heading', text });
  const blocks: DocumentBlock[] = [{ kind: 'paragraph', role: 'title', text: texts.title }];
  blocks.push(
    ...texts.preface.map(body),
    heading(PART_HEADINGS.overview),
    ...texts.overview.map(body),
  );
  const table2 = proactiveTableFor(report, perturb);
  blocks.push(heading(PART_HEADINGS.proactive), {
    kind: 'table',
    table: 'table2',
    model: table2,
    rows: table2.cells.map(() => ({})),
  });
  blocks.push(heading(PART_HEADINGS.applications));
  table3Parts(report, perturb).forEach((part, index) => {
    if (index > 0) blocks.push({ kind: 'paragraph', role: 'footer', text: '— 6 —' });
    blocks.push({ kind: 'table', table: 'table3', model: part.model, rows: part.rows });
  });
  const table4 = reviewLitigationTableModel(report, perturb);
  blocks.push(heading(PART_HEADINGS.reviewLitigation), {
    kind: 'table',
    table: 'table4',
    model: table4,
    rows: table4.cells.map(() => ({})),
  });
  blocks.push(heading(PART_HEADINGS.problems), ...texts.problems.map(body));
  blocks.push(heading(PART_HEADINGS.other), ...texts.other.map(body));
  return { title: texts.title, blocks };
}

/** Grid positions covered by a merge (not its origin) — what copying a web page leaves empty. */
export function coveredPositions(model: TableModel): Set<string> {
  const covered = new Set<string>();
  for (const merge of model.merges) {
    for (let r = merge.top; r <= merge.bottom; r++) {
      for (let c = merge.left; c <= merge.right; c++) {
        if (r !== merge.top || c !== merge.left) covered.add(`${r}/${c}`);
      }
    }
  }
  return covered;
}

/** The rows of a table as printed cell by cell, merged positions empty. */
export function gridRows(model: TableModel): string[][] {
  const covered = coveredPositions(model);
  return model.cells.map((row, r) => row.map((text, c) => (covered.has(`${r}/${c}`) ? '' : text)));
}
