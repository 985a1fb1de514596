import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW,
  applicationRowKeysFor,
  type ApplicationRowKey,
  type FormatVersion,
  PROACTIVE_COLUMNS_2019,
  PROACTIVE_COLUMNS_2021,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type Table3Layout,
} from '@atlas/report-model';
import { findFirst, findLabelsInOrder, type LabelHit } from './find-labels';
import type { FlatText, TableBounds } from './flat-text';
import { looseLabelSource } from './labels';
import { columnCentres } from './columns';
import { type ColumnCentres, readRowValues, type RowValues } from './region';

/** One table row as found: where its label is and what its value area holds. */
export interface RowReading<K extends string = string> {
  key: K;
  hit: LabelHit | null;
  values: RowValues | null;
}

const loose = (text: string, flags = 'g') => new RegExp(looseLabelSource(text), flags);

/** Headings of the six parts as printed; numbering and wording vary a little. */
const PART_HEADINGS = {
  proactive: [/二\s*[、.,，]\s*主动公开政府信息情况/g],
  applications: [/三\s*[、.,，]\s*收到和处理政府信息公开申请情况/g],
  reviewLitigation: [
    /四\s*[、.,，]\s*(?:政府信息公开)?行政复议\s*[、,，]?\s*行政诉讼情况/g,
    /四\s*[、.,，]\s*因政府信息公开申请(?:提起)?行政复议/g,
  ],
  problems: [/五\s*[、.,，]\s*(?:政府信息公开工作)?存在的主要问题/g],
} as const;

/** Table 2 starts at its first column header: 第二十条第（一）项 (2021) or 信息内容 … 本年新制作数量 (2019). */
const TABLE2_ANCHORS = [loose('第二十条第（一）项'), loose('本年新制作数量'), loose('本年制发件数')];
/** Column labels that exist only in the 2019 trial format's table 2. */
const FORMAT_2019_MARKERS = [loose('本年新制作数量'), loose('对外公开总数量'), loose('上一年项目数量'), loose('其他对外管理服务事项'), loose('政府集中采购')];
const TABLE4_HEADER_WORDS = /结果\s*维持|结果\s*纠正|其他\s*结果|尚未\s*审结|总\s*计|未经复议直接起诉|复议后起诉|行政\s*复议|行政\s*诉讼/g;

export interface LocatedTables {
  table2: TableBounds | null;
  table3: TableBounds | null;
  table4: TableBounds | null;
}

/** Finds the three tables' extents in the flat text. */
export function locateTables(flat: FlatText): LocatedTables {
  const text = flat.text;
  // The first row's label, even cut short where a tall cell's values interrupt it (…申请 / 数量).
  const table3Label = findFirst(text, [new RegExp(looseLabelSource('本年新收政府信息公开申请数量'), 'g')]) ?? findFirst(text, [loose('本年新收政府信息公开申请')]);
  const applicationsHeading = findFirst(text, PART_HEADINGS.applications);
  const table3Start = table3Label
    ? Math.max(applicationsHeading && applicationsHeading.start < table3Label.start ? applicationsHeading.start : table3Label.start - 1, 0)
    : null;

  const table2Anchor = findFirst(text, TABLE2_ANCHORS, 0, table3Start ?? text.length);

  const afterTable3 = table3Label ? table3Label.end : (table2Anchor?.end ?? 0);
  const reviewHeading = findFirst(text, PART_HEADINGS.reviewLitigation, afterTable3);
  const carriedForward = table3Label ? findFirst(text, [loose('结转下年度继续办理')], afterTable3) : null;
  const table4Start = reviewHeading?.start ?? (carriedForward ? findFirst(text, [loose('行政复议')], carriedForward.end)?.start ?? null : null);
  const problemsHeading = findFirst(text, PART_HEADINGS.problems, table4Start ?? afterTable3);
  // Without table 3, table 2 ends where the next part or table begins.
  const table2End = table3Start ?? applicationsHeading?.start ?? table4Start ?? problemsHeading?.start ?? text.length;
  const table2 = table2Anchor && table2End > table2Anchor.start ? { start: table2Anchor.start, end: table2End } : null;
  const table3 = table3Start !== null ? { start: table3Start, end: table4Start ?? problemsHeading?.start ?? text.length } : null;
  const table4 = table4Start !== null ? { start: table4Start, end: problemsHeading?.start ?? text.length } : null;
  return { table2, table3, table4 };
}

/** 2019 when table 2 has a column or row only the 2019 trial format has. */
export function detectFormatVersion(flat: FlatText, table2: TableBounds | null): FormatVersion {
  if (!table2) return '2021';
  return findFirst(flat.text, FORMAT_2019_MARKERS, table2.start, table2.end) ? '2019' : '2021';
}

/**
 * Reads each row of a table by its label. Table 3's labels come in a fixed order, which keeps a
 * short label (3.其他) from matching too early; table 2's few labels are distinct words that
 * conversions sometimes print out of order, so they are found independently.
 */
