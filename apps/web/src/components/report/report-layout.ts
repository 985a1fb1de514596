import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW,
  applicationCell,
  type CanonicalReport,
  getCell,
  PROACTIVE_COLUMN_2019,
  PROACTIVE_COLUMN_2021,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  presentApplicationRowKeys,
  proactiveCell,
  REPORT_TABLE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reviewLitigationCell,
  type ReportTableKey,
} from '@atlas/report-model';

/**
 * Tables 2, 3 and 4 laid out the way the national template prints them (国办公开办函〔2021〕30号,
 * and the 2019 trial format for table 2): merged header cells, row labels spanning the rows they
 * head. Everything comes from the report model's row and column lists; nothing is written twice.
 */

export interface HeadCell {
  readonly kind: 'head';
  readonly text: string;
  readonly colspan?: number;
  readonly rowspan?: number;
}

export interface LabelCell {
  readonly kind: 'label';
  readonly text: string;
  readonly colspan?: number;
  readonly rowspan?: number;
}

export interface ValueCell {
  readonly kind: 'value';
  readonly address: string;
  readonly value: number | undefined;
  readonly colspan?: number;
}

export type LayoutCell = HeadCell | LabelCell | ValueCell;

export interface TableLayout {
  readonly key: ReportTableKey;
  /** 二, 三, 四 as the report numbers its parts. */
  readonly title: string;
  /** Number of grid columns (for `<colgroup>`). */
  readonly columnCount: number;
  /** Width hints per grid column, in percent; label columns are wider. */
  readonly columnWidths: readonly number[];
  readonly header: readonly (readonly LayoutCell[])[];
  readonly body: readonly (readonly LayoutCell[])[];
}

const PART_NUMERALS: Record<ReportTableKey, string> = {
  proactive: '二',
  applications: '三',
  reviewLitigation: '四',
};

function tableTitle(key: ReportTableKey): string {
  return `${PART_NUMERALS[key]}、${REPORT_TABLE[key].label}`;
}

const head = (text: string, colspan = 1, rowspan = 1): HeadCell => ({
  kind: 'head',
  text,
  ...(colspan > 1 ? { colspan } : {}),
  ...(rowspan > 1 ? { rowspan } : {}),
});

const label = (text: string, colspan = 1, rowspan = 1): LabelCell => ({
  kind: 'label',
  text,
  ...(colspan > 1 ? { colspan } : {}),
  ...(rowspan > 1 ? { rowspan } : {}),
});

function valueCell(report: CanonicalReport, address: string, colspan = 1): ValueCell {
  return {
    kind: 'value',
    address,
    value: getCell(report, address),
    ...(colspan > 1 ? { colspan } : {}),
  };
}

// ── table 2 ──────────────────────────────────────────────────────────────────────────────────

/**
 * Table 2: one block per article of 条例 (第二十条第（一）项 …), each with its own column headings
 * under 信息内容; a row with fewer columns than the widest block stretches its last one.
 */
export function proactiveLayout(report: CanonicalReport): TableLayout {
  const rows = report.formatVersion === '2021' ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
  const columnLabel = (key: string): string => {
    const columns: Record<string, { label: string }> =
      report.formatVersion === '2021' ? PROACTIVE_COLUMN_2021 : PROACTIVE_COLUMN_2019;
    return columns[key]?.label ?? key;
  };
  const valueColumns = Math.max(...rows.map((row) => row.columns.length));
  const width = valueColumns + 1;

  // Consecutive rows citing the same article with the same columns share a block.
  const blocks: { clause: string; columns: readonly string[]; rows: (typeof rows)[number][] }[] =
    [];
  for (const row of rows) {
    const last = blocks.at(-1);
    if (last && last.clause === row.clause && last.columns.join() === row.columns.join()) {
      last.rows.push(row);
    } else {
      blocks.push({ clause: row.clause, columns: row.columns, rows: [row] });
    }
  }

  const body: LayoutCell[][] = [];
  for (const block of blocks) {
    const spans = stretch(block.columns.length, valueColumns);
    body.push([head(block.clause, width)]);
    body.push([
      head('信息内容'),
      ...block.columns.map((column, i) => head(columnLabel(column), spans[i])),
    ]);
    for (const row of block.rows) {
      body.push([
        label(row.label),
        ...row.columns.map((column, i) =>
          valueCell(report, proactiveCell(row.key, column), spans[i]),
        ),
      ]);
    }
  }
  return {
    key: 'proactive',
    title: tableTitle('proactive'),
    columnCount: width,
    columnWidths: [34, ...Array.from({ length: valueColumns }, () => 66 / valueColumns)],
    header: [],
    body,
  };
}

/** Column spans for `count` cells across `width` columns: the last one takes what is left. */
function stretch(count: number, width: number): number[] {
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? width - count + 1 : 1));
}

// ── table 3 ──────────────────────────────────────────────────────────────────────────────────

const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANT_HEADING = '申请人情况';
const ORGANISATION_HEADING = '法人或其他组织';

