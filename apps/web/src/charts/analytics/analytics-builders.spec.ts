import { describe, expect, it } from 'vitest';
import type { CompareDto, ComplianceDto, TrendDto, YoyCell, YoyDto } from '../../api/analytics';
import type { ChartClickEvent } from '../echarts';
import { changeDirection, formatChange, formatChangeAbsolute, formatChangePercent } from './common';
import {
  agencyIdOfClick,
  buildRankingOption,
  buildScatterOption,
  compareTable,
  pairedMetric,
  RANKING_GRID_TOP,
} from './compare';
import {
  buildComplianceOption,
  complianceClickTarget,
  complianceTable,
  STATUS_STYLE,
  type ComplianceLabels,
} from './compliance';
import { buildRuleOption, ruleOfClick, ruleTable } from './quality';
import { sparklineGeometry } from './sparkline';
import { buildSubmissionOption, submissionPartOfClick, submissionTable } from './submissions';
import { buildTrendOption, trendClickTarget, trendHasValues, trendTable } from './trend';
import { buildYoyMetricsOption, changeColor, yoyGrids, yoyMetricsTable } from './yoy';

const scope = { agencies: [{ id: 'r', code: 'QS', name: '青山县人民政府' }], subtree: true };
const count = {
  key: 'applicationsReceived',
  nameZh: '收到申请数',
  nameEn: 'Applications',
  unit: '件',
  definition: '',
  source: 'cells' as const,
  ratio: false,
};
const rate = {
  key: 'disclosureRate',
  nameZh: '公开率',
  nameEn: 'Disclosure rate',
  unit: '%',
  definition: '',
  source: 'cells' as const,
  ratio: true,
};

type Fn = (params: unknown) => string;
const seriesOf = (option: unknown) => (option as { series: Record<string, unknown>[] }).series;

describe('change helpers', () => {
  it('reads direction and formats percent and absolute changes, rates in percentage points', () => {
    expect(changeDirection({ absolute: 3, percent: 10 })).toBe('up');
    expect(changeDirection({ absolute: -1, percent: null })).toBe('down');
    expect(changeDirection({ absolute: 0, percent: 0 })).toBe('flat');
    expect(changeDirection(null)).toBe('none');
    // A rate's change as shown, to 0.1 point: -0.02 points reads 「0个百分点」, so no arrow down.
    expect(changeDirection({ absolute: -0.02, percent: -0.1 }, '%')).toBe('flat');
    expect(changeDirection({ absolute: -0.06, percent: -0.1 }, '%')).toBe('down');
    expect(changeDirection({ absolute: -0.02, percent: -0.1 }, '万元')).toBe('down');
    expect(formatChangePercent({ absolute: 16, percent: 12.345 })).toBe('+12.3%');
    expect(formatChangePercent({ absolute: 1, percent: null })).toBe('—');
    expect(formatChangeAbsolute({ absolute: -16, percent: -10 }, '件')).toBe('-16件');
    expect(formatChangeAbsolute({ absolute: 3.21, percent: 5 }, '%')).toBe('+3.2个百分点');
    expect(formatChangeAbsolute({ absolute: 3.21, percent: 5 }, '%', 'en')).toBe('+3.2 pp');
  });

  it("shows a rate's change in percentage points and a count's in percent", () => {
    // 公开率 6.7% → 11.8%: five points up, not "+76.1%".
    expect(formatChange({ absolute: 5.1, percent: 76.1 }, '%')).toBe('+5.1个百分点');
    // 纠错率 12.5% → 0%: not "-100%".
    expect(formatChange({ absolute: -12.5, percent: -100 }, '%')).toBe('-12.5个百分点');
    expect(formatChange({ absolute: 5.1, percent: 76.1 }, '%', 'en')).toBe('+5.1 pp');
    expect(formatChange({ absolute: 16, percent: 12.345 }, '件')).toBe('+12.3%');
    // No base to divide by: the absolute change says what happened.
    expect(formatChange({ absolute: 3, percent: null }, '件')).toBe('+3件');
    expect(formatChange(null, '%')).toBe('—');
  });
});

