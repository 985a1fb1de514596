import type { BreakdownDto, ComplianceDto, SubmissionProgress } from '@atlas/api-contract';

/*
 * The 通报's charts as ECharts options, built by pure functions from the analytics answers and
 * drawn server-side (chart-renderer.ts). Static images: no animation, no tooltip; every bar
 * carries its number, and the colours (Okabe–Ito, as in the web app's compliance chart) are
 * told apart by label and position too, for greyscale prints.
 */

/** A chart of the 通报: its caption and its ECharts option (plain JSON). */
export interface BulletinChart {
  key: string;
  caption: string;
  option: Record<string, unknown>;
  width: number;
  height: number;
}

const COLOURS = { onTime: '#009E73', late: '#E69F00', missing: '#374151', bar: '#0072B2' };

const BASE = {
  animation: false,
  backgroundColor: '#FFFFFF',
  textStyle: { fontSize: 13, color: '#1F2937' },
  title: { left: 'center', top: 8, textStyle: { fontSize: 16, fontWeight: 'bold' } },
} as const;

/** 报送情况: reports on time, late and missing, as one bar each. */
export function submissionsChart(year: number, s: SubmissionProgress): BulletinChart {
  const bars = [
    { name: '按时报送', value: s.onTime, colour: COLOURS.onTime },
    { name: '逾期报送', value: s.late, colour: COLOURS.late },
    { name: '未报送', value: s.missing, colour: COLOURS.missing },
  ];
  return {
    key: 'submissions',
    caption: `图1 ${year}年度年报报送情况（应报送${s.expected}份）`,
    width: 720,
    height: 360,
    option: {
      ...BASE,
      title: { ...BASE.title, text: `${year}年度年报报送情况` },
      grid: { left: 60, right: 30, top: 60, bottom: 40 },
      xAxis: { type: 'category', data: bars.map((b) => b.name) },
      yAxis: { type: 'value', name: '份', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 80,
          label: { show: true, position: 'top', fontSize: 14 },
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.colour } })),
        },
      ],
    },
  };
}

/** 各地区报送情况: per child region (or agency), on time, late and missing stacked. */
export function regionsChart(year: number, compliance: ComplianceDto): BulletinChart {
  const rows = compliance.rows
    .map((row) => ({ name: row.name, cell: row.years.find((c) => c.year === year) }))
    .filter((row) => row.cell && row.cell.status !== 'not-expected');
  const series = (
    [
      ['按时报送', 'onTime', COLOURS.onTime],
      ['逾期报送', 'late', COLOURS.late],
      ['未报送', 'missing', COLOURS.missing],
    ] as const
  ).map(([name, key, colour]) => ({
    type: 'bar',
    name,
    stack: 'reports',
    itemStyle: { color: colour },
    label: { show: true, formatter: labelUnlessZero },
    data: rows.map((row) => row.cell?.[key] ?? 0),
  }));
  return {
    key: 'regions',
    caption: `图2 ${year}年度各地区报送情况`,
    width: 720,
    height: Math.max(240, rows.length * 28 + 110),
    option: {
      ...BASE,
      title: { ...BASE.title, text: `${year}年度各地区报送情况` },
      legend: { top: 36 },
      grid: { left: 16, right: 30, top: 70, bottom: 20, containLabel: true },
      xAxis: { type: 'value', name: '份', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.name),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series,
    },
  };
}

/** 申请办理结果: the year's outcomes (table 3, 总计 column), largest first, zeros left out. */
export function outcomesChart(year: number, breakdown: BreakdownDto): BulletinChart {
  const bars = breakdown.rows
    .filter((row) => row.outcome && (row.values['total'] ?? 0) > 0)
    .map((row) => ({ name: row.shortLabel, value: row.values['total'] ?? 0 }))
    .sort((a, b) => b.value - a.value);
  return {
    key: 'outcomes',
    caption: `图3 ${year}年度政府信息公开申请办理结果`,
    width: 720,
    height: Math.max(200, bars.length * 26 + 90),
    option: {
      ...BASE,
      title: { ...BASE.title, text: `${year}年度申请办理结果（件）` },
      grid: { left: 16, right: 50, top: 50, bottom: 20, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((b) => b.name),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          itemStyle: { color: COLOURS.bar },
          label: { show: true, position: 'right' },
          data: bars.map((b) => b.value),
        },
      ],
    },
  };
}

function labelUnlessZero(params: { value?: unknown }): string {
  return typeof params.value === 'number' && params.value > 0 ? String(params.value) : '';
}

/** The 通报's charts; a chart with nothing to show is left out. */
export function bulletinCharts(
  year: number,
  sources: { submissions: SubmissionProgress; compliance: ComplianceDto; breakdown: BreakdownDto },
): BulletinChart[] {
  const charts = [submissionsChart(year, sources.submissions)];
  const regions = regionsChart(year, sources.compliance);
  if ((regions.option['yAxis'] as { data: string[] }).data.length > 0) charts.push(regions);
  const outcomes = outcomesChart(year, sources.breakdown);
  if ((outcomes.option['yAxis'] as { data: string[] }).data.length > 0) charts.push(outcomes);
  return charts;
}
