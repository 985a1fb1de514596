import { describe, expect, it } from 'vitest';
import type { MetricInfo, TrendDto } from '../../api/analytics';
import {
  buildTrendOption,
  percentAxisRange,
  trendClickTarget,
  trendLayout,
  trendOfMetrics,
  trendTable,
} from './trend';

type Fn = (...args: unknown[]) => string;
interface Series {
  name: string;
  type: string;
  data: (number | null)[];
  yAxisIndex: number;
  stack?: string;
  areaStyle?: unknown;
  color?: string;
}
interface Axis {
  name?: string;
  minInterval?: number;
  min?: number;
  max?: number | ((extent: { max: number }) => number | null);
}

const scope = { agencies: [{ id: 'r', code: 'QS', name: '青山县人民政府' }], subtree: true };
const metric = (key: string, nameZh: string, unit: string): MetricInfo => ({
  key,
  nameZh,
  nameEn: key,
  unit,
  definition: '',
  source: 'cells',
  ratio: unit === '%',
});
const received = metric('applicationsReceived', '收到申请数', '件');
const rate = metric('disclosureRate', '公开率', '%');
const fees = metric('feesCollected', '收费金额', '万元');

/** Child region i (0-based) has uuid-like key, code C{i}, and the values `value(i, year)`. */
function byChild(
  metrics: MetricInfo[],
  regions: number,
  value: (metric: string, region: number, year: number) => number | null,
): TrendDto {
  const years = [2022, 2023, 2024];
  return {
    scope,
    fromYear: 2022,
    toYear: 2024,
    groupBy: 'child',
    metrics,
    series: metrics.flatMap((m) =>
      Array.from({ length: regions }, (_, i) => ({
        metric: m.key,
        group: {
          key: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          name: `地区${i}`,
          code: `C${i}`,
        },
        points: years.map((year) => ({ year, value: value(m.key, i, year), reports: 1 })),
      })),
    ),
  };
}

const seriesOf = (option: unknown) => (option as { series: Series[] }).series;
const yAxesOf = (option: unknown) => (option as { yAxis: Axis[] }).yAxis;

describe('trend grouped by many child regions', () => {
  // 56 regions × 2 metrics: 112 series, as a province's trend grouped by child region.
  const answer = byChild([received, rate], 56, (key, i, year) =>
    key === 'applicationsReceived'
      ? // Region 55 leads in 2024 though it was small before; region 0 has no 2024 value.
        i === 0 && year === 2024
        ? null
        : (i === 55 && year === 2024 ? 1000 : i) + (year - 2022)
      : 40 + (i % 10),
  );

  it('draws the top groups of each metric by the latest year as lines and folds the rest into one band', () => {
    const layout = trendLayout(answer);
    // Eight lines in all, shared by the two metrics.
    expect(layout.map((l) => l.lines.length)).toEqual([4, 4]);
    expect(layout.map((l) => l.lines.length + l.others.length)).toEqual([56, 56]);
    // Highest 2024 value first; region 0 (no 2024 value) is folded, not dropped.
    expect(layout[0]?.lines).toEqual([55, 54, 53, 52]);
    expect(layout[0]?.others).toContain(0);

    const option = buildTrendOption(answer, {
      yearLabel: '年度',
      othersName: (n) => `其他 ${n} 个地区`,
    }) as Record<string, unknown>;
    const series = seriesOf(option);
    // 4 lines + band (lower edge + height) per metric.
    expect(series).toHaveLength(12);
    expect(series.slice(0, 4).map((s) => s.name)).toEqual([
      '收到申请数 · 地区55',
      '收到申请数 · 地区54',
      '收到申请数 · 地区53',
      '收到申请数 · 地区52',
    ]);
    const [base, band] = [series[4], series[5]] as Series[];
    expect(base.name).toBe('收到申请数 · 其他 52 个地区');
    expect(band.name).toBe(base.name);
    expect(base.stack).toBe(band.stack);
    // Others: regions 0–51, 2022 values 0..51 → 0–51; 2024 without region 0: 3..53.
    expect(base.data).toEqual([0, 1, 3]);
    expect(band.data).toEqual([51, 51, 50]);
    expect(band.areaStyle).toBeDefined();
    // Rates go on the right axis, band included, in a tint of its own.
    expect(series.slice(6).every((s) => s.yAxisIndex === 1)).toBe(true);
    expect(series[11]?.areaStyle).toBeDefined();
    expect(series[11]?.color).not.toBe(band.color);

    const legend = option.legend as { type: string; data: unknown[] };
    expect(legend.type).toBe('plain');
    expect(legend.data).toHaveLength(10);
  });

  it('says the range of the folded groups in the tooltip, not the height of the band', () => {
    const option = buildTrendOption(answer, {
      yearLabel: '年度',
      othersName: (n) => `其他 ${n} 个地区`,
    }) as Record<string, unknown>;
    const tooltip = (option.tooltip as { formatter: Fn }).formatter([
      {
        seriesIndex: 0,
        dataIndex: 0,
        seriesName: '收到申请数 · 地区55',
        value: 55,
        axisValueLabel: '2022',
      },
      { seriesIndex: 4, dataIndex: 0, seriesName: '收到申请数 · 其他 52 个地区', value: 0 },
      { seriesIndex: 5, dataIndex: 0, seriesName: '收到申请数 · 其他 52 个地区', value: 51 },
    ]);
    expect(tooltip).toContain('55件');
    expect(tooltip).toContain('0件 – 51件');
    expect(tooltip.match(/其他 52 个地区/g)).toHaveLength(1);
  });

  it('keeps every group in the data view', () => {
    const table = trendTable(answer, { yearLabel: '年度' });
    expect(table.columns).toHaveLength(1 + 112);
    expect(table.rows[0]?.['s55']).toBe(55);
  });

  it('opens the region of a clicked line, whatever its place in the answer, and nothing for the band', () => {
    const click = (seriesIndex: number) => ({ componentType: 'series', seriesIndex, dataIndex: 2 });
    expect(trendClickTarget(answer, click(0))).toEqual({
      metric: 'applicationsReceived',
      year: 2024,
      agencyId: answer.series[55]?.group.key,
    });
    expect(trendClickTarget(answer, click(5))).toBeNull();
    expect(trendClickTarget(answer, click(6))?.metric).toBe('disclosureRate');
  });

  it('leaves a few groups alone', () => {
    const few = byChild([received], 10, (_, i) => i);
    expect(trendLayout(few)[0]).toMatchObject({ others: [] });
    expect(seriesOf(buildTrendOption(few, { yearLabel: '年度' }))).toHaveLength(10);
  });
});

