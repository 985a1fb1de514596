import {
  APPLICANT_COLUMN,
  APPLICATION_ROWS,
  applicationCell,
  otherHandlingRowKeysFor,
  proactiveCell,
  reviewLitigationCell,
  type ApplicantTypeColumnKey,
  type ApplicationRowKey,
  type CellAddress,
  type ReviewGroupKey,
} from '@atlas/report-model';
import { sumOf, type Formula } from './formula';
import {
  completionRateOf,
  inspectionPassRateAverageOf,
  processingFeeTotalOf,
  publishedItemsTotalOf,
  type NarrativeTotals,
} from './narrative';
import {
  missingReports,
  onTimeRate,
  reportsWithErrors,
  type ReportFindingsInput,
  type SubmissionCounts,
} from './quality';

export type MetricUnit = '件' | '%' | '万元' | '元' | '个' | '份';

interface MetricInfo<K extends string> {
  readonly key: K;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly unit: MetricUnit;
  /** One line in Chinese, shown next to the number. */
  readonly definition: string;
}

/** A number read from tables 2–4: a sum of cells. */
export interface CountMetric<K extends string = string> extends MetricInfo<K> {
  readonly source: 'cells';
  readonly kind: 'count';
  readonly formula: Formula;
  /** Every address the formula reads: what the API must sum over the selected reports. */
  readonly cells: readonly CellAddress[];
}

/** numerator / denominator × 100, from (summed) cells; null when the denominator is 0. */
export interface RatioMetric<K extends string = string> extends MetricInfo<K> {
  readonly source: 'cells';
  readonly kind: 'ratio';
  readonly numerator: Formula;
  readonly denominator: Formula;
  readonly cells: readonly CellAddress[];
}

export type CellMetric<K extends string = string> = CountMetric<K> | RatioMetric<K>;

/** A number stated in the text (narrative.metrics), aggregated over one or more reports. */
export interface NarrativeMetric<K extends string = string> extends MetricInfo<K> {
  readonly source: 'narrative';
  /** From totals that may cover many reports (see NarrativeTotals). */
  readonly fromTotals: (totals: NarrativeTotals) => number | null;
}

/** What each kind of data-quality metric reads. */
export interface QualityInputs {
  readonly reportFindings: readonly ReportFindingsInput[];
  readonly submissionCounts: SubmissionCounts;
}

export interface QualityMetric<
  K extends string = string,
  I extends keyof QualityInputs = keyof QualityInputs,
> extends MetricInfo<K> {
  readonly source: 'quality';
  readonly input: I;
  readonly compute: (input: QualityInputs[I]) => number | null;
}

/** One QualityMetric type per input kind, so each compute function keeps its own input type. */
export type AnyQualityMetric = {
  [I in keyof QualityInputs]: QualityMetric<string, I>;
}[keyof QualityInputs];

export type MetricDefinition = CellMetric | NarrativeMetric | AnyQualityMetric;

function unique(cells: readonly CellAddress[]): readonly CellAddress[] {
  return [...new Set(cells)];
}

function count<const K extends string>(info: MetricInfo<K>, formula: Formula): CountMetric<K> {
  return { ...info, source: 'cells', kind: 'count', formula, cells: unique(formula.cells) };
}

function ratio<const K extends string>(
  info: Omit<MetricInfo<K>, 'unit'>,
  numerator: Formula,
  denominator: Formula,
): RatioMetric<K> {
  return {
    ...info,
    unit: '%',
    source: 'cells',
    kind: 'ratio',
    numerator,
    denominator,
    cells: unique([...numerator.cells, ...denominator.cells]),
  };
}

const total = (row: ApplicationRowKey): CellAddress => applicationCell(row, 'total');

/** The sub-rows of an outcome group, e.g. every `denied.*` row. */
function groupTotals(prefix: 'denied' | 'unavailable' | 'notProcessed'): Formula {
  return sumOf(
    ...APPLICATION_ROWS.filter((row) => row.key.startsWith(`${prefix}.`)).map((row) =>
      total(row.key),
    ),
  );
}

// Both （六） shapes: a report has only one, the other's cells are absent and read as 0.
const otherHandlingTotal = sumOf(
  ...[
    ...otherHandlingRowKeysFor('singleOtherHandling'),
    ...otherHandlingRowKeysFor('itemizedOtherHandling'),
  ].map(total),
);

