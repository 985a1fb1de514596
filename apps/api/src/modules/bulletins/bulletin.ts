import type {
  BreakdownDto,
  ComplianceDto,
  Kpi,
  OverviewDto,
  QualityDto,
  QualityItem,
} from '@atlas/api-contract';

/*
 * The 通报 (the notice an oversight office publishes on a region's reports of a year) as plain
 * data: its title, summary figures and lists, built from the analytics answers alone. The DOCX
 * and the XLSX are two renderings of the same tables, so they cannot disagree.
 */

/** The rule of copied narrative (内容雷同). */
export const COPIED_RULE = 'N.COPIED';

export type BulletinCell = string | number | null;

export interface BulletinTable {
  /** Short key (also the XLSX sheet's English fallback). */
  key: string;
  /** Section heading, e.g. 「二、逾期报送的单位」. */
  title: string;
  columns: string[];
  rows: BulletinCell[][];
  /** Said in place of an empty table. */
  empty: string;
}

/** A rectification notice as the 通报 lists it. */
export interface BulletinNotice {
  agencyName: string;
  regionNames: string[];
  status: 'open' | 'overdue' | 'closed';
  dueDate: string;
  items: number;
  resolvedItems: number;
  closedAt: string | null;
}

export interface BulletinSources {
  overview: OverviewDto;
  breakdown: BreakdownDto;
  compliance: ComplianceDto;
  /** Every problem of the year (failing, missing, late, warnings). */
  quality: QualityDto;
  /** Reports with an N.COPIED finding. */
  copied: QualityDto;
  /** The region's rectification notices of the year; null when there is no such record. */
  notices: BulletinNotice[] | null;
}

export interface Bulletin {
  year: number;
  regionName: string;
  title: string;
  /** One sentence under the title: what the notice covers. */
  lead: string;
  tables: BulletinTable[];
}

/** Headline figures of the overview the 通报 repeats, in this order. */
export const BULLETIN_KPIS = [
  'onTimeRate',
  'applicationsReceived',
  'applicationsHandled',
  'disclosureRate',
  'reviewCount',
  'reviewCorrectionRate',
  'litigationCount',
  'litigationCorrectionRate',
  'inspectionPassRateAverage',
  'completionRate',
] as const;

const STATUS_NAMES: Record<BulletinNotice['status'], string> = {
  open: '整改中',
  overdue: '已逾期',
  closed: '已办结',
};

/** The region's name: the scope's one root, or the roots joined (an admin's whole tree). */
export function regionNameOf(overview: Pick<OverviewDto, 'scope'>): string {
  const names = overview.scope.agencies.map((a) => a.name);
  return names.length === 0 ? '全部地区' : names.join('、');
}

export function percentText(value: number | null): string {
  return value === null ? '—' : `${Number(value.toFixed(1))}%`;
}

function kpiText(kpi: Kpi): BulletinCell {
  if (kpi.value === null) return '—';
  return kpi.metric.ratio ? percentText(kpi.value) : kpi.value;
}

/** Share of the submitted reports without an error-level finding. */
export function checkPassRate(submitted: number, failing: number): number | null {
  return submitted === 0 ? null : ((submitted - failing) / submitted) * 100;
}

function agencyColumns(item: QualityItem): BulletinCell[] {
  return [item.agency.code, item.agency.name];
}

/** Rules of an item's findings of one severity, each once, in the order found. */
function rulesOf(item: QualityItem, severity: string): string {
  return [...new Set(item.findings.filter((f) => f.severity === severity).map((f) => f.rule))].join(
    '、',
  );
}

/**
 * Late reports: every submitted report that missed its deadline, with or without errors, once
 * (the quality answer lists a late report with warnings both as late and as a warning).
 */
export function lateItems(quality: QualityDto): QualityItem[] {
  const seen = new Set<string>();
  return quality.items
    .filter(
      (item) =>
        item.reportId !== null &&
        item.onTime === false &&
        !seen.has(item.reportId) &&
        seen.add(item.reportId) !== undefined,
    )
    .sort(
      (a, b) => (b.daysLate ?? 0) - (a.daysLate ?? 0) || (a.agency.code < b.agency.code ? -1 : 1),
    );
}

export function missingItems(quality: QualityDto): QualityItem[] {
  return quality.items.filter((item) => item.type === 'missing');
}

export function failingItems(quality: QualityDto): QualityItem[] {
  return quality.items.filter((item) => item.type === 'failing');
}

export function copiedItems(copied: QualityDto): QualityItem[] {
  return copied.items.filter((item) => item.findings.some((f) => f.rule === COPIED_RULE));
}