/**
 * Table 3: three label columns (stage, outcome group, item) and seven applicant columns under
 * 申请人情况 / 法人或其他组织. Row labels with headings in the model (三、本年度办理结果,
 * （三）不予公开 …) become cells spanning every row that shares the heading.
 */
export function applicationsLayout(report: CanonicalReport): TableLayout {
  const organisationColumns = APPLICANT_COLUMNS.filter((column) =>
    (column.headings as readonly string[]).includes(ORGANISATION_HEADING),
  );
  const header: LayoutCell[][] = [
    [head(TABLE3_NOTE, 3, 3), head(APPLICANT_HEADING, APPLICANT_COLUMNS.length)],
    APPLICANT_COLUMNS.flatMap((column, index): LayoutCell[] => {
      const inOrganisation = organisationColumns.includes(column);
      if (!inOrganisation) return [head(column.label, 1, 2)];
      // The organisation heading is emitted once, where its first column starts.
      return index ===
        APPLICANT_COLUMNS.indexOf(organisationColumns[0] as (typeof APPLICANT_COLUMNS)[number])
        ? [head(ORGANISATION_HEADING, organisationColumns.length)]
        : [];
    }),
    organisationColumns.map((column) => head(column.label)),
  ];

  const rowKeys = presentApplicationRowKeys(report.applications);
  const headingsOf = (index: number): readonly string[] => {
    const key = rowKeys[index];
    return key ? (APPLICATION_ROW[key].headings as readonly string[]) : [];
  };
  /** How many rows from `index` on share the heading at `level`. */
  const runLength = (index: number, level: number): number => {
    const heading = headingsOf(index)[level];
    let end = index;
    while (end < rowKeys.length && headingsOf(end)[level] === heading) end++;
    return end - index;
  };

  const body: LayoutCell[][] = rowKeys.map((key, index) => {
    const headings = headingsOf(index);
    const cells: LayoutCell[] = [];
    headings.forEach((heading, level) => {
      const startsRun = index === 0 || headingsOf(index - 1)[level] !== heading;
      if (startsRun) cells.push(label(heading, 1, runLength(index, level)));
    });
    cells.push(label(APPLICATION_ROW[key].label, 3 - headings.length));
    for (const column of APPLICANT_COLUMNS) {
      cells.push(valueCell(report, applicationCell(key, column.key)));
    }
    return cells;
  });

  return {
    key: 'applications',
    title: tableTitle('applications'),
    columnCount: 3 + APPLICANT_COLUMNS.length,
    columnWidths: [7, 9, 22, ...APPLICANT_COLUMNS.map(() => 62 / APPLICANT_COLUMNS.length)],
    header,
    body,
  };
}

// ── table 4 ──────────────────────────────────────────────────────────────────────────────────

/**
 * Table 4: 行政复议 (five columns) beside 行政诉讼, which splits into 未经复议直接起诉 and
 * 复议后起诉 (five columns each); one row of fifteen numbers.
 */
export function reviewLitigationLayout(report: CanonicalReport): TableLayout {
  const width = REVIEW_COLUMNS.length;
  const top: LayoutCell[] = [];
  const middle: LayoutCell[] = [];
  const bottom: LayoutCell[] = [];
  REVIEW_GROUPS.forEach((group, index) => {
    const heading = (group.headings as readonly string[])[0];
    if (heading === undefined) {
      top.push(head(group.label, width));
      middle.push(...REVIEW_COLUMNS.map((column) => head(column.label, 1, 2)));
      return;
    }
    const previous = REVIEW_GROUPS[index - 1];
    if ((previous?.headings as readonly string[] | undefined)?.[0] !== heading) {
      const groupsUnder = REVIEW_GROUPS.filter(
        (other) => (other.headings as readonly string[])[0] === heading,
      ).length;
      top.push(head(heading, width * groupsUnder));
    }
    middle.push(head(group.label, width));
    bottom.push(...REVIEW_COLUMNS.map((column) => head(column.label)));
  });
  const values: LayoutCell[] = REVIEW_GROUPS.flatMap((group) =>
    REVIEW_COLUMNS.map((column) => valueCell(report, reviewLitigationCell(group.key, column.key))),
  );
  return {
    key: 'reviewLitigation',
    title: tableTitle('reviewLitigation'),
    columnCount: REVIEW_GROUPS.length * width,
    columnWidths: REVIEW_GROUPS.flatMap(() =>
      REVIEW_COLUMNS.map(() => 100 / (REVIEW_GROUPS.length * width)),
    ),
    header: [top, middle, bottom].filter((row) => row.length > 0),
    body: [values],
  };
}

/** The three tables in report order. */
export function reportLayouts(report: CanonicalReport): TableLayout[] {
  return [proactiveLayout(report), applicationsLayout(report), reviewLitigationLayout(report)];
}

/** Numbers as the report prints them: integers as they are, decimals without float noise. */
export function formatCellValue(value: number | undefined): string {
  if (value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}