describe('sparkline', () => {
  it('scales values into the box, breaks the line at missing years and marks the last point', () => {
    const geometry = sparklineGeometry(
      [
        { year: 2021, value: 10 },
        { year: 2022, value: 20 },
        { year: 2023, value: null },
        { year: 2024, value: 15 },
      ],
      100,
      20,
      0,
    );
    expect(geometry.line).toBe('M0 20 L33.33 0 M100 10');
    expect(geometry.last).toEqual({ x: 100, y: 10 });
    expect(geometry.points.map((p) => p.year)).toEqual([2021, 2022, 2024]);
  });

  it('draws nothing without values and a flat line in the middle', () => {
    expect(sparklineGeometry([{ year: 2024, value: null }], 100, 20).line).toBe('');
    expect(
      sparklineGeometry(
        [
          { year: 1, value: 5 },
          { year: 2, value: 5 },
        ],
        100,
        20,
        0,
      ).line,
    ).toBe('M0 10 L100 10');
  });
});

describe('submission progress', () => {
  const progress = {
    expected: 56,
    submitted: 55,
    onTime: 53,
    late: 2,
    missing: 1,
    accepted: 30,
    returned: 0,
    withErrors: 1,
    withWarnings: 3,
  };
  const labels = {
    expected: '应报',
    onTime: '按时',
    late: '逾期',
    missing: '未报',
    status: '状态',
    count: '数量',
    share: '占应报',
    unit: '份',
  };

  it('stacks on time, late and missing in one bar scaled to the reports due', () => {
    const option = buildSubmissionOption(progress, labels) as Record<string, unknown>;
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['按时', '逾期', '未报']);
    expect(series.map((s) => (s.data as number[])[0])).toEqual([53, 2, 1]);
    expect(series.every((s) => s.stack === 'submissions')).toBe(true);
    expect((option.xAxis as { max: number }).max).toBe(56);
    const tooltip = (option.tooltip as { formatter: Fn }).formatter({ seriesIndex: 1 });
    expect(tooltip).toContain('逾期 2份（3.6%）');
  });

  it('tells which part of the bar a click landed on', () => {
    expect(submissionPartOfClick({ componentType: 'series', seriesIndex: 1 })).toBe('late');
    expect(submissionPartOfClick({ componentType: 'series', seriesIndex: 2 })).toBe('missing');
    expect(submissionPartOfClick({ componentType: 'yAxis', value: '应报 56' })).toBeNull();
  });

  it('tabulates counts and shares of the reports due', () => {
    expect(submissionTable(progress, labels).rows).toEqual([
      { status: '应报', count: 56, share: 100 },
      { status: '按时', count: 53, share: (53 / 56) * 100 },
      { status: '逾期', count: 2, share: (2 / 56) * 100 },
      { status: '未报', count: 1, share: (1 / 56) * 100 },
    ]);
  });
});