const NEW_RECEIVED = sumOf(total('newReceived'));
const RECEIVED_INCL_CARRIED = sumOf(total('newReceived'), total('carriedOver'));
const HANDLED = sumOf(total('totalHandled'));

const reviewDecided = (groups: readonly ReviewGroupKey[]): Formula =>
  sumOf(
    ...groups.flatMap((group) =>
      (['upheld', 'corrected', 'other'] as const).map((c) => reviewLitigationCell(group, c)),
    ),
  );
const reviewCorrected = (groups: readonly ReviewGroupKey[]): Formula =>
  sumOf(...groups.map((group) => reviewLitigationCell(group, 'corrected')));
const LITIGATION: readonly ReviewGroupKey[] = ['litigationDirect', 'litigationAfterReview'];

function applicantShare<const C extends ApplicantTypeColumnKey>(
  column: C,
): RatioMetric<`applicantShare.${C}`> {
  const info = APPLICANT_COLUMN[column];
  return ratio(
    {
      key: `applicantShare.${column}`,
      nameZh: `申请人构成·${info.shortLabel}`,
      nameEn: `Applicant mix: ${info.labelEn}`,
      definition: `本年新收申请中${info.shortLabel}提出的占比（${info.shortLabel}列 ÷ 总计列）`,
    },
    sumOf(applicationCell('newReceived', column)),
    NEW_RECEIVED,
  );
}

function proactive2021(
  row: 'regulations' | 'normativeDocuments',
  column: 'issued' | 'repealed' | 'inForce',
): Formula {
  return sumOf(proactiveCell(row, column));
}

/**
 * The metric catalogue, in display order. Cell metrics carry their formula and the cells it
 * reads; narrative and quality metrics carry the pure function that computes them from their
 * own inputs.
 */
