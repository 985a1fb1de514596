import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from '@atlas/report-model';
import type * as R from '../analytics.types';
import type { Cell, ExportTable } from './export-file';

/*
 * Each analytics answer as one or more plain tables (CSV: the first one; XLSX: one sheet each).
 * Pure: answer in, tables out.
 */

const STATUS_LABELS: Record<string, string> = {
  ok: '正常',
  warning: '有提示',
  late: '逾期',
  failing: '有错误',
  missing: '未提交',
  'not-expected': '无需提交',
  submitted: '已报送',
  accepted: '已接收',
  returned: '已退回',
  draft: '草稿',
};

const ITEM_TYPE_LABELS: Record<string, string> = {
  failing: '勾稽错误',
  missing: '未提交',
  late: '逾期发布',
  warning: '有提示',
};

export function scopeName(scope: R.ScopeRef): string {
  return scope.agencies.map((agency) => agency.name).join('、') || '全部';
}

function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? '是' : '否';
}

// ── tables of each answer ────────────────────────────────────────────────────────────────────

export function overviewTables(answer: R.OverviewDto): ExportTable[] {
  return [
    {
      sheet: '关键指标',
      header: ['指标', '单位', `${answer.year}年`, `${answer.year - 1}年`, '增减', '增减%'],
      rows: answer.kpis.map((kpi) => [
        kpi.metric.nameZh,
        kpi.metric.unit,
        kpi.value,
        kpi.previous,
        kpi.change?.absolute ?? null,
        kpi.change?.percent ?? null,
      ]),
    },
    {
      sheet: '提交情况',
      header: [
        '应提交',
        '已提交',
        '按时',
        '逾期',
        '未提交',
        '已接收',
        '已退回',
        '有错误',
        '有提示',
      ],
      rows: [
        [
          answer.submissions.expected,
          answer.submissions.submitted,
          answer.submissions.onTime,
          answer.submissions.late,
          answer.submissions.missing,
          answer.submissions.accepted,
          answer.submissions.returned,
          answer.submissions.withErrors,
          answer.submissions.withWarnings,
        ],
      ],
    },
  ];
}

export function trendTables(answer: R.TrendDto): ExportTable[] {
  const years = Array.from(
    { length: answer.toYear - answer.fromYear + 1 },
    (_, i) => answer.fromYear + i,
  );
  const names = new Map(answer.metrics.map((m) => [m.key, m]));
  return [
    {
      sheet: '趋势',
      header: ['指标', '单位', '分组', ...years.map((y) => `${y}年`)],
      rows: answer.series.map((series) => [
        names.get(series.metric)?.nameZh ?? series.metric,
        names.get(series.metric)?.unit ?? '',
        series.group.name,
        ...years.map((y) => series.points.find((p) => p.year === y)?.value ?? null),
      ]),
    },
  ];
}

export function compareTables(answer: R.CompareDto): ExportTable[] {
  const second = answer.secondMetric;
  return [
    {
      sheet: '对比',
      header: [
        '排名',
        '单位编码',
        '单位',
        `${answer.metric.nameZh}（${answer.metric.unit}）`,
        '百分位',
        '上年',
        '增减',
        '增减%',
        ...(second ? [`${second.nameZh}（${second.unit}）`] : []),
      ],
      rows: answer.items.map((item) => [
        item.rank,
        item.agency.code,
        item.agency.name,
        item.value,
        item.percentile,
        item.previous,
        item.change?.absolute ?? null,
        item.change?.percent ?? null,
        ...(second ? [item.secondValue] : []),
      ]),
    },
  ];
}

export function yoyTables(answer: R.YoyDto): ExportTable[] {
  const header = (first: string) => [
    first,
    `${answer.year}年`,
    `${answer.baseYear}年`,
    '增减',
    '增减%',
  ];
  return [
    {
      sheet: '表格同比',
      // The cell's code last, for joining with other data; the labels say what it is.
      header: ['表', '行', '列', ...header('单元格编码').slice(1), '单元格编码（供程序对照）'],
      rows: answer.cells.map((cell) => [
        cell.table,
        cell.row,
        cell.column,
        cell.current,
        cell.base,
        cell.change?.absolute ?? null,
        cell.change?.percent ?? null,
        cell.address,
      ]),
    },
    {
      sheet: '指标同比',
      header: header('指标'),
      rows: answer.metrics.map((m) => [
        `${m.metric.nameZh}（${m.metric.unit}）`,
        m.current,
        m.base,
        m.change?.absolute ?? null,
        m.change?.percent ?? null,
      ]),
    },
  ];
}