describe('trend', () => {
  const answer: TrendDto = {
    scope,
    fromYear: 2022,
    toYear: 2024,
    groupBy: 'none',
    metrics: [count, rate],
    series: [
      {
        metric: 'applicationsReceived',
        group: { key: 'all', name: '全部', code: null },
        points: [
          { year: 2022, value: 100, reports: 3 },
          { year: 2024, value: 120, reports: 3 },
        ],
      },
      {
        metric: 'disclosureRate',
        group: { key: 'all', name: '全部', code: null },
        points: [
          { year: 2022, value: 45.5, reports: 3 },
          { year: 2023, value: 50, reports: 3 },
          { year: 2024, value: 40, reports: 3 },
        ],
      },
    ],
  };

  it('puts counts as bars on the left axis and percentages as lines on the right, with gaps for missing years', () => {
    const option = buildTrendOption(answer, {
      yearLabel: '年度',
      yearName: (y) => `${y}年`,
    }) as Record<string, unknown>;
    expect((option.xAxis as { data: string[] }).data).toEqual(['2022年', '2023年', '2024年']);
    expect((option.yAxis as unknown[]).length).toBe(2);
    const series = seriesOf(option);
    expect(series.map((s) => [s.type, s.yAxisIndex, s.data])).toEqual([
      ['bar', 0, [100, null, 120]],
      ['line', 1, [45.5, 50, 40]],
    ]);
    const tooltip = (option.tooltip as { formatter: Fn }).formatter([
      { seriesIndex: 0, seriesName: '收到申请数', axisValueLabel: '2022年', value: 100 },
      { seriesIndex: 1, seriesName: '公开率', axisValueLabel: '2022年', value: 45.5 },
    ]);
    expect(tooltip).toContain('100件');
    expect(tooltip).toContain('45.5%');
  });

  it('tells the metric and year of a clicked point, and the child region when grouped by it', () => {
    const click = (seriesIndex: number, dataIndex: number) => ({
      componentType: 'series',
      seriesIndex,
      dataIndex,
    });
    expect(trendClickTarget(answer, click(1, 1))).toEqual({
      metric: 'disclosureRate',
      year: 2023,
      agencyId: null,
    });
    // 2023 has no value for applicationsReceived: nothing to open.
    expect(trendClickTarget(answer, click(0, 1))).toBeNull();
    expect(trendClickTarget(answer, { componentType: 'xAxis', value: '2023年' })).toBeNull();

    const child = '3c0bd836-979b-47e1-a8ee-8fd4191425db';
    const rates = answer.series[1] as TrendDto['series'][number];
    const byChild: TrendDto = {
      ...answer,
      groupBy: 'child',
      series: [
        { ...rates, group: { key: child, name: '东区', code: 'D' } },
        { ...rates, group: { key: 'own', name: '本级', code: null } },
      ],
    };
    expect(trendClickTarget(byChild, click(0, 2))?.agencyId).toBe(child);
    expect(trendClickTarget(byChild, click(1, 2))?.agencyId).toBeNull();
  });

  it('names grouped series by group, stacks shares to 100 and tabulates years', () => {
    const grouped = {
      ...answer,
      groupBy: 'level' as const,
      series: answer.series.map((s) => ({
        ...s,
        group: { key: 'county', name: '县级', code: null },
      })),
    };
    const option = buildTrendOption(grouped, { yearLabel: '年度', stacked: true }) as Record<
      string,
      unknown
    >;
    expect(seriesOf(option).map((s) => s.name)).toEqual(['收到申请数 · 县级', '公开率 · 县级']);
    expect(seriesOf(option).every((s) => s.stack === 'total' && s.type === 'bar')).toBe(true);
    expect(trendTable(answer, { yearLabel: '年度' }).rows[1]).toEqual({
      year: '2023',
      s0: null,
      s1: 50,
    });
    expect(trendHasValues({ ...answer, series: [] })).toBe(false);
    expect(trendHasValues(answer)).toBe(true);
  });
});

