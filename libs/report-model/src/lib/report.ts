import {
  APPLICANT_COLUMNS,
  applicationRowKeysFor,
  defaultTable3Layout,
  type ApplicantCells,
  type ApplicationsTable,
  type Table3Layout,
} from './applications';
import type { FormatVersion } from './format-version';
import { emptyNarrativeMetrics, type Narrative } from './narrative';
import {
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  type ProactiveTable2019,
  type ProactiveTable2021,
} from './proactive';
import {
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ReviewCells,
  type ReviewLitigationTable,
} from './review-litigation';
import type { Finding } from './rules';
import { indexByKey, type KeyLabel } from './labels';

export const REPORT_SCHEMA = 'atlas.report/v1';

/** The three tables of numbers, by their key in the canonical JSON. */
export interface ReportTableInfo<K extends string = string> extends KeyLabel<K> {
  /** The table's number in the report (part 二 → 2). */
  readonly number: number;
  /** How findings name the table. */
  readonly shortLabel: string;
}

export const REPORT_TABLES = [
  {
    key: 'proactive',
    number: 2,
    label: '主动公开政府信息情况',
    shortLabel: '表二',
    labelEn: 'Proactive disclosure',
  },
  {
    key: 'applications',
    number: 3,
    label: '收到和处理政府信息公开申请情况',
    shortLabel: '表三',
    labelEn: 'Applications received and handled',
  },
  {
    key: 'reviewLitigation',
    number: 4,
    label: '政府信息公开行政复议、行政诉讼情况',
    shortLabel: '表四',
    labelEn: 'Administrative review and litigation',
  },
] as const satisfies readonly ReportTableInfo[];

export type ReportTableKey = (typeof REPORT_TABLES)[number]['key'];

export const REPORT_TABLE = indexByKey(REPORT_TABLES);

interface ReportCommon {
  schema: typeof REPORT_SCHEMA;
  /** As found in the document; null if none. */
  title: string | null;
  /** Best guess from title and body; null if unknown. */
  agencyName: string | null;
  /** The year reported on (not the year of publication); null if unknown. */
  year: number | null;
  applications: ApplicationsTable;
  reviewLitigation: ReviewLitigationTable;
  narrative: Narrative;
  findings: Finding[];
}

export interface Report2021 extends ReportCommon {
  formatVersion: '2021';
  proactive: ProactiveTable2021;
}

export interface Report2019 extends ReportCommon {
  formatVersion: '2019';
  proactive: ProactiveTable2019;
}

/**
 * One report in canonical form (schema `atlas.report/v1`). The format version decides the
 * shape of table 2, so checking `formatVersion` narrows `proactive`.
 */
export type CanonicalReport = Report2021 | Report2019;

function zeroRow<C extends string>(columns: readonly C[]): Record<C, number> {
  return Object.fromEntries(columns.map((column) => [column, 0])) as Record<C, number>;
}

function emptyApplications(layout: Table3Layout): ApplicationsTable {
  const columnKeys = APPLICANT_COLUMNS.map((column) => column.key);
  const rows: Partial<Record<string, ApplicantCells>> = {};
  for (const rowKey of applicationRowKeysFor(layout)) rows[rowKey] = zeroRow(columnKeys);
  return rows as ApplicationsTable;
}

function emptyReviewLitigation(): ReviewLitigationTable {
  const columnKeys = REVIEW_COLUMNS.map((column) => column.key);
  const groups: Partial<Record<string, ReviewCells>> = {};
  for (const group of REVIEW_GROUPS) groups[group.key] = zeroRow(columnKeys);
  return groups as ReviewLitigationTable;
}

function emptyProactive<Rows extends readonly { key: string; columns: readonly string[] }[]>(
  rows: Rows,
): Record<string, Record<string, number>> {
  return Object.fromEntries(rows.map((row) => [row.key, zeroRow(row.columns)]));
}

/**
 * A report with every cell 0 (what a blank table reads as), no text and no findings;
 * parsers start from it and set the cells they read.
 */
export function emptyReport(formatVersion: '2021', layout?: Table3Layout): Report2021;
export function emptyReport(formatVersion: '2019', layout?: Table3Layout): Report2019;
export function emptyReport(formatVersion: FormatVersion, layout?: Table3Layout): CanonicalReport;
export function emptyReport(
  formatVersion: FormatVersion,
  layout: Table3Layout = defaultTable3Layout(formatVersion),
): CanonicalReport {
  const common: ReportCommon = {
    schema: REPORT_SCHEMA,
    title: null,
    agencyName: null,
    year: null,
    applications: emptyApplications(layout),
    reviewLitigation: emptyReviewLitigation(),
    narrative: { overview: '', problems: '', other: '', metrics: emptyNarrativeMetrics() },
    findings: [],
  };
  return formatVersion === '2021'
    ? {
        ...common,
        formatVersion,
        proactive: emptyProactive(PROACTIVE_ROWS_2021) as ProactiveTable2021,
      }
    : {
        ...common,
        formatVersion,
        proactive: emptyProactive(PROACTIVE_ROWS_2019) as ProactiveTable2019,
      };
}