function readRows<K extends string>(
  flat: FlatText,
  bounds: TableBounds,
  rows: readonly { key: K; label: string; columns: number; columnLabels?: readonly string[] }[],
  ordered: boolean,
  centres: (row: { columns: number; columnLabels?: readonly string[] }) => ColumnCentres | null = () => null,
): RowReading<K>[] {
  const labels = rows.map((row) => row.label);
  const hits = ordered
    ? findLabelsInOrder(flat.text, labels, bounds.start, bounds.end)
    : labels.map((label) => findLabelsInOrder(flat.text, [label], bounds.start, bounds.end)[0] ?? null);
  const starts = hits.flatMap((hit) => (hit ? [hit.start] : [])).sort((a, b) => a - b);
  return rows.map((row, index) => {
    const hit = hits[index] ?? null;
    if (!hit) return { key: row.key, hit, values: null };
    const next = starts.find((start) => start >= hit.end) ?? bounds.end;
    return { key: row.key, hit, values: readRowValues(flat, hit.end, next, row.columns, centres(row)) };
  });
}

export function readTable2(flat: FlatText, bounds: TableBounds, formatVersion: FormatVersion): RowReading[] {
  const rows = formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
  const columnLabels = new Map<string, string>(
    (formatVersion === '2021' ? PROACTIVE_COLUMNS_2021 : PROACTIVE_COLUMNS_2019).map((column) => [column.key, column.label]),
  );
  // Rows of one clause share their columns; each set of columns is measured once.
  const centres = new Map<string, ColumnCentres | null>();
  return readRows(
    flat,
    bounds,
    rows.map((row) => ({
      key: row.key,
      label: row.label,
      columns: row.columns.length,
      columnLabels: row.columns.map((column: string) => columnLabels.get(column) ?? column),
    })),
    false,
    ({ columns, columnLabels: headers = [] }) => {
      if (columns < 2) return null;
      const key = headers.join('|');
      if (!centres.has(key)) centres.set(key, columnCentres(flat, bounds, columns, headers));
      return centres.get(key) ?? null;
    },
  );
}

export interface Table3Reading {
  layout: Table3Layout;
  rows: RowReading<ApplicationRowKey>[];
}

/**
 * Table 3 in either shape of （六）: itemized when its numbered sub-rows are there, otherwise the
 * single （六）其他处理 row.
 */
export function readTable3(flat: FlatText, bounds: TableBounds): Table3Reading {
  const firstRow = findFirst(flat.text, [loose('本年新收政府信息公开申请数量')], bounds.start, bounds.end)?.start ?? bounds.end;
  const centres = columnCentres(flat, bounds, APPLICANT_COLUMNS.length, TABLE3_HEADERS, firstRow);
  const read = (layout: Table3Layout) =>
    readRows(
      flat,
      bounds,
      applicationRowKeysFor(layout).map((key) => ({ key, label: APPLICATION_ROW[key].label, columns: 7 })),
      true,
      () => centres,
    );
  const itemized = read('itemizedOtherHandling');
  const subRowsFound = itemized.filter((row) => row.key.startsWith('otherHandling.') && row.hit && !row.hit.approximate).length;
  if (subRowsFound >= 2 || mentionsOtherHandlingItems(flat, bounds)) return { layout: 'itemizedOtherHandling', rows: itemized };
  return { layout: 'singleOtherHandling', rows: read('singleOtherHandling') };
}

/** Table 3's column headers as printed, left to right (其他 is 法人或其他组织's last). */
const TABLE3_HEADERS = APPLICANT_COLUMNS.map((column) => column.label);

/** Words only the itemized （六） has, found even where its labels came apart (逾期不补正, 收费通知). */
const OTHER_HANDLING_ITEM_WORDS = [loose('逾期不补正'), loose('收费通知要求')];

function mentionsOtherHandlingItems(flat: FlatText, bounds: TableBounds): boolean {
  return OTHER_HANDLING_ITEM_WORDS.every((words) => findFirst(flat.text, [words], bounds.start, bounds.end) !== null);
}

/** Table 4's column headers as printed, left to right: the same five for each of its three groups. */
const TABLE4_HEADERS = REVIEW_GROUPS.flatMap(() => REVIEW_COLUMNS.map((column) => column.label));

/** Table 4's 15 numbers: after its header words, or, when laid out row by row, all of them. */
export function readTable4(flat: FlatText, bounds: TableBounds): RowValues {
  let afterHeader = bounds.start;
  const header = new RegExp(TABLE4_HEADER_WORDS.source, 'g');
  header.lastIndex = bounds.start;
  for (let match = header.exec(flat.text); match && match.index < bounds.end; match = header.exec(flat.text)) {
    afterHeader = match.index + match[0].length;
  }
  // Header words may lie below the last one matched (总 over 计 on their own lines): the whole table is searched.
  const centres = columnCentres(flat, bounds, TABLE4_HEADERS.length, TABLE4_HEADERS);
  const values = readRowValues(flat, afterHeader, bounds.end, 15, centres);
  if (values.kind !== 'short') return values;
  const everything = readRowValues(flat, bounds.start, bounds.end, 15);
  return everything.kind === 'short' ? values : everything;
}