describe('comparison', () => {
  const item = (id: string, value: number | null, second: number | null, rank: number) => ({
    agency: { id, code: id, name: `单位${id}` },
    value,
    secondValue: second,
    rank,
    percentile: 50,
    previous: 10,
    change: { absolute: 2, percent: 20 },
    reports: 1,
  });
  const answer: CompareDto = {
    scope,
    year: 2024,
    by: 'child',
    metric: count,
    secondMetric: rate,
    total: 3,
    withoutValue: 1,
    stats: { count: 2, min: 12, max: 30, mean: 21, median: 21 },
    items: [item('a', 30, 40, 1), item('b', 12, null, 2), item('c', null, null, 3)],
  };
  const labels = {
    agency: '名称',
    rank: '排名',
    percentile: '百分位',
    previous: '上年',
    change: '同比',
    mean: '平均值',
    median: '中位数',
    reports: '报告数',
  };

  it('ranks agencies with values top-down, with mean and median lines, carrying agency ids for clicks', () => {
    const option = buildRankingOption(answer, labels) as Record<string, unknown>;
    expect((option.yAxis as { data: string[] }).data).toEqual(['单位a', '单位b']);
    const [bars] = seriesOf(option);
    expect(bars?.data).toEqual([
      { name: '单位a', value: 30, agencyId: 'a' },
      { name: '单位b', value: 12, agencyId: 'b' },
    ]);
    expect((bars?.markLine as { data: { xAxis: number }[] }).data.map((d) => d.xAxis)).toEqual([
      21, 21,
    ]);
    const tooltip = (option.tooltip as { formatter: Fn }).formatter({ data: { agencyId: 'a' } });
    expect(tooltip).toContain('30件');
    expect(tooltip).toContain('40.0%');
    expect(tooltip).toContain('+20.0%');
    expect(agencyIdOfClick(answer, { data: { agencyId: 'b' } })).toBe('b');
    expect(agencyIdOfClick(answer, { componentType: 'yAxis', value: '单位a' })).toBe('a');
    expect(agencyIdOfClick(answer, { componentType: 'yAxis', value: '别处' })).toBeNull();
    expect(agencyIdOfClick(answer, { componentType: 'series', data: 30 })).toBeNull();
    // The names on the axis are clickable too.
    expect((option.yAxis as { triggerEvent: boolean }).triggerEvent).toBe(true);
  });

  it('labels the mean and median above the plot, in rows of their own', () => {
    const option = buildRankingOption(answer, labels) as Record<string, unknown>;
    const [bars] = seriesOf(option);
    const marks = (bars?.markLine as { data: { label: { position: string; distance: number } }[] })
      .data;
    // Above the plot (where the lines start, the category axis being inverted), so neither
    // meets the value axis labels nor the bars' value labels.
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect(marks.map((m) => m.label.position)).toEqual(['start', 'start']);
    const [mean, median] = marks.map((m) => m.label.distance);
    expect(Math.abs((median ?? 0) - (mean ?? 0))).toBeGreaterThanOrEqual(14);
    // The legend (about 24px) and both label rows fit in the room above the plot.
    expect((option.grid as { top: number }).top).toBe(RANKING_GRID_TOP);
    expect(RANKING_GRID_TOP).toBeGreaterThanOrEqual(24 + Math.max(mean ?? 0, median ?? 0) + 14);
  });

  it('gives rates their change in percentage points in the tooltip and the table', () => {
    const rated: CompareDto = {
      ...answer,
      metric: rate,
      secondMetric: count,
      items: [
        { ...item('a', 11.8, 30, 1), previous: 6.7, change: { absolute: 5.1, percent: 76.1 } },
      ],
    };
    const option = buildRankingOption(rated, labels) as Record<string, unknown>;
    const tooltip = (option.tooltip as { formatter: Fn }).formatter({ data: { agencyId: 'a' } });
    expect(tooltip).toContain('+5.1个百分点');
    expect(tooltip).not.toContain('76.1');
    const table = compareTable(rated, labels);
    expect(table.columns.find((c) => c.key === 'change')?.unit).toBe('个百分点');
    expect(table.rows[0]?.change).toBe(5.1);
    expect(compareTable(answer, labels).columns.find((c) => c.key === 'change')?.unit).toBe('%');
  });

  it('never plots a metric against itself in the scatter by default', () => {
    expect(pairedMetric('applicationsReceived')).toBe('disclosureRate');
    expect(pairedMetric('disclosureRate')).toBe('applicationsReceived');
    expect(pairedMetric('disclosureRate', '')).toBe('applicationsReceived');
    expect(pairedMetric('disclosureRate', 'disclosureRate')).toBe('applicationsReceived');
    expect(pairedMetric('disclosureRate', 'reviewCount')).toBe('reviewCount');
  });

  it('plots only agencies with both values in the scatter and tabulates every item', () => {
    const option = buildScatterOption(answer, labels);
    expect(seriesOf(option)[0]?.data).toEqual([{ name: '单位a', value: [30, 40], agencyId: 'a' }]);
    const table = compareTable(answer, labels);
    expect(table.columns.map((c) => c.key)).toEqual([
      'rank',
      'agency',
      'value',
      'second',
      'percentile',
      'previous',
      'change',
    ]);
    expect(table.rows[2]).toMatchObject({ rank: null, agency: '单位c', value: null });
  });
});

