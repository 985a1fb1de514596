import { indexByKey, keyGuard, type KeyLabel } from './labels';
import type { FormatVersion } from './format-version';

/**
 * Table 3 (三、收到和处理政府信息公开申请情况), key `applications`: rows are stages and outcomes,
 * columns are kinds of applicant. Same columns in both formats.
 */
export interface ApplicantColumnInfo<K extends string = string> extends KeyLabel<K> {
  /** Merged header cells above the label that complete its meaning. */
  readonly headings: readonly string[];
  /** How findings name the column ("… 列"); unique, unlike the bare label 其他. */
  readonly shortLabel: string;
}

const APPLICANT_HEADING = '申请人情况';
const ORGANISATION_HEADING = '法人或其他组织';

export const APPLICANT_COLUMNS = [
  {
    key: 'naturalPerson',
    label: '自然人',
    shortLabel: '自然人',
    labelEn: 'Natural persons',
    headings: [APPLICANT_HEADING],
  },
  {
    key: 'commercial',
    label: '商业企业',
    shortLabel: '商业企业',
    labelEn: 'Commercial enterprises',
    headings: [APPLICANT_HEADING, ORGANISATION_HEADING],
  },
  {
    key: 'research',
    label: '科研机构',
    shortLabel: '科研机构',
    labelEn: 'Research institutions',
    headings: [APPLICANT_HEADING, ORGANISATION_HEADING],
  },
  {
    key: 'nonprofit',
    label: '社会公益组织',
    shortLabel: '社会公益组织',
    labelEn: 'Non-profit organisations',
    headings: [APPLICANT_HEADING, ORGANISATION_HEADING],
  },
  {
    key: 'legalService',
    label: '法律服务机构',
    shortLabel: '法律服务机构',
    labelEn: 'Legal service providers',
    headings: [APPLICANT_HEADING, ORGANISATION_HEADING],
  },
  {
    key: 'otherOrg',
    label: '其他',
    shortLabel: '其他法人或其他组织',
    labelEn: 'Other organisations',
    headings: [APPLICANT_HEADING, ORGANISATION_HEADING],
  },
  {
    key: 'total',
    label: '总计',
    shortLabel: '总计',
    labelEn: 'Total',
    headings: [APPLICANT_HEADING],
  },
] as const satisfies readonly ApplicantColumnInfo[];

export type ApplicantColumnKey = (typeof APPLICANT_COLUMNS)[number]['key'];

/** The six applicant columns whose sum is the 总计 column (rule T3.ROWSUM). */
export const APPLICANT_TYPE_COLUMN_KEYS = [
  'naturalPerson',
  'commercial',
  'research',
  'nonprofit',
  'legalService',
  'otherOrg',
] as const satisfies readonly ApplicantColumnKey[];

export type ApplicantTypeColumnKey = (typeof APPLICANT_TYPE_COLUMN_KEYS)[number];

/**
 * How a table 3 prints （六）其他处理: as three numbered rows (the 2021 format) or as one row
 * (the 2019 format, and some 2021-format reports). The two shapes have different row keys.
 */
export type Table3Layout = 'itemizedOtherHandling' | 'singleOtherHandling';

export interface ApplicationRowInfo<K extends string = string> extends KeyLabel<K> {
  /** Merged header cells left of the label that complete its meaning (rowspan labels). */
  readonly headings: readonly string[];
  /** How findings name the row: the label without its numbering, prefixed by its group. */
  readonly shortLabel: string;
  /** An outcome row (granted … otherHandling*): the rows whose sum is 办理总计 (T3.OUTCOMES). */
  readonly outcome: boolean;
  /** Set only on the rows of （六）其他处理, which exist in one layout each. */
  readonly layout?: Table3Layout;
}

const RESULTS = '三、本年度办理结果';
const DENIED = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER_HANDLING = '（六）其他处理';

/**
 * All rows in document order. Both shapes of （六） are listed: `otherHandling` (single row)
 * and the three `otherHandling.*` rows; a table has one shape or the other (see Table3Layout).
 */