/** The 通报's tables, in the order they are published. */
export function buildBulletin(sources: BulletinSources): Bulletin {
  const { overview, breakdown, compliance, quality, copied, notices } = sources;
  const year = overview.year;
  const regionName = regionNameOf(overview);
  const s = overview.submissions;
  const kpis = new Map(overview.kpis.map((kpi) => [kpi.metric.key, kpi]));

  const summary: BulletinTable = {
    key: 'summary',
    title: '一、总体情况',
    columns: ['项目', '数值'],
    rows: [
      ['应报送年报（份）', s.expected],
      ['已报送年报（份）', s.submitted],
      ['按时报送（份）', s.onTime],
      ['逾期报送（份）', s.late],
      ['未报送（份）', s.missing],
      ['存在错误的年报（份）', s.withErrors],
      ['检查通过率（无错误的年报占已报送）', percentText(checkPassRate(s.submitted, s.withErrors))],
      ['内容雷同的年报（份）', copiedItems(copied).length],
      ...BULLETIN_KPIS.flatMap((key) => {
        const kpi = kpis.get(key);
        return kpi ? [[`${kpi.metric.nameZh}${unitSuffix(kpi)}`, kpiText(kpi)]] : [];
      }),
    ],
    empty: '无',
  };

  const regions: BulletinTable = {
    key: 'regions',
    title: '二、各地区报送情况',
    columns: ['地区或单位', '应报送', '已报送', '按时', '逾期', '未报送', '存在错误', '按时报送率'],
    rows: compliance.rows.flatMap((row) =>
      row.years
        .filter((cell) => cell.year === year && cell.status !== 'not-expected')
        .map((cell) => [
          row.name,
          cell.expected,
          cell.submitted,
          cell.onTime,
          cell.late,
          cell.missing,
          cell.withErrors,
          percentText(cell.onTimeRate),
        ]),
    ),
    empty: '本年度没有应报送的单位',
  };

  const outcomes: BulletinTable = {
    key: 'outcomes',
    title: '三、政府信息公开申请办理结果',
    columns: ['办理结果', '件数'],
    rows: breakdown.rows
      .filter((row) => row.outcome)
      .map((row) => [row.label, row.values['total'] ?? 0]),
    empty: '本年度没有申请办理数据',
  };

  const late: BulletinTable = {
    key: 'late',
    title: '四、逾期报送的单位',
    columns: ['机构代码', '单位', '逾期天数'],
    rows: lateItems(quality).map((item) => [...agencyColumns(item), item.daysLate ?? 0]),
    empty: '无逾期报送的单位',
  };

  const missing: BulletinTable = {
    key: 'missing',
    title: '五、未报送年报的单位',
    columns: ['机构代码', '单位'],
    rows: missingItems(quality).map(agencyColumns),
    empty: '无未报送的单位',
  };

  const failing: BulletinTable = {
    key: 'failing',
    title: '六、存在错误的年报',
    columns: ['机构代码', '单位', '错误数', '涉及规则'],
    rows: failingItems(quality).map((item) => [
      ...agencyColumns(item),
      item.errorCount,
      rulesOf(item, 'error'),
    ]),
    empty: '无存在错误的年报',
  };

  const copiedTable: BulletinTable = {
    key: 'copied',
    title: '七、内容雷同的年报',
    columns: ['机构代码', '单位', '雷同情况'],
    rows: copiedItems(copied).map((item) => [
      ...agencyColumns(item),
      item.findings
        .filter((f) => f.rule === COPIED_RULE)
        .map((f) => f.message)
        .join('；'),
    ]),
    empty: '未发现内容雷同的年报',
  };

  const tables = [summary, regions, outcomes, late, missing, failing, copiedTable];
  if (notices) {
    const noticeRow = (notice: BulletinNotice): BulletinCell[] => [
      [...notice.regionNames, notice.agencyName].join(' / '),
      STATUS_NAMES[notice.status],
      notice.dueDate,
      `${notice.resolvedItems}/${notice.items}`,
      notice.closedAt ?? '—',
    ];
    const columns = ['单位', '状态', '整改期限', '已整改/问题数', '办结日期'];
    tables.push(
      {
        key: 'rectifying',
        title: '八、整改中的通知',
        columns,
        rows: notices.filter((n) => n.status !== 'closed').map(noticeRow),
        empty: '无整改中的通知',
      },
      {
        key: 'rectified',
        title: '九、已完成整改的通知',
        columns,
        rows: notices.filter((n) => n.status === 'closed').map(noticeRow),
        empty: '无已完成整改的通知',
      },
    );
  }

  return {
    year,
    regionName,
    title: `关于${regionName}${year}年度政府信息公开工作年度报告情况的通报`,
    lead:
      `${regionName}${year}年度应报送政府信息公开工作年度报告${s.expected}份，已报送${s.submitted}份，` +
      `其中按时报送${s.onTime}份、逾期报送${s.late}份，未报送${s.missing}份；` +
      `存在错误的${s.withErrors}份。现将有关情况通报如下。`,
    tables,
  };
}

function unitSuffix(kpi: Kpi): string {
  return kpi.metric.ratio || !kpi.metric.unit ? '' : `（${kpi.metric.unit}）`;
}