describe('compliance heat map', () => {
  const cell = (
    year: number,
    status: ComplianceDto['rows'][number]['years'][number]['status'],
  ) => ({
    year,
    expected: 1,
    submitted: status === 'missing' ? 0 : 1,
    onTime: status === 'late' || status === 'missing' ? 0 : 1,
    late: status === 'late' ? 1 : 0,
    missing: status === 'missing' ? 1 : 0,
    withErrors: status === 'failing' ? 1 : 0,
    withWarnings: 0,
    onTimeRate: status === 'missing' ? null : 100,
    inspectionPassRate: 98.5,
    completionRate: 100,
    status,
  });
  const answer: ComplianceDto = {
    scope,
    fromYear: 2023,
    toYear: 2024,
    by: 'child',
    total: 2,
    rows: [
      {
        agency: { id: 'x', code: 'X', name: '教育局' },
        name: '教育局',
        years: [cell(2023, 'ok'), cell(2024, 'late')],
      },
      {
        agency: { id: 'y', code: 'Y', name: '水利局' },
        name: '水利局',
        years: [cell(2023, 'failing')],
      },
    ],
  };
  const labels: ComplianceLabels = {
    status: {
      ok: '通过',
      warning: '有提示',
      late: '逾期',
      failing: '校验未通过',
      missing: '未报',
      'not-expected': '无需报送',
    },
    statusHeader: '检查状态',
    row: '名称',
    year: '年度',
    expected: '应报',
    submitted: '已报',
    onTime: '按时',
    late: '逾期',
    missing: '未报',
    withErrors: '有错误',
    withWarnings: '有提示',
    onTimeRate: '按时发布率',
    inspectionPassRate: '检查合格率',
    completionRate: '办结率',
    unit: '份',
  };

  it('gives every row × year a cell coloured by status, with a mark and a legend entry per status', () => {
    const option = buildComplianceOption(answer, labels) as Record<string, unknown>;
    const data = seriesOf(option)[0]?.data as { value: number[]; label: { color: string } }[];
    expect(data.map((d) => d.value)).toEqual([
      [0, 0, 0],
      [1, 0, 2],
      [0, 1, 3],
      [1, 1, 5],
    ]);
    const pieces = (option.visualMap as { pieces: { label: string; color: string }[] }).pieces;
    expect(pieces.map((p) => p.label)).toEqual([
      '✓ 通过',
      '! 有提示',
      '◷ 逾期',
      '✕ 校验未通过',
      '? 未报',
      '无需报送',
    ]);
    expect(new Set(pieces.map((p) => p.color)).size).toBe(6);
    expect(data[1]?.label.color).toBe(STATUS_STYLE.late.text);
    const tooltip = (option.tooltip as { formatter: Fn }).formatter({ data: data[1] });
    expect(tooltip).toContain('教育局 · 2024');
    expect(tooltip).toContain('逾期');
    expect(tooltip).toContain('98.5%');
  });

  it('tells which row and year a click landed on', () => {
    const option = buildComplianceOption(answer, labels);
    const data = seriesOf(option)[0]?.data as ChartClickEvent['data'][];
    expect(complianceClickTarget(answer, { componentType: 'series', data: data[2] })).toEqual({
      row: answer.rows[1],
      year: 2023,
    });
    expect(complianceClickTarget(answer, { componentType: 'yAxis', value: '教育局' })).toEqual({
      row: answer.rows[0],
      year: null,
    });
    expect(complianceClickTarget(answer, { componentType: 'yAxis', value: '别处' })).toBeNull();
    expect(complianceClickTarget(answer, { componentType: 'visualMap' })).toBeNull();
  });

  it('tabulates one row per region and year', () => {
    const table = complianceTable(answer, labels);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[1]).toMatchObject({
      row: '教育局',
      year: '2024',
      status: '逾期',
      late: 1,
      onTimeRate: 100,
    });
  });
});