export const APPLICATION_ROWS = [
  {
    key: 'newReceived',
    label: '一、本年新收政府信息公开申请数量',
    shortLabel: '新收',
    labelEn: 'New applications this year',
    headings: [],
    outcome: false,
  },
  {
    key: 'carriedOver',
    label: '二、上年结转政府信息公开申请数量',
    shortLabel: '上年结转',
    labelEn: 'Carried over from last year',
    headings: [],
    outcome: false,
  },
  {
    key: 'granted',
    label: '（一）予以公开',
    shortLabel: '予以公开',
    labelEn: 'Granted',
    headings: [RESULTS],
    outcome: true,
  },
  {
    key: 'partiallyGranted',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    shortLabel: '部分公开',
    labelEn: 'Partially granted',
    headings: [RESULTS],
    outcome: true,
  },
  {
    key: 'denied.stateSecret',
    label: '1.属于国家秘密',
    shortLabel: '不予公开·属于国家秘密',
    labelEn: 'Denied: state secret',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.lawProhibited',
    label: '2.其他法律行政法规禁止公开',
    shortLabel: '不予公开·其他法律行政法规禁止公开',
    labelEn: 'Denied: prohibited by other laws',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.securityStability',
    label: '3.危及"三安全一稳定"',
    shortLabel: '不予公开·危及"三安全一稳定"',
    labelEn: 'Denied: endangers security or stability',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.thirdParty',
    label: '4.保护第三方合法权益',
    shortLabel: '不予公开·保护第三方合法权益',
    labelEn: 'Denied: third-party rights',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.internalAffairs',
    label: '5.属于三类内部事务信息',
    shortLabel: '不予公开·属于三类内部事务信息',
    labelEn: 'Denied: internal affairs',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.processInfo',
    label: '6.属于四类过程性信息',
    shortLabel: '不予公开·属于四类过程性信息',
    labelEn: 'Denied: process information',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.enforcementFile',
    label: '7.属于行政执法案卷',
    shortLabel: '不予公开·属于行政执法案卷',
    labelEn: 'Denied: enforcement file',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'denied.queryMatter',
    label: '8.属于行政查询事项',
    shortLabel: '不予公开·属于行政查询事项',
    labelEn: 'Denied: administrative query matter',
    headings: [RESULTS, DENIED],
    outcome: true,
  },
  {
    key: 'unavailable.notHeld',
    label: '1.本机关不掌握相关政府信息',
    shortLabel: '无法提供·本机关不掌握相关政府信息',
    labelEn: 'Unavailable: not held',
    headings: [RESULTS, UNAVAILABLE],
    outcome: true,
  },
  {
    key: 'unavailable.needsCreation',
    label: '2.没有现成信息需要另行制作',
    shortLabel: '无法提供·没有现成信息需要另行制作',
    labelEn: 'Unavailable: would need to be created',
    headings: [RESULTS, UNAVAILABLE],
    outcome: true,
  },
  {
    key: 'unavailable.unclear',
    label: '3.补正后申请内容仍不明确',
    shortLabel: '无法提供·补正后申请内容仍不明确',
    labelEn: 'Unavailable: unclear after correction',
    headings: [RESULTS, UNAVAILABLE],
    outcome: true,
  },
  {
    key: 'notProcessed.complaint',
    label: '1.信访举报投诉类申请',
    shortLabel: '不予处理·信访举报投诉类申请',
    labelEn: 'Not processed: petition or complaint',
    headings: [RESULTS, NOT_PROCESSED],
    outcome: true,
  },
  {
    key: 'notProcessed.duplicate',
    label: '2.重复申请',
    shortLabel: '不予处理·重复申请',
    labelEn: 'Not processed: duplicate',
    headings: [RESULTS, NOT_PROCESSED],
    outcome: true,
  },
  {
    key: 'notProcessed.publication',
    label: '3.要求提供公开出版物',
    shortLabel: '不予处理·要求提供公开出版物',
    labelEn: 'Not processed: asks for a publication',
    headings: [RESULTS, NOT_PROCESSED],
    outcome: true,
  },
  {
    key: 'notProcessed.massRepeat',
    label: '4.无正当理由大量反复申请',
    shortLabel: '不予处理·无正当理由大量反复申请',
    labelEn: 'Not processed: mass repeated applications',
    headings: [RESULTS, NOT_PROCESSED],
    outcome: true,
  },
  {
    key: 'notProcessed.confirmation',
    label: '5.要求行政机关确认或重新出具已获取信息',
    shortLabel: '不予处理·要求行政机关确认或重新出具已获取信息',
    labelEn: 'Not processed: confirmation of information already obtained',
    headings: [RESULTS, NOT_PROCESSED],
    outcome: true,
  },
  {
    key: 'otherHandling',
    label: OTHER_HANDLING,
    shortLabel: '其他处理',
    labelEn: 'Other handling',
    headings: [RESULTS],
    outcome: true,
    layout: 'singleOtherHandling',
  },
  {
    key: 'otherHandling.noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    shortLabel: '其他处理·逾期不补正',
    labelEn: 'Other: applicant did not correct in time',
    headings: [RESULTS, OTHER_HANDLING],
    outcome: true,
    layout: 'itemizedOtherHandling',
  },
  {
    key: 'otherHandling.unpaidFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    shortLabel: '其他处理·逾期未缴纳费用',
    labelEn: 'Other: applicant did not pay the fee in time',
    headings: [RESULTS, OTHER_HANDLING],
    outcome: true,
    layout: 'itemizedOtherHandling',
  },
  {
    key: 'otherHandling.other',
    label: '3.其他',
    shortLabel: '其他处理·其他',
    labelEn: 'Other: other',
    headings: [RESULTS, OTHER_HANDLING],
    outcome: true,
    layout: 'itemizedOtherHandling',
  },
  {
    key: 'totalHandled',
    label: '（七）总计',
    shortLabel: '办理总计',
    labelEn: 'Total handled',
    headings: [RESULTS],
    outcome: false,
  },
  {
    key: 'carriedForward',
    label: '四、结转下年度继续办理',
    shortLabel: '结转下年度',
    labelEn: 'Carried forward to next year',
    headings: [],
    outcome: false,
  },
] as const satisfies readonly ApplicationRowInfo[];