export function breakdownTables(answer: R.BreakdownDto): ExportTable[] {
  return [
    {
      sheet: '申请人与办理结果',
      header: ['办理情况', ...answer.columns.map((c) => c.label)],
      rows: answer.rows.map((row) => [row.label, ...answer.columns.map((c) => row.values[c.key])]),
    },
  ];
}

export function complianceTables(answer: R.ComplianceDto): ExportTable[] {
  return [
    {
      sheet: '合规',
      header: [
        '单位编码',
        '单位',
        '年度',
        '状态',
        '应提交',
        '已提交',
        '按时',
        '逾期',
        '未提交',
        '有错误',
        '按时率%',
        '检查合格率%',
        '办结率%',
      ],
      rows: answer.rows.flatMap((row) =>
        row.years.map((cell) => [
          row.agency?.code ?? '',
          row.name,
          cell.year,
          STATUS_LABELS[cell.status] ?? cell.status,
          cell.expected,
          cell.submitted,
          cell.onTime,
          cell.late,
          cell.missing,
          cell.withErrors,
          cell.onTimeRate,
          cell.inspectionPassRate,
          cell.completionRate,
        ]),
      ),
    },
  ];
}

export function qualityTables(answer: R.QualityDto): ExportTable[] {
  return [
    {
      sheet: '数据质量',
      header: [
        '问题',
        '单位编码',
        '单位',
        '错误数',
        '提示数',
        '逾期天数',
        '规则',
        '说明',
        '单元格',
      ],
      rows: answer.items.flatMap((item) => {
        const base: Cell[] = [
          ITEM_TYPE_LABELS[item.type] ?? item.type,
          item.agency.code,
          item.agency.name,
          item.errorCount,
          item.warningCount,
          item.daysLate,
        ];
        if (item.findings.length === 0) return [[...base, '', '', '']];
        return item.findings.map((f) => [...base, f.rule, f.message, f.cells.join(' ')]);
      }),
    },
    {
      sheet: '规则统计',
      header: ['规则', '报告数'],
      rows: answer.rules.map((rule) => [rule.rule, rule.reports]),
    },
  ];
}

export function rollupUnitTables(answer: R.RollupDto): ExportTable[] {
  return [
    {
      sheet: '纳入汇总的单位',
      header: ['单位编码', '单位', '状态', '按时发布', '逾期天数', '错误数'],
      rows: answer.units.includedList.map((unit) => [
        unit.agency.code,
        unit.agency.name,
        unit.status ? (STATUS_LABELS[unit.status] ?? unit.status) : '',
        yesNo(unit.onTime),
        unit.daysLate,
        unit.errorCount,
      ]),
    },
    {
      sheet: '未提交的单位',
      header: ['单位编码', '单位'],
      rows: answer.units.missingList.map((unit) => [unit.agency.code, unit.agency.name]),
    },
  ];
}

/** Tables 2–4 summed, flattened to one row per cell, for the roll-up's CSV. */
export function rollupCellTable(answer: R.RollupDto): ExportTable {
  const rows: Cell[][] = [];
  for (const row of answer.proactive)
    for (const cell of row.cells) rows.push(['二', row.label, cell.label, cell.value]);
  for (const row of answer.applications)
    for (const column of APPLICANT_COLUMNS)
      rows.push([
        '三',
        [...row.headings, row.label].join(' '),
        column.shortLabel,
        row.values[column.key],
      ]);
  for (const row of answer.reviewLitigation)
    for (const column of REVIEW_COLUMNS)
      rows.push(['四', row.label, column.label, row.values[column.key]]);
  return { sheet: '汇总', header: ['表', '行', '列', '数值'], rows };
}