describe('rules and year over year', () => {
  it('sorts rules by the number of reports', () => {
    const answer = {
      rules: [
        { rule: 'X.CARRY', reports: 1 },
        { rule: 'T3.BALANCE', reports: 4 },
      ],
    };
    const labels = { rule: '规则', reports: '报告数', unit: '份' };
    expect((buildRuleOption(answer, labels) as { yAxis: { data: string[] } }).yAxis.data).toEqual([
      'T3.BALANCE',
      'X.CARRY',
    ]);
    expect(ruleTable(answer, labels).rows).toEqual([
      { rule: 'T3.BALANCE', reports: 4 },
      { rule: 'X.CARRY', reports: 1 },
    ]);
  });

  it('tells which rule a click on a bar or a name stands for', () => {
    const answer = { rules: [{ rule: 'T3.BALANCE', reports: 4 }] };
    expect(ruleOfClick(answer, { componentType: 'series', name: 'T3.BALANCE', value: 4 })).toBe(
      'T3.BALANCE',
    );
    expect(ruleOfClick(answer, { componentType: 'yAxis', value: 'T3.BALANCE' })).toBe('T3.BALANCE');
    expect(ruleOfClick(answer, { componentType: 'yAxis', value: 'OTHER' })).toBeNull();
    expect(ruleOfClick(answer, { componentType: 'legend', name: '报告数' })).toBeNull();
  });

  const yoy: YoyDto = {
    scope,
    year: 2024,
    baseYear: 2023,
    reports: { current: 2, base: 2 },
    metrics: [
      { metric: count, current: 120, base: 100, change: { absolute: 20, percent: 20 } },
      { metric: rate, current: 40, base: 50, change: { absolute: -10, percent: -20 } },
      {
        metric: { ...count, key: 'reviewCount', nameZh: '行政复议数' },
        current: 3,
        base: 0,
        change: { absolute: 3, percent: null },
      },
    ],
    cells: [
      {
        address: 'a',
        table: '表二',
        row: '规章',
        column: '本年制发件数',
        current: 1,
        base: 2,
        change: { absolute: -1, percent: -50 },
      },
      {
        address: 'b',
        table: '表二',
        row: '规章',
        column: '现行有效件数',
        current: 5,
        base: 5,
        change: { absolute: 0, percent: 0 },
      },
      {
        address: 'c',
        table: '表二',
        row: '行政规范性文件',
        column: '现行有效件数',
        current: 7,
        base: null,
        change: null,
      },
      {
        address: 'd',
        table: '表三',
        row: '新收',
        column: '总计',
        current: 9,
        base: 8,
        change: { absolute: 1, percent: 12.5 },
      },
    ],
  };

  it('regroups cells into the template grids and colours ups and downs apart', () => {
    const grids = yoyGrids(yoy.cells);
    expect(grids.map((g) => g.table)).toEqual(['表二', '表三']);
    expect(grids[0]?.columns).toEqual(['本年制发件数', '现行有效件数']);
    expect(grids[0]?.rows.map((r) => [r.row, r.cells.map((c) => c?.address ?? null)])).toEqual([
      ['规章', ['a', 'b']],
      ['行政规范性文件', [null, 'c']],
    ]);
    expect(changeColor(yoy.cells[0] as YoyCell)).not.toBe(changeColor(yoy.cells[3] as YoyCell));
    expect(changeColor(yoy.cells[1] as YoyCell)).toBeUndefined();
  });

  const yoyLabels = {
    metric: '指标',
    current: '2024年',
    base: '2023年',
    change: '增减',
    changePercent: '增减幅度',
  };

  it('charts counts by percent change and rates by points, each bar saying which', () => {
    const option = buildYoyMetricsOption(yoy, yoyLabels) as Record<string, unknown>;
    // 行政复议数 has no base (0 last year), so no percent change to chart.
    expect((option.yAxis as { data: string[] }).data).toEqual(['收到申请数', '公开率']);
    expect((seriesOf(option)[0]?.data as { value: number }[]).map((d) => d.value)).toEqual([
      20, -10,
    ]);
    const label = (seriesOf(option)[0]?.label as { formatter: Fn }).formatter;
    expect(label({ dataIndex: 0 })).toBe('+20.0%');
    expect(label({ dataIndex: 1 })).toBe('-10个百分点');
    const tooltip = (option.tooltip as { formatter: Fn }).formatter({ dataIndex: 1 });
    expect(tooltip).toContain('-10个百分点');
    expect(tooltip).not.toContain('-20');
  });

  it('leaves the relative change of a rate out of the table', () => {
    const rows = yoyMetricsTable(yoy, yoyLabels).rows;
    expect(rows[0]).toMatchObject({ absolute: 20, percent: 20 });
    expect(rows[1]).toMatchObject({ absolute: -10, percent: null });
  });
});