type ApplicationRow = (typeof APPLICATION_ROWS)[number];

export type ApplicationRowKey = ApplicationRow['key'];
/** The four row keys of （六）, two shapes: see Table3Layout. */
export type OtherHandlingRowKey = Extract<ApplicationRow, { layout: Table3Layout }>['key'];
/** Rows every table 3 has, whatever its layout. */
export type FixedApplicationRowKey = Exclude<ApplicationRowKey, OtherHandlingRowKey>;
export type ApplicationOutcomeRowKey = Extract<ApplicationRow, { outcome: true }>['key'];

export type ApplicantCells = Record<ApplicantColumnKey, number>;

/**
 * Table 3 values. The （六） rows are optional in the type because a table has either
 * `otherHandling` or the three `otherHandling.*` rows, never (in a well-formed report) both.
 */
export type ApplicationsTable = Record<FixedApplicationRowKey, ApplicantCells> &
  Partial<Record<OtherHandlingRowKey, ApplicantCells>>;

export const APPLICATION_ROW = indexByKey(APPLICATION_ROWS);
export const APPLICANT_COLUMN = indexByKey(APPLICANT_COLUMNS);
export const isApplicationRowKey = keyGuard(APPLICATION_ROWS);
export const isApplicantColumnKey = keyGuard(APPLICANT_COLUMNS);

/** Every outcome row key (granted … otherHandling*), both layouts, in document order. */
export const APPLICATION_OUTCOME_ROW_KEYS: readonly ApplicationOutcomeRowKey[] =
  APPLICATION_ROWS.filter(
    (row): row is Extract<ApplicationRow, { outcome: true }> => row.outcome,
  ).map((row) => row.key);

/** The rows of （六） a table 3 of that layout has. */
export function otherHandlingRowKeysFor(layout: Table3Layout): readonly OtherHandlingRowKey[] {
  return APPLICATION_ROWS.filter(
    (row): row is Extract<ApplicationRow, { layout: Table3Layout }> =>
      'layout' in row && row.layout === layout,
  ).map((row) => row.key);
}

/** The rows a table 3 of that layout has, in document order. */
export function applicationRowKeysFor(layout: Table3Layout): readonly ApplicationRowKey[] {
  return APPLICATION_ROWS.filter((row) => !('layout' in row) || row.layout === layout).map(
    (row) => row.key,
  );
}

/** The outcome rows (summed into 办理总计) of a table 3 of that layout, in document order. */
export function outcomeRowKeysFor(layout: Table3Layout): readonly ApplicationOutcomeRowKey[] {
  const rowsOfLayout = new Set<string>(applicationRowKeysFor(layout));
  return APPLICATION_OUTCOME_ROW_KEYS.filter((key) => rowsOfLayout.has(key));
}

/** The layout a new table 3 gets when nothing in the document says otherwise. */
export function defaultTable3Layout(formatVersion: FormatVersion): Table3Layout {
  return formatVersion === '2019' ? 'singleOtherHandling' : 'itemizedOtherHandling';
}

/**
 * Which shape of （六） a report's table 3 has: itemized as soon as any `otherHandling.*` row
 * is present, single if only `otherHandling` is; with neither, the format's default.
 */
export function table3Layout(report: {
  readonly formatVersion: FormatVersion;
  readonly applications: ApplicationsTable;
}): Table3Layout {
  const { applications } = report;
  const itemized = otherHandlingRowKeysFor('itemizedOtherHandling').some(
    (key) => applications[key] !== undefined,
  );
  if (itemized) return 'itemizedOtherHandling';
  if (applications.otherHandling !== undefined) return 'singleOtherHandling';
  return defaultTable3Layout(report.formatVersion);
}

/** The rows of `applications` that are present, in document order (unknown keys ignored). */
export function presentApplicationRowKeys(
  applications: ApplicationsTable,
): readonly ApplicationRowKey[] {
  return APPLICATION_ROWS.map((row) => row.key).filter((key) => applications[key] !== undefined);
}
