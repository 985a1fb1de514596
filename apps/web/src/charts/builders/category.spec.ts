import { describe, expect, it } from 'vitest';
import { buildCategoryOption, categoryTable, type CategoryChartInput } from './category';

const input: CategoryChartInput = {
  categories: ['2021', '2022', '2023'],
  categoryLabel: '年度',
  unit: '件',
  series: [
    { name: '收到申请', values: [120, 1340, null] },
    { name: '予以公开', values: [80, 900, 1000] },
  ],
};

type AnyRecord = Record<string, unknown>;

function tooltipOf(option: AnyRecord) {
  return (option.tooltip as { formatter: (params: unknown) => string }).formatter;
}

describe('buildCategoryOption', () => {
  it('draws one bar series per input series over the categories', () => {
    const option = buildCategoryOption(input) as AnyRecord;
    expect((option.xAxis as AnyRecord).data).toEqual(['2021', '2022', '2023']);
    expect((option.yAxis as AnyRecord).type).toBe('value');
    const series = option.series as AnyRecord[];
    expect(series.map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', '收到申请', [120, 1340, null]],
      ['bar', '予以公开', [80, 900, 1000]],
    ]);
    expect(option.legend).toMatchObject({ type: 'scroll' });
    expect(option.aria).toEqual({ enabled: true });
  });

  it('is pure: the same input gives the same option and the input is not changed', () => {
    const copy = structuredClone(input);
    const first = JSON.stringify(buildCategoryOption(input));
    expect(JSON.stringify(buildCategoryOption(input))).toBe(first);
    expect(input).toEqual(copy);
  });

  it('shows exact numbers with units in the tooltip, and a dash for missing data', () => {
    const formatter = tooltipOf(buildCategoryOption(input) as AnyRecord);
    const html = formatter([
      { seriesName: '收到申请', seriesIndex: 0, axisValueLabel: '2023', value: null, marker: '●' },
      { seriesName: '予以公开', seriesIndex: 1, axisValueLabel: '2023', value: 12345, marker: '●' },
    ]);
    expect(html).toContain('2023');
    expect(html).toContain('—');
    expect(html).toContain('12,345件');
  });

  it('escapes names in the tooltip', () => {
    const formatter = tooltipOf(
      buildCategoryOption({
        ...input,
        series: [{ name: '<img src=x>', values: [1, 2, 3] }],
      }) as AnyRecord,
    );
    const html = formatter([
      { seriesName: '<img src=x>', seriesIndex: 0, axisValueLabel: '2021', value: 1 },
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x&gt;');
  });

  it('draws lines, per-series units and a 0–100 axis for percentages', () => {
    const option = buildCategoryOption({
      ...input,
      type: 'line',
      unit: '%',
      series: [{ name: '办结率', values: [90, 95.5, 99] }],
    }) as AnyRecord;
    const [series] = option.series as AnyRecord[];
    expect(series).toMatchObject({ type: 'line', connectNulls: false });
    const axis = option.yAxis as {
      axisLabel: { formatter: (v: number) => string };
      max: (e: { max: number }) => number | null;
    };
    expect(axis.axisLabel.formatter(50)).toBe('50%');
    expect(axis.max({ max: 99 })).toBe(100);
    expect(option.legend).toEqual({ show: false });
    expect(tooltipOf(option)([{ seriesName: '办结率', seriesIndex: 0, value: 95.5 }])).toContain(
      '95.5%',
    );
  });

  it('lays rankings out horizontally, first category on top', () => {
    const option = buildCategoryOption({ ...input, horizontal: true }) as AnyRecord;
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: input.categories });
    expect((option.xAxis as AnyRecord).type).toBe('value');
  });

  it('shortens large axis values', () => {
    const axis = (buildCategoryOption(input) as AnyRecord).yAxis as {
      axisLabel: { formatter: (v: number) => string };
    };
    expect(axis.axisLabel.formatter(25000)).toBe('2.5万');
  });
});

describe('categoryTable', () => {
  it('has one row per category and one column per series, with units', () => {
    expect(categoryTable(input)).toEqual({
      columns: [
        { key: 'category', label: '年度' },
        { key: 's0', label: '收到申请', unit: '件', numeric: true },
        { key: 's1', label: '予以公开', unit: '件', numeric: true },
      ],
      rows: [
        { category: '2021', s0: 120, s1: 80 },
        { category: '2022', s0: 1340, s1: 900 },
        { category: '2023', s0: null, s1: 1000 },
      ],
    });
  });
});