export const METRICS = [
  // —— 表三：依申请公开 ——
  count(
    {
      key: 'applicationsNew',
      nameZh: '本年新收申请数',
      nameEn: 'New applications',
      unit: '件',
      definition: '表三“本年新收政府信息公开申请数量”总计列',
    },
    NEW_RECEIVED,
  ),
  count(
    {
      key: 'applicationsReceived',
      nameZh: '收到申请数（含上年结转）',
      nameEn: 'Applications incl. carried over',
      unit: '件',
      definition: '本年新收申请数 + 上年结转申请数（总计列）',
    },
    RECEIVED_INCL_CARRIED,
  ),
  count(
    {
      key: 'applicationsHandled',
      nameZh: '办理总计',
      nameEn: 'Applications handled',
      unit: '件',
      definition: '表三“（七）总计”总计列，即本年办结的申请数',
    },
    HANDLED,
  ),
  ratio(
    {
      key: 'disclosureRate',
      nameZh: '公开率',
      nameEn: 'Disclosure rate',
      definition: '（予以公开 + 部分公开）÷ 办理总计',
    },
    sumOf(total('granted'), total('partiallyGranted')),
    HANDLED,
  ),
  ratio(
    {
      key: 'deniedShare',
      nameZh: '不予公开占比',
      nameEn: 'Share denied',
      definition: '“（三）不予公开”各项之和 ÷ 办理总计',
    },
    groupTotals('denied'),
    HANDLED,
  ),
  ratio(
    {
      key: 'unavailableShare',
      nameZh: '无法提供占比',
      nameEn: 'Share unavailable',
      definition: '“（四）无法提供”各项之和 ÷ 办理总计',
    },
    groupTotals('unavailable'),
    HANDLED,
  ),
  ratio(
    {
      key: 'notProcessedShare',
      nameZh: '不予处理占比',
      nameEn: 'Share not processed',
      definition: '“（五）不予处理”各项之和 ÷ 办理总计',
    },
    groupTotals('notProcessed'),
    HANDLED,
  ),
  ratio(
    {
      key: 'otherHandlingShare',
      nameZh: '其他处理占比',
      nameEn: 'Share handled otherwise',
      definition: '“（六）其他处理”（单行或三个分项之和）÷ 办理总计',
    },
    otherHandlingTotal,
    HANDLED,
  ),
  applicantShare('naturalPerson'),
  applicantShare('commercial'),
  applicantShare('research'),
  applicantShare('nonprofit'),
  applicantShare('legalService'),
  applicantShare('otherOrg'),
  ratio(
    {
      key: 'carriedForwardRatio',
      nameZh: '结转下年度比例',
      nameEn: 'Carried-forward ratio',
      definition: '结转下年度继续办理 ÷（本年新收 + 上年结转）',
    },
    sumOf(total('carriedForward')),
    RECEIVED_INCL_CARRIED,
  ),
  // —— 表四：行政复议、行政诉讼 ——
  count(
    {
      key: 'reviewCount',
      nameZh: '行政复议数',
      nameEn: 'Administrative reviews',
      unit: '件',
      definition: '表四行政复议总计',
    },
    sumOf(reviewLitigationCell('review', 'total')),
  ),
  ratio(
    {
      key: 'reviewCorrectionRate',
      nameZh: '行政复议纠错率',
      nameEn: 'Review correction rate',
      definition: '行政复议结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），尚未审结不计',
    },
    reviewCorrected(['review']),
    reviewDecided(['review']),
  ),
  count(
    {
      key: 'litigationCount',
      nameZh: '行政诉讼数',
      nameEn: 'Lawsuits',
      unit: '件',
      definition: '表四行政诉讼总计：未经复议直接起诉 + 复议后起诉',
    },
    sumOf(...LITIGATION.map((group) => reviewLitigationCell(group, 'total'))),
  ),
  ratio(
    {
      key: 'litigationCorrectionRate',
      nameZh: '行政诉讼纠错率',
      nameEn: 'Litigation correction rate',
      definition:
        '行政诉讼结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），两类起诉合计，尚未审结不计',
    },
    reviewCorrected(LITIGATION),
    reviewDecided(LITIGATION),
  ),
  // —— 表二：主动公开（规章、规范性文件仅 2021 格式有这些列，2019 格式报告得 null） ——
  count(
    {
      key: 'regulationsIssued',
      nameZh: '规章本年制发件数',
      nameEn: 'Regulations issued',
      unit: '件',
      definition: '表二规章“本年制发件数”（2021 格式）',
    },
    proactive2021('regulations', 'issued'),
  ),
  count(
    {
      key: 'regulationsRepealed',
      nameZh: '规章本年废止件数',
      nameEn: 'Regulations repealed',
      unit: '件',
      definition: '表二规章“本年废止件数”（2021 格式）',
    },
    proactive2021('regulations', 'repealed'),
  ),
  count(
    {
      key: 'regulationsInForce',
      nameZh: '规章现行有效件数',
      nameEn: 'Regulations in force',
      unit: '件',
      definition: '表二规章“现行有效件数”（2021 格式）',
    },
    proactive2021('regulations', 'inForce'),
  ),
  count(
    {
      key: 'normativeDocumentsIssued',
      nameZh: '行政规范性文件本年制发件数',
      nameEn: 'Normative documents issued',
      unit: '件',
      definition: '表二行政规范性文件“本年制发件数”（2021 格式）',
    },
    proactive2021('normativeDocuments', 'issued'),
  ),
  count(
    {
      key: 'normativeDocumentsRepealed',
      nameZh: '行政规范性文件本年废止件数',
      nameEn: 'Normative documents repealed',
      unit: '件',
      definition: '表二行政规范性文件“本年废止件数”（2021 格式）',
    },
    proactive2021('normativeDocuments', 'repealed'),
  ),
  count(
    {
      key: 'normativeDocumentsInForce',
      nameZh: '行政规范性文件现行有效件数',
      nameEn: 'Normative documents in force',
      unit: '件',
      definition: '表二行政规范性文件“现行有效件数”（2021 格式）',
    },
    proactive2021('normativeDocuments', 'inForce'),
  ),
  // 处理决定数量 exists in both formats (2019: 处理决定数量 column), so these cover 2019 too.
  count(
    {
      key: 'licensingDecisions',
      nameZh: '行政许可处理决定数',
      nameEn: 'Licensing decisions',
      unit: '件',
      definition: '表二行政许可“本年处理决定数量”',
    },
    sumOf(proactiveCell('licensing', 'decisions')),
  ),
  count(
    {
      key: 'penaltyDecisions',
      nameZh: '行政处罚处理决定数',
      nameEn: 'Penalty decisions',
      unit: '件',
      definition: '表二行政处罚“本年处理决定数量”',
    },
    sumOf(proactiveCell('penalty', 'decisions')),
  ),
  count(
    {
      key: 'coercionDecisions',
      nameZh: '行政强制处理决定数',
      nameEn: 'Coercion decisions',
      unit: '件',
      definition: '表二行政强制“本年处理决定数量”',
    },
    sumOf(proactiveCell('coercion', 'decisions')),
  ),
  count(
    {
      key: 'feesCollected',
      nameZh: '行政事业性收费金额',
      nameEn: 'Administrative fees collected',
      unit: '万元',
      definition: '表二行政事业性收费“本年收费金额”（2021 格式，单位万元）',
    },
    sumOf(proactiveCell('fees', 'amountWanYuan')),
  ),
  // —— 正文（narrative.metrics） ——
  {
    key: 'completionRate',
    nameZh: '办结率',
    nameEn: 'Completion rate (text)',
    unit: '%',
    definition: '正文所述办结率；多份报告取所述数值的算术平均（正文只给比率，无分子分母）',
    source: 'narrative',
    fromTotals: completionRateOf,
  },
  {
    key: 'inspectionPassRateAverage',
    nameZh: '检查合格率平均值',
    nameEn: 'Average inspection pass rate (text)',
    unit: '%',
    definition: '正文所述各项检查合格率的算术平均',
    source: 'narrative',
    fromTotals: inspectionPassRateAverageOf,
  },
  {
    key: 'publishedItemsTotal',
    nameZh: '正文所述发布信息总数',
    nameEn: 'Items published (text)',
    unit: '个',
    definition: '正文所述各渠道发布信息条数之和（“160 余条”计为 160）',
    source: 'narrative',
    fromTotals: publishedItemsTotalOf,
  },
  {
    key: 'processingFee',
    nameZh: '信息公开处理费',
    nameEn: 'Processing fees (text)',
    unit: '元',
    definition: '正文所述收取的信息公开处理费用之和（未收取计为 0）',
    source: 'narrative',
    fromTotals: processingFeeTotalOf,
  },
  // —— 数据质量 ——
  {
    key: 'reportsWithErrors',
    nameZh: '有错误的报告数',
    nameEn: 'Reports with errors',
    unit: '份',
    definition: '至少有一条 error 级勾稽检查结果的报告数',
    source: 'quality',
    input: 'reportFindings',
    compute: reportsWithErrors,
  },
  {
    key: 'onTimeRate',
    nameZh: '按时发布率',
    nameEn: 'On-time rate',
    unit: '%',
    definition: '于 1 月 31 日前发布的报告数 ÷ 已发布报告数',
    source: 'quality',
    input: 'submissionCounts',
    compute: (counts: SubmissionCounts) => onTimeRate(counts.submitted, counts.onTime),
  },
  {
    key: 'missingReports',
    nameZh: '缺失报告数',
    nameEn: 'Missing reports',
    unit: '份',
    definition: '应发布而未找到的年度报告数',
    source: 'quality',
    input: 'submissionCounts',
    compute: (counts: SubmissionCounts) => missingReports(counts.expected, counts.submitted),
  },
] as const satisfies readonly MetricDefinition[];

export type Metric = (typeof METRICS)[number];
export type MetricKey = Metric['key'];
export type CellMetricKey = Extract<Metric, { source: 'cells' }>['key'];
export type NarrativeMetricKey = Extract<Metric, { source: 'narrative' }>['key'];
export type QualityMetricKey = Extract<Metric, { source: 'quality' }>['key'];

const METRIC_BY_KEY = new Map<string, Metric>(METRICS.map((metric) => [metric.key, metric]));

export function isMetricKey(value: string): value is MetricKey {
  return METRIC_BY_KEY.has(value);
}

/** The catalogue entry of a key, narrowed to its kind. */
export function metric<K extends MetricKey>(key: K): Extract<Metric, { key: K }> {
  return METRIC_BY_KEY.get(key) as Extract<Metric, { key: K }>;
}