describe('trend axes', () => {
  it('names the units of both axes and keeps whole counts at whole ticks', () => {
    const answer = byChild([received, rate], 2, (_, i) => i + 1);
    const [counts, percents] = yAxesOf(buildTrendOption(answer, { yearLabel: '年度' }));
    expect(counts).toMatchObject({ name: '件', minInterval: 1 });
    expect(percents?.name).toBe('%');
  });

  it('lets money have fractions', () => {
    const answer = byChild([fees], 2, () => 0.4);
    const [axis] = yAxesOf(buildTrendOption(answer, { yearLabel: '年度' }));
    expect(axis?.name).toBe('万元');
    expect(axis?.minInterval).toBeUndefined();
  });

  it('zooms a rate axis to high rates so that their lines stay apart', () => {
    expect(percentAxisRange([97.2, 99.5, 100, null])).toEqual({ min: 95, max: 100 });
    expect(percentAxisRange([40, 99])).toEqual({ min: 0, max: 100 });
    expect(percentAxisRange([])).toEqual({ min: 0, max: 100 });
    expect(percentAxisRange([80, 130]).max).toBeNull();

    const high = byChild([rate], 3, (_, i, year) => 97 + i + (year - 2022) * 0.5);
    const [axis] = yAxesOf(buildTrendOption(high, { yearLabel: '年度' }));
    expect(axis?.min).toBe(95);
    // Bars and stacked shares keep their zero.
    const [bars] = yAxesOf(buildTrendOption(high, { yearLabel: '年度', type: 'bar' }));
    expect(bars?.min).toBe(0);
    const [stacked] = yAxesOf(buildTrendOption(high, { yearLabel: '年度', stacked: true }));
    expect(stacked?.min).toBe(0);
  });
});

describe('one answer for many charts', () => {
  it('gives a chart its own metrics, in its order, with every group of each', () => {
    const answer = byChild([received, rate, fees], 2, (m, i) => (m === 'feesCollected' ? 9 : i));
    const part = trendOfMetrics(answer, ['feesCollected', 'applicationsReceived', 'unknownMetric']);
    expect(part.metrics.map((m) => m.key)).toEqual(['feesCollected', 'applicationsReceived']);
    expect(part.series.map((s) => `${s.metric}/${s.group.name}`)).toEqual([
      'feesCollected/地区0',
      'feesCollected/地区1',
      'applicationsReceived/地区0',
      'applicationsReceived/地区1',
    ]);
    expect(part.series[0]?.points).toEqual(answer.series[4]?.points);
    expect({ ...part, metrics: [], series: [] }).toEqual({ ...answer, metrics: [], series: [] });
  });
});
